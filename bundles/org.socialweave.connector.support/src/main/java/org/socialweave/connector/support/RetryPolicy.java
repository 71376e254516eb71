package org.socialweave.connector.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether and when to retry a failed call: at most {@code maxAttempts} attempts in all,
 * jittered exponential {@link Backoff} between them, and a server hint (from {@link RetryHints})
 * taking precedence over the backoff when there is one.
 *
 * <p>Why: every connector needs the same bounded loop, and the two classic mistakes (retrying
 * forever, and retrying before the server said it would accept) are made once here rather than six
 * times. A hint that lies further away than {@code maxDelay} ends the in-process retries: the
 * caller should reschedule the job (e.g. its outbox row) for the hinted instant instead of holding
 * a thread.
 */
public final class RetryPolicy {

  private final int maxAttempts;
  private final Backoff backoff;
  private final Duration maxDelay;
  private final Clock clock;

  /**
   * @param maxAttempts attempts in all, including the first one (1 means never retry)
   * @param backoff delays when the server gives no hint
   * @param maxDelay the longest wait this policy accepts, hint or not
   * @param clock time source for hints
   */
  public RetryPolicy(int maxAttempts, Backoff backoff, Duration maxDelay, Clock clock) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    if (maxDelay.isNegative()) {
      throw new IllegalArgumentException("maxDelay must not be negative: " + maxDelay);
    }
    this.maxAttempts = maxAttempts;
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.maxDelay = maxDelay;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Attempts in all, including the first. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * The wait before the next attempt after {@code attemptsMade} attempts have failed, or empty when
   * the caller must stop: attempts exhausted, or the server's hint lies beyond {@code maxDelay}.
   * Without a hint the backoff delay is used, capped at {@code maxDelay}; a hint in the past means
   * "now".
   */
  public Optional<Duration> nextDelay(int attemptsMade, Optional<Instant> serverHint) {
    if (attemptsMade < 1) {
      throw new IllegalArgumentException("attemptsMade is at least 1: " + attemptsMade);
    }
    if (attemptsMade >= maxAttempts) {
      return Optional.empty();
    }
    if (serverHint.isPresent()) {
      Duration wait = Duration.between(clock.instant(), serverHint.get());
      if (wait.isNegative()) {
        wait = Duration.ZERO;
      }
      return wait.compareTo(maxDelay) > 0 ? Optional.empty() : Optional.of(wait);
    }
    Duration delay = backoff.delay(attemptsMade);
    return Optional.of(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
  }

  /** {@link #nextDelay(int, Optional)} without a server hint. */
  public Optional<Duration> nextDelay(int attemptsMade) {
    return nextDelay(attemptsMade, Optional.empty());
  }
}
