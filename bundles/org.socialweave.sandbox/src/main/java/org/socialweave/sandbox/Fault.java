package org.socialweave.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure the sandbox plays instead of (or around) a normal answer. Each simulator plays it in
 * its network's wire format: Telegram's {@code {"ok":false,...}} envelope, Mastodon's {@code
 * {"error":"..."}} (a Mastodon {@link Type#RATE_LIMITED} sets {@code X-RateLimit-Reset} to now plus
 * {@code retryAfterSeconds}, as an ISO-8601 timestamp), X's problem objects (an X {@link
 * Type#RATE_LIMITED} sets {@code x-rate-limit-reset} in epoch seconds).
 *
 * @param type what happens
 * @param status the HTTP status for {@link Type#ERROR}, {@link Type#SERVER_ERROR} and {@link
 *     Type#RAW}
 * @param retryAfterSeconds the {@code parameters.retry_after} of {@link Type#RATE_LIMITED}
 * @param description the envelope's {@code description} for {@link Type#ERROR}
 * @param body the exact body of {@link Type#RAW}
 * @param delay how long {@link Type#DELAY} waits before answering
 */
public record Fault(
    Type type, int status, int retryAfterSeconds, String description, String body, Duration delay) {

  /** The kinds of fault. */
  public enum Type {
    /** 429 in Telegram's envelope with {@code parameters.retry_after}; nothing is stored. */
    RATE_LIMITED,
    /** A 5xx answer (500: Telegram's envelope; others: a gateway's HTML page); nothing stored. */
    SERVER_ERROR,
    /** Any status with Telegram's error envelope and the given description; nothing stored. */
    ERROR,
    /** Any status with exactly the given body (malformed answers); nothing stored. */
    RAW,
    /** The call is processed normally (a message is stored) but answered only after a delay. */
    DELAY,
    /** The call is processed normally (a message is stored), then the connection is dropped. */
    ACCEPT_THEN_DROP
  }

  public Fault {
    Objects.requireNonNull(type, "type");
  }

  public static Fault rateLimited(int retryAfterSeconds) {
    return new Fault(Type.RATE_LIMITED, 429, retryAfterSeconds, null, null, null);
  }

  public static Fault serverError(int status) {
    if (status < 500 || status > 599) {
      throw new IllegalArgumentException("not a 5xx status: " + status);
    }
    return new Fault(Type.SERVER_ERROR, status, 0, null, null, null);
  }

  public static Fault error(int status, String description) {
    return new Fault(Type.ERROR, status, 0, description, null, null);
  }

  public static Fault raw(int status, String body) {
    return new Fault(Type.RAW, status, 0, null, body, null);
  }

  public static Fault delay(Duration delay) {
    return new Fault(Type.DELAY, 0, 0, null, null, delay);
  }

  public static Fault acceptThenDrop() {
    return new Fault(Type.ACCEPT_THEN_DROP, 0, 0, null, null, null);
  }
}
