package org.socialweave.webhooks.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed delivery again: the n-th retry waits the n-th step of the schedule (the last
 * step repeats), spread by up to {@link #JITTER} either way so that receivers coming back after an
 * outage are not hit by every queued delivery in the same second.
 */
public final class Backoff {

  static final double JITTER = 0.2;

  private final List<Duration> steps;
  private final DoubleSupplier random;

  Backoff(List<Duration> steps, DoubleSupplier random) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a backoff schedule needs at least one step");
    }
    this.steps = List.copyOf(steps);
    this.random = random;
  }

  /** Parses {@code "PT1M,PT5M,PT30M"} (ISO-8601 durations, comma-separated). */
  static Backoff parse(String schedule, DoubleSupplier random) {
    List<Duration> steps = new ArrayList<>();
    for (String part : schedule.split(",")) {
      try {
        Duration step = Duration.parse(part.strip());
        if (step.isNegative() || step.isZero()) {
          throw new IllegalArgumentException("backoff steps must be positive: " + part);
        }
        steps.add(step);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not an ISO-8601 duration: " + part, e);
      }
    }
    return new Backoff(steps, random);
  }

  /** The nominal wait after {@code failedAttempts} failures (1 = after the first attempt). */
  Duration nominal(int failedAttempts) {
    return steps.get(Math.min(Math.max(failedAttempts, 1), steps.size()) - 1);
  }

  /** The nominal wait with jitter applied. */
  Duration delay(int failedAttempts) {
    double factor = 1 + JITTER * (2 * random.getAsDouble() - 1);
    return Duration.ofMillis(Math.round(nominal(failedAttempts).toMillis() * factor));
  }
}
