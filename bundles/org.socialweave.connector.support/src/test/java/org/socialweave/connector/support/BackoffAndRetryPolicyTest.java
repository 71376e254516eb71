package org.socialweave.connector.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.Test;

public class BackoffAndRetryPolicyTest {

  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private final MutableClock clock = new MutableClock(T0);

  /** A Random whose nextDouble is fixed. */
  private static Random fixed(double value) {
    return new Random() {
      private static final long serialVersionUID = 1L;

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }

  @Test
  public void ceilingDoublesUpToCap() {
    Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), new Random(1));
    assertEquals(Duration.ofMillis(500), b.ceiling(1));
    assertEquals(Duration.ofSeconds(1), b.ceiling(2));
    assertEquals(Duration.ofSeconds(2), b.ceiling(3));
    assertEquals(Duration.ofSeconds(8), b.ceiling(5));
    assertEquals(Duration.ofSeconds(10), b.ceiling(6));
    assertEquals(Duration.ofSeconds(10), b.ceiling(1000)); // no overflow
  }

  @Test
  public void fullJitterSpansZeroToCeiling() {
    assertEquals(
        Duration.ZERO,
        new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), fixed(0.0)).delay(3));
    assertEquals(
        Duration.ofSeconds(4),
        new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), fixed(0.9999999)).delay(3));
    assertEquals(
        Duration.ofSeconds(2),
        new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), fixed(0.5)).delay(3));
  }

  @Test
  public void jitteredDelaysStayWithinBoundsAndVary() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), new Random(42));
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < 1000; i++) {
      long d = b.delay(4).toMillis();
      assertTrue(d >= 0 && d <= 800);
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    assertTrue(min < 100);
    assertTrue(max > 700);
  }

  @Test
  public void attemptsAreBounded() {
    RetryPolicy p =
        new RetryPolicy(
            3,
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), fixed(0.5)),
            Duration.ofMinutes(1),
            clock);
    assertEquals(Optional.of(Duration.ofMillis(500)), p.nextDelay(1));
    assertEquals(Optional.of(Duration.ofSeconds(1)), p.nextDelay(2));
    assertFalse(p.nextDelay(3).isPresent());
    assertFalse(
        new RetryPolicy(
                1,
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), fixed(0)),
                Duration.ofSeconds(1),
                clock)
            .nextDelay(1)
            .isPresent());
  }

  @Test
  public void serverHintWinsOverBackoff() {
    RetryPolicy p =
        new RetryPolicy(
            5,
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), fixed(0.5)),
            Duration.ofMinutes(2),
            clock);
    assertEquals(
        Optional.of(Duration.ofSeconds(15)), p.nextDelay(1, Optional.of(T0.plusSeconds(15))));
    assertEquals(Optional.of(Duration.ZERO), p.nextDelay(1, Optional.of(T0.minusSeconds(5))));
  }

  @Test
  public void hintBeyondCapStopsInProcessRetries() {
    RetryPolicy p =
        new RetryPolicy(
            5,
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), fixed(0.5)),
            Duration.ofMinutes(2),
            clock);
    assertFalse(p.nextDelay(1, Optional.of(T0.plus(Duration.ofMinutes(15)))).isPresent());
  }

  @Test
  public void backoffDelayIsCappedByMaxDelay() {
    RetryPolicy p =
        new RetryPolicy(
            10,
            new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(10), fixed(0.9999999)),
            Duration.ofSeconds(30),
            clock);
    assertEquals(Optional.of(Duration.ofSeconds(30)), p.nextDelay(5));
  }

  @Test(expected = IllegalArgumentException.class)
  public void capBelowBaseRefused() {
    new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(1), new Random());
  }
}
