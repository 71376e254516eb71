package org.socialweave.connector.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

public class TokenBucketTest {

  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private final MutableClock clock = new MutableClock(T0);

  @Test
  public void startsFullAndRefusesWhenEmpty() {
    TokenBucket b = new TokenBucket(3, 1, Duration.ofSeconds(1), clock);
    assertTrue(b.tryAcquire());
    assertTrue(b.tryAcquire());
    assertTrue(b.tryAcquire());
    assertFalse(b.tryAcquire());
    assertEquals(T0.plusSeconds(1), b.nextAvailable());
  }

  @Test
  public void refillsOverTimeUpToCapacity() {
    TokenBucket b = new TokenBucket(2, 1, Duration.ofSeconds(10), clock);
    assertTrue(b.tryAcquire(2));
    clock.advance(Duration.ofSeconds(5));
    assertFalse(b.tryAcquire());
    assertEquals(T0.plusSeconds(10), b.nextAvailable());
    clock.advance(Duration.ofSeconds(5));
    assertTrue(b.tryAcquire());
    clock.advance(Duration.ofHours(1));
    assertEquals(2.0, b.available(), 1e-9);
    assertTrue(b.tryAcquire(2));
    assertFalse(b.tryAcquire());
  }

  @Test
  public void nextAvailableForSeveralPermits() {
    TokenBucket b = new TokenBucket(5, 5, Duration.ofMinutes(1), clock); // one per 12 s
    assertTrue(b.tryAcquire(5));
    assertEquals(T0.plusSeconds(36), b.nextAvailable(3));
    assertEquals(T0, new TokenBucket(5, 5, Duration.ofMinutes(1), clock).nextAvailable(5));
  }

  @Test
  public void tryAcquireTakesAllOrNothing() {
    TokenBucket b = new TokenBucket(3, 1, Duration.ofSeconds(1), clock);
    assertFalse(b.tryAcquire(4));
    assertEquals(3.0, b.available(), 1e-9);
  }

  @Test
  public void pauseUntilHonoursServerHint() {
    TokenBucket b = new TokenBucket(10, 10, Duration.ofSeconds(1), clock);
    b.pauseUntil(T0.plusSeconds(30));
    assertFalse(b.tryAcquire());
    assertEquals(T0.plusSeconds(30).plusMillis(100), b.nextAvailable());
    clock.advance(Duration.ofSeconds(30));
    assertFalse(b.tryAcquire()); // empty at the reset instant, refilling from there
    clock.advance(Duration.ofMillis(100));
    assertTrue(b.tryAcquire());
    b.pauseUntil(T0); // earlier than the pause already applied: ignored
    assertEquals(clock.instant().plusMillis(100), b.nextAvailable());
  }

  @Test
  public void acquireAllIsAtomicAcrossBuckets() {
    TokenBucket app = new TokenBucket(10, 1, Duration.ofSeconds(1), clock);
    TokenBucket account = new TokenBucket(1, 1, Duration.ofSeconds(60), clock);
    assertTrue(TokenBucket.tryAcquireAll(1, app, account));
    assertFalse(TokenBucket.tryAcquireAll(1, app, account));
    assertEquals(9.0, app.available(), 1e-9); // the app bucket was not charged for the refusal
    assertEquals(T0.plusSeconds(60), TokenBucket.nextAvailableAll(1, app, account));
  }

  @Test
  public void concurrentCallersNeverOverspend() throws Exception {
    TokenBucket a = new TokenBucket(1000, 1, Duration.ofDays(1), clock);
    TokenBucket b = new TokenBucket(700, 1, Duration.ofDays(1), clock);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger granted = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    for (int t = 0; t < 8; t++) {
      final boolean reversed = t % 2 == 0;
      pool.execute(
          () -> {
            try {
              start.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
            for (int i = 0; i < 200; i++) {
              boolean ok =
                  reversed
                      ? TokenBucket.tryAcquireAll(1, b, a)
                      : TokenBucket.tryAcquireAll(1, a, b);
              if (ok) {
                granted.incrementAndGet();
              }
            }
          });
    }
    start.countDown();
    pool.shutdown();
    assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    assertEquals(700, granted.get());
    assertEquals(300.0, a.available(), 1e-9);
    assertEquals(0.0, b.available(), 1e-9);
  }

  @Test(expected = IllegalArgumentException.class)
  public void zeroCapacityRefused() {
    new TokenBucket(0, 1, Duration.ofSeconds(1), clock);
  }

  @Test(expected = IllegalArgumentException.class)
  public void zeroPeriodRefused() {
    new TokenBucket(1, 1, Duration.ZERO, clock);
  }
}
