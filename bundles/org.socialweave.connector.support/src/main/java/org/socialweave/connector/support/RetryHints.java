package org.socialweave.connector.support;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads "do not call again before T" from HTTP response headers.
 *
 * <p>Why: each network says it differently, and a connector that ignores it gets throttled harder.
 * Understood, all case-insensitive:
 *
 * <ul>
 *   <li>{@code Retry-After}: delta-seconds or an HTTP-date (RFC 9110 §10.2.3; IMF-fixdate, RFC 850
 *       and asctime forms);
 *   <li>X: {@code x-rate-limit-reset} and the 24-hour {@code x-app-limit-24hour-reset}, {@code
 *       x-user-limit-24hour-reset} (epoch seconds), used when the matching {@code -remaining} is 0
 *       or absent;
 *   <li>Mastodon: {@code X-RateLimit-Reset} as an ISO-8601 timestamp (when {@code
 *       X-RateLimit-Remaining} is 0 or absent);
 *   <li>Bluesky / IETF draft: {@code ratelimit-reset}; Bluesky sends epoch seconds, the draft
 *       delta-seconds, told apart by size (values below 10^9 are deltas).
 * </ul>
 *
 * When several apply the latest instant wins. Body-borne hints (Telegram {@code
 * parameters.retry_after}, Weibo/WeChat error codes) are for the connectors, which can turn a
 * number of seconds into an instant with {@link #afterSeconds(long, Clock)}.
 */
public final class RetryHints {

  private static final long EPOCH_THRESHOLD = 1_000_000_000L;
  private static final String[][] RESET_FAMILIES = {
    // {reset header, remaining header}
    {"x-rate-limit-reset", "x-rate-limit-remaining"},
    {"x-app-limit-24hour-reset", "x-app-limit-24hour-remaining"},
    {"x-user-limit-24hour-reset", "x-user-limit-24hour-remaining"},
    {"ratelimit-reset", "ratelimit-remaining"},
  };
  private static final DateTimeFormatter RFC_850 =
      DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss zzz", Locale.US);
  private static final DateTimeFormatter ASCTIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US)
          .withZone(java.time.ZoneOffset.UTC);

  private RetryHints() {}

  /** The instant the headers say to wait for, or empty when they say nothing usable. */
  public static Optional<Instant> parse(Map<String, List<String>> headers, Clock clock) {
    if (headers == null || headers.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Instant best = null;
    String retryAfter = header(headers, "retry-after");
    if (retryAfter != null) {
      best = later(best, parseRetryAfter(retryAfter, now));
    }
    for (String[] family : RESET_FAMILIES) {
      String reset = header(headers, family[0]);
      if (reset == null || hasRemaining(header(headers, family[1]))) {
        continue;
      }
      Long value = parseLong(reset);
      if (value != null && value >= 0) {
        best =
            later(
                best,
                value >= EPOCH_THRESHOLD ? Instant.ofEpochSecond(value) : now.plusSeconds(value));
      }
    }
    String mastodonReset = header(headers, "x-ratelimit-reset");
    if (mastodonReset != null && !hasRemaining(header(headers, "x-ratelimit-remaining"))) {
      best = later(best, parseIsoInstant(mastodonReset));
    }
    return Optional.ofNullable(best);
  }

  /** {@code now + seconds}: for body hints such as Telegram's {@code parameters.retry_after}. */
  public static Instant afterSeconds(long seconds, Clock clock) {
    return clock.instant().plusSeconds(Math.max(0, seconds));
  }

  /** Parses a {@code Retry-After} value: delta-seconds or HTTP-date; null when neither. */
  static Instant parseRetryAfter(String value, Instant now) {
    String v = value.trim();
    Long seconds = parseLong(v);
    if (seconds != null) {
      return seconds < 0 ? null : now.plusSeconds(seconds);
    }
    for (DateTimeFormatter f :
        new DateTimeFormatter[] {DateTimeFormatter.RFC_1123_DATE_TIME, RFC_850, ASCTIME}) {
      try {
        return ZonedDateTime.parse(v, f).toInstant();
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    return null;
  }

  private static Instant parseIsoInstant(String value) {
    try {
      return OffsetDateTime.parse(value.trim()).toInstant();
    } catch (DateTimeParseException e) {
      Long epoch = parseLong(value);
      return epoch != null && epoch >= EPOCH_THRESHOLD ? Instant.ofEpochSecond(epoch) : null;
    }
  }

  private static boolean hasRemaining(String remaining) {
    Long value = remaining == null ? null : parseLong(remaining);
    return value != null && value > 0;
  }

  private static Long parseLong(String value) {
    String v = value.trim();
    if (v.isEmpty() || v.length() > 18) {
      return null;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!(c >= '0' && c <= '9') && !(i == 0 && c == '-' && v.length() > 1)) {
        return null;
      }
    }
    return Long.parseLong(v);
  }

  private static String header(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null
          && e.getKey().equalsIgnoreCase(name)
          && e.getValue() != null
          && !e.getValue().isEmpty()
          && e.getValue().get(0) != null) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  private static Instant later(Instant a, Instant b) {
    if (b == null) {
      return a;
    }
    return a == null || b.isAfter(a) ? b : a;
  }
}
