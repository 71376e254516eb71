package org.socialweave.connector.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Token buckets keyed by a string, all with the same capacity and refill rate: one limiter for an
 * app-level limit keyed by app id, another for a per-account limit keyed by account id.
 *
 * <p>Why: a connector serves many channels, and each network limits per app and per account; the
 * buckets appear on first use and full, idle ones can be dropped with {@link #evictIdle()} so the
 * memory follows the active channels. Combine two limiters with {@link #tryAcquire(RateLimiter,
 * String, RateLimiter, String)}. Thread-safe; time from the injected {@link Clock}.
 */
public final class RateLimiter {

  private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final long capacity;
  private final long refillTokens;
  private final Duration refillPeriod;
  private final Clock clock;

  /** A limiter whose buckets hold {@code capacity} and refill {@code refillTokens} per period. */
  public RateLimiter(long capacity, long refillTokens, Duration refillPeriod, Clock clock) {
    new TokenBucket(capacity, refillTokens, refillPeriod, clock); // validates the arguments
    this.capacity = capacity;
    this.refillTokens = refillTokens;
    this.refillPeriod = refillPeriod;
    this.clock = clock;
  }

  /** The bucket of {@code key}, created full on first use. */
  public TokenBucket bucket(String key) {
    Objects.requireNonNull(key, "key");
    return buckets.computeIfAbsent(
        key, k -> new TokenBucket(capacity, refillTokens, refillPeriod, clock));
  }

  /** Takes one token from {@code key}'s bucket if there is one. */
  public boolean tryAcquire(String key) {
    return bucket(key).tryAcquire();
  }

  /** Takes {@code permits} tokens from {@code key}'s bucket if all are there. */
  public boolean tryAcquire(String key, int permits) {
    return bucket(key).tryAcquire(permits);
  }

  /** When {@code key} can have one token. */
  public Instant nextAvailable(String key) {
    return bucket(key).nextAvailable();
  }

  /** Applies a server hint: {@code key} gets nothing before {@code until}. */
  public void pauseUntil(String key, Instant until) {
    bucket(key).pauseUntil(until);
  }

  /** Drops the buckets that are full and not paused; returns how many were dropped. */
  public int evictIdle() {
    int before = buckets.size();
    buckets.entrySet().removeIf(e -> e.getValue().isIdle());
    return before - buckets.size();
  }

  /** Number of keys with a bucket. */
  public int size() {
    return buckets.size();
  }

  /**
   * One token from both {@code a[keyA]} and {@code b[keyB]} or from neither (e.g. the app limit and
   * the account limit of one request).
   */
  public static boolean tryAcquire(RateLimiter a, String keyA, RateLimiter b, String keyB) {
    return TokenBucket.tryAcquireAll(1, a.bucket(keyA), b.bucket(keyB));
  }

  /** When both {@code a[keyA]} and {@code b[keyB]} can have one token. */
  public static Instant nextAvailable(RateLimiter a, String keyA, RateLimiter b, String keyB) {
    return TokenBucket.nextAvailableAll(1, a.bucket(keyA), b.bucket(keyB));
  }
}
