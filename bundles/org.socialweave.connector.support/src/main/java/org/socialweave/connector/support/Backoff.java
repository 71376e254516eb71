package org.socialweave.connector.support;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * Exponential backoff with full jitter: the delay before retry {@code n} (1-based) is uniform in
 * {@code [0, min(cap, base * 2^(n-1))]}.
 *
 * <p>Why: many clients retrying a failed network on a fixed schedule hit it again all at once; full
 * jitter spreads them out (the AWS Architecture Blog's "Exponential Backoff And Jitter"). The
 * {@link Random} is injected so tests are deterministic.
 */
public final class Backoff {

  private final Duration base;
  private final Duration cap;
  private final Random random;

  /**
   * @param base the ceiling of the first delay, positive
   * @param cap the largest ceiling, at least {@code base}
   * @param random jitter source
   */
  public Backoff(Duration base, Duration cap, Random random) {
    if (base.isNegative() || base.isZero()) {
      throw new IllegalArgumentException("base must be positive: " + base);
    }
    if (cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("cap must be at least base: " + cap + " < " + base);
    }
    this.base = base;
    this.cap = cap;
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The ceiling before jitter for retry {@code retry} (1-based): min(cap, base * 2^(retry-1)). */
  public Duration ceiling(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry is 1-based: " + retry);
    }
    long baseMillis = Math.max(1, base.toMillis());
    long capMillis = cap.toMillis();
    int shift = Math.min(retry - 1, 62);
    long ceiling =
        baseMillis > (capMillis >> shift) ? capMillis : Math.min(capMillis, baseMillis << shift);
    return Duration.ofMillis(ceiling);
  }

  /** A jittered delay for retry {@code retry} (1-based), uniform in [0, ceiling(retry)]. */
  public Duration delay(int retry) {
    long ceiling = ceiling(retry).toMillis();
    long millis;
    synchronized (random) {
      millis = (long) Math.floor(random.nextDouble() * (ceiling + 1));
    }
    return Duration.ofMillis(Math.min(millis, ceiling));
  }

  /** The largest delay this backoff ever returns. */
  public Duration cap() {
    return cap;
  }
}
