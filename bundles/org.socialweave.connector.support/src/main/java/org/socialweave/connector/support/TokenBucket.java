package org.socialweave.connector.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A token bucket: up to {@code capacity} tokens, refilled continuously at {@code refillTokens} per
 * {@code refillPeriod}; each call spends tokens or is told when they will be there.
 *
 * <p>Why: networks limit requests per app and per account (X 15-minute windows, Bluesky write
 * points, Telegram about one message per second per chat); staying under the limit locally is
 * cheaper than collecting 429s. Time comes from an injected {@link Clock} so tests need no sleeps.
 * A server hint ("exhausted until T") is applied with {@link #pauseUntil(Instant)}. Thread-safe.
 */
public final class TokenBucket {

  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final long id = SEQUENCE.incrementAndGet();
  private final ReentrantLock lock = new ReentrantLock();
  private final Clock clock;
  private final long capacity;
  private final double tokensPerNano;
  private double tokens;
  private Instant last;
  private Instant pausedUntil = Instant.MIN;

  /**
   * A full bucket.
   *
   * @param capacity most tokens the bucket holds (the burst size), at least 1
   * @param refillTokens tokens added per {@code refillPeriod}, at least 1
   * @param refillPeriod the period, positive
   * @param clock time source
   */
  public TokenBucket(long capacity, long refillTokens, Duration refillPeriod, Clock clock) {
    if (capacity < 1 || refillTokens < 1) {
      throw new IllegalArgumentException("capacity and refillTokens must be at least 1");
    }
    if (refillPeriod.isZero() || refillPeriod.isNegative()) {
      throw new IllegalArgumentException("refillPeriod must be positive: " + refillPeriod);
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.capacity = capacity;
    this.tokensPerNano = refillTokens / (double) toNanos(refillPeriod);
    this.tokens = capacity;
    this.last = clock.instant();
  }

  /** Most tokens this bucket holds. */
  public long capacity() {
    return capacity;
  }

  /** Takes one token if there is one. */
  public boolean tryAcquire() {
    return tryAcquire(1);
  }

  /** Takes {@code permits} tokens if all are there; takes nothing otherwise. */
  public boolean tryAcquire(int permits) {
    checkPermits(permits);
    lock.lock();
    try {
      Instant now = refill();
      if (now.isBefore(pausedUntil) || tokens < permits) {
        return false;
      }
      tokens -= permits;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** When one token will be available: now if it is already, otherwise the refill instant. */
  public Instant nextAvailable() {
    return nextAvailable(1);
  }

  /** When {@code permits} tokens will be available (now if they already are). */
  public Instant nextAvailable(int permits) {
    checkPermits(permits);
    lock.lock();
    try {
      Instant now = refill();
      Instant from = now.isBefore(pausedUntil) ? pausedUntil : now;
      double missing = permits - tokens;
      if (missing <= 0) {
        return from;
      }
      long nanos = (long) Math.ceil(missing / tokensPerNano);
      return from.plusNanos(nanos);
    } finally {
      lock.unlock();
    }
  }

  /** Tokens available now (fractional while refilling). */
  public double available() {
    lock.lock();
    try {
      Instant now = refill();
      return now.isBefore(pausedUntil) ? 0 : tokens;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Applies a server's "exhausted until" hint: no token is handed out before {@code until}, and the
   * bucket refills from empty from then on. A hint earlier than a pause in force is ignored.
   */
  public void pauseUntil(Instant until) {
    Objects.requireNonNull(until, "until");
    lock.lock();
    try {
      refill();
      if (until.isAfter(pausedUntil)) {
        pausedUntil = until;
        tokens = 0;
        last = until.isAfter(last) ? until : last;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Whether the bucket is full and not paused (an idle key whose bucket can be forgotten). */
  boolean isIdle() {
    lock.lock();
    try {
      Instant now = refill();
      return !now.isBefore(pausedUntil) && tokens >= capacity;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes {@code permits} tokens from every bucket or from none, e.g. one from the app's bucket and
   * one from the account's. Locks are taken in a fixed order, so concurrent callers cannot
   * deadlock.
   */
  public static boolean tryAcquireAll(int permits, TokenBucket... buckets) {
    checkPermits(permits);
    TokenBucket[] ordered = buckets.clone();
    Arrays.sort(ordered, Comparator.comparingLong(b -> b.id));
    int locked = 0;
    try {
      for (TokenBucket b : ordered) {
        b.lock.lock();
        locked++;
      }
      for (TokenBucket b : ordered) {
        Instant now = b.refill();
        if (now.isBefore(b.pausedUntil) || b.tokens < permits) {
          return false;
        }
      }
      for (TokenBucket b : ordered) {
        b.tokens -= permits;
      }
      return true;
    } finally {
      for (int i = locked - 1; i >= 0; i--) {
        ordered[i].lock.unlock();
      }
    }
  }

  /** The latest of the buckets' {@link #nextAvailable(int)}: when all of them can serve. */
  public static Instant nextAvailableAll(int permits, TokenBucket... buckets) {
    Instant latest = Instant.MIN;
    for (TokenBucket b : buckets) {
      Instant t = b.nextAvailable(permits);
      if (t.isAfter(latest)) {
        latest = t;
      }
    }
    return latest;
  }

  /** Adds the tokens earned since the last call; caller holds the lock. */
  private Instant refill() {
    Instant now = clock.instant();
    if (now.isAfter(last)) {
      long elapsed = toNanos(Duration.between(last, now));
      tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
      last = now;
    }
    return now;
  }

  private static long toNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 2;
    }
  }

  private static void checkPermits(int permits) {
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be at least 1: " + permits);
    }
  }

  @Override
  public String toString() {
    return "TokenBucket[capacity="
        + capacity
        + ", rate/s="
        + tokensPerNano * NANOS_PER_SECOND
        + "]";
  }
}
