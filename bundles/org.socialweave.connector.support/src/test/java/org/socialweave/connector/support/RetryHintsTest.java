package org.socialweave.connector.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class RetryHintsTest {

  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private final MutableClock clock = new MutableClock(T0);

  private static Map<String, List<String>> headers(String... nameValues) {
    Map<String, List<String>> map = new HashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      map.put(nameValues[i], List.of(nameValues[i + 1]));
    }
    return map;
  }

  @Test
  public void retryAfterDeltaSeconds() {
    assertEquals(
        Optional.of(T0.plusSeconds(120)), RetryHints.parse(headers("Retry-After", "120"), clock));
    assertEquals(
        Optional.of(T0.plusSeconds(5)), RetryHints.parse(headers("retry-after", " 5 "), clock));
  }

  @Test
  public void retryAfterHttpDateInAllThreeForms() {
    Instant when = Instant.parse("2026-11-24T10:05:00Z");
    assertEquals(
        Optional.of(when),
        RetryHints.parse(headers("Retry-After", "Tue, 24 Nov 2026 10:05:00 GMT"), clock));
    assertEquals(
        Optional.of(when),
        RetryHints.parse(headers("Retry-After", "Tuesday, 24-Nov-26 10:05:00 GMT"), clock));
    assertEquals(
        Optional.of(when),
        RetryHints.parse(headers("Retry-After", "Tue Nov 24 10:05:00 2026"), clock));
  }

  @Test
  public void garbageIsIgnored() {
    assertFalse(RetryHints.parse(headers("Retry-After", "soon"), clock).isPresent());
    assertFalse(RetryHints.parse(headers("Retry-After", "-3"), clock).isPresent());
    assertFalse(RetryHints.parse(headers("x-rate-limit-reset", "abc"), clock).isPresent());
    assertFalse(RetryHints.parse(Map.of(), clock).isPresent());
    assertFalse(RetryHints.parse(null, clock).isPresent());
  }

  @Test
  public void xResetEpochSecondsWhenExhausted() {
    long reset = T0.getEpochSecond() + 900;
    assertEquals(
        Optional.of(Instant.ofEpochSecond(reset)),
        RetryHints.parse(
            headers(
                "x-rate-limit-limit", "50",
                "x-rate-limit-remaining", "0",
                "x-rate-limit-reset", Long.toString(reset)),
            clock));
  }

  @Test
  public void xResetIgnoredWhileRequestsRemain() {
    long reset = T0.getEpochSecond() + 900;
    assertFalse(
        RetryHints.parse(
                headers("x-rate-limit-remaining", "12", "x-rate-limit-reset", Long.toString(reset)),
                clock)
            .isPresent());
  }

  @Test
  public void x24HourCapWinsWhenLater() {
    long window = T0.getEpochSecond() + 600;
    long day = T0.getEpochSecond() + 20_000;
    assertEquals(
        Optional.of(Instant.ofEpochSecond(day)),
        RetryHints.parse(
            headers(
                "x-rate-limit-remaining",
                "0",
                "x-rate-limit-reset",
                Long.toString(window),
                "x-user-limit-24hour-remaining",
                "0",
                "x-user-limit-24hour-reset",
                Long.toString(day)),
            clock));
  }

  @Test
  public void mastodonIsoReset() {
    assertEquals(
        Optional.of(Instant.parse("2026-11-24T10:05:00.019685Z")),
        RetryHints.parse(
            headers(
                "X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset", "2026-11-24T10:05:00.019685Z"),
            clock));
  }

  @Test
  public void blueskyEpochAndIetfDeltaReset() {
    long reset = T0.getEpochSecond() + 300;
    assertEquals(
        Optional.of(Instant.ofEpochSecond(reset)),
        RetryHints.parse(
            headers("ratelimit-remaining", "0", "ratelimit-reset", Long.toString(reset)), clock));
    assertEquals(
        Optional.of(T0.plusSeconds(42)),
        RetryHints.parse(headers("RateLimit-Remaining", "0", "RateLimit-Reset", "42"), clock));
  }

  @Test
  public void latestHintWins() {
    assertEquals(
        Optional.of(T0.plusSeconds(60)),
        RetryHints.parse(
            headers(
                "Retry-After", "60",
                "x-rate-limit-remaining", "0",
                "x-rate-limit-reset", Long.toString(T0.getEpochSecond() + 30)),
            clock));
  }

  @Test
  public void telegramRetryAfterFromBody() {
    assertEquals(T0.plusSeconds(15), RetryHints.afterSeconds(15, clock));
    assertEquals(T0, RetryHints.afterSeconds(-1, clock));
  }
}
