package org.socialweave.api.connector;

import java.time.Instant;

/**
 * One value of one metric at one time. Metrics are stored append-only and idempotently on (channel,
 * post, metric name, {@code at}), so a connector reporting the same point twice is harmless.
 *
 * @param at when the value was true: the network's timestamp, or the time it was read for networks
 *     that only give current totals
 * @param value the value, a whole number for counts; finite
 */
public record MetricPoint(Instant at, double value) {

  public MetricPoint {
    if (at == null) {
      throw new IllegalArgumentException("at is required");
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite, was " + value);
    }
  }
}
