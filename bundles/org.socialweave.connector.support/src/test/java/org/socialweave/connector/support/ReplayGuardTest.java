package org.socialweave.connector.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.Test;

public class ReplayGuardTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

  @Test
  public void secondDeliveryIsAReplay() {
    ReplayGuard guard = new ReplayGuard(100, Duration.ofMinutes(10), clock);
    assertTrue(guard.firstSeen("msg-1"));
    assertFalse(guard.firstSeen("msg-1"));
    assertTrue(guard.firstSeen("msg-2"));
  }

  @Test
  public void idsExpireAfterTtl() {
    ReplayGuard guard = new ReplayGuard(100, Duration.ofMinutes(10), clock);
    assertTrue(guard.firstSeen("msg-1"));
    clock.advance(Duration.ofMinutes(9));
    assertFalse(guard.firstSeen("msg-1")); // a replay does not extend the memory
    clock.advance(Duration.ofMinutes(1));
    assertEquals(0, guard.size());
    assertTrue(guard.firstSeen("msg-1"));
  }

  @Test
  public void sizeIsBoundedOldestDroppedFirst() {
    ReplayGuard guard = new ReplayGuard(3, Duration.ofHours(1), clock);
    assertTrue(guard.firstSeen("a"));
    assertTrue(guard.firstSeen("b"));
    assertTrue(guard.firstSeen("c"));
    assertTrue(guard.firstSeen("d"));
    assertEquals(3, guard.size());
    assertTrue(guard.firstSeen("a")); // forgotten under pressure
    assertFalse(guard.firstSeen("d"));
  }

  @Test(expected = IllegalArgumentException.class)
  public void zeroSizeRefused() {
    new ReplayGuard(0, Duration.ofMinutes(1), clock);
  }
}
