package org.socialweave.connector.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.Test;

public class RateLimiterTest {

  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private final MutableClock clock = new MutableClock(T0);

  @Test
  public void keysHaveIndependentBuckets() {
    RateLimiter perAccount = new RateLimiter(2, 2, Duration.ofMinutes(15), clock);
    assertTrue(perAccount.tryAcquire("alice"));
    assertTrue(perAccount.tryAcquire("alice"));
    assertFalse(perAccount.tryAcquire("alice"));
    assertTrue(perAccount.tryAcquire("bob"));
    assertEquals(T0.plus(Duration.ofMinutes(7).plusSeconds(30)), perAccount.nextAvailable("alice"));
    assertEquals(T0, perAccount.nextAvailable("bob"));
    assertSame(perAccount.bucket("bob"), perAccount.bucket("bob"));
  }

  @Test
  public void appAndAccountLimitsTogether() {
    RateLimiter app = new RateLimiter(3, 3, Duration.ofMinutes(1), clock);
    RateLimiter account = new RateLimiter(2, 2, Duration.ofMinutes(1), clock);
    assertTrue(RateLimiter.tryAcquire(app, "x-app", account, "alice"));
    assertTrue(RateLimiter.tryAcquire(app, "x-app", account, "alice"));
    assertFalse(RateLimiter.tryAcquire(app, "x-app", account, "alice")); // alice exhausted
    assertTrue(RateLimiter.tryAcquire(app, "x-app", account, "bob")); // app still had one
    assertFalse(RateLimiter.tryAcquire(app, "x-app", account, "carol")); // app exhausted
    assertTrue(account.tryAcquire("carol")); // carol was not charged
    assertEquals(T0.plusSeconds(20), RateLimiter.nextAvailable(app, "x-app", account, "bob"));
  }

  @Test
  public void serverHintPausesAKey() {
    RateLimiter limiter = new RateLimiter(100, 100, Duration.ofSeconds(1), clock);
    limiter.pauseUntil("alice", T0.plusSeconds(900));
    assertFalse(limiter.tryAcquire("alice"));
    assertTrue(limiter.tryAcquire("bob"));
    clock.advance(Duration.ofSeconds(901));
    assertTrue(limiter.tryAcquire("alice"));
  }

  @Test
  public void idleBucketsAreEvicted() {
    RateLimiter limiter = new RateLimiter(2, 1, Duration.ofSeconds(10), clock);
    limiter.tryAcquire("busy");
    limiter.bucket("idle");
    assertEquals(2, limiter.size());
    assertEquals(1, limiter.evictIdle());
    assertEquals(1, limiter.size());
    clock.advance(Duration.ofSeconds(10));
    assertEquals(1, limiter.evictIdle());
    assertEquals(0, limiter.size());
  }
}
