package org.socialweave.sandbox.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.TemporalUnit;

/** A simulator's clock: real time plus what the tests advanced it by. */
final class SimClock {

  private final TemporalUnit precision;
  private Duration offset = Duration.ZERO;

  /** {@code precision} is what the network's timestamps show (seconds, milliseconds). */
  SimClock(TemporalUnit precision) {
    this.precision = precision;
  }

  synchronized void advance(Duration duration) {
    offset = offset.plus(duration);
  }

  synchronized Instant now() {
    return Instant.now().plus(offset).truncatedTo(precision);
  }

  synchronized void reset() {
    offset = Duration.ZERO;
  }
}
