package org.socialweave.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.Test;

public class LoginThrottleTest {

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2024-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final MutableClock clock = new MutableClock();
  private final LoginThrottle throttle = new LoginThrottle(3, clock);

  @Test
  public void allowsTheLimitThenAsksToWait() {
    assertEquals(0, throttle.attempt("10.0.0.1"));
    assertEquals(0, throttle.attempt("10.0.0.1"));
    assertEquals(0, throttle.attempt("10.0.0.1"));
    assertEquals(60, throttle.attempt("10.0.0.1"));
    clock.advance(Duration.ofSeconds(45));
    assertEquals(15, throttle.attempt("10.0.0.1"));
    clock.advance(Duration.ofMillis(14_900));
    assertEquals("never 0 while blocked", 1, throttle.attempt("10.0.0.1"));
  }

  @Test
  public void windowResetsAfterAMinute() {
    for (int i = 0; i < 4; i++) {
      throttle.attempt("10.0.0.1");
    }
    assertTrue(throttle.attempt("10.0.0.1") > 0);
    clock.advance(Duration.ofSeconds(60));
    assertEquals(0, throttle.attempt("10.0.0.1"));
    assertEquals(0, throttle.attempt("10.0.0.1"));
    assertEquals(0, throttle.attempt("10.0.0.1"));
    assertTrue(throttle.attempt("10.0.0.1") > 0);
  }

  @Test
  public void addressesAreIndependent() {
    for (int i = 0; i < 3; i++) {
      assertEquals(0, throttle.attempt("10.0.0.1"));
    }
    assertTrue(throttle.attempt("10.0.0.1") > 0);
    assertEquals(0, throttle.attempt("10.0.0.2"));
    assertEquals(0, throttle.attempt("10.0.0.3"));
    assertTrue(throttle.attempt("10.0.0.1") > 0);
  }

  @Test
  public void unknownAddressIsThrottledToo() {
    for (int i = 0; i < 3; i++) {
      assertEquals(0, throttle.attempt(null));
    }
    assertTrue(throttle.attempt(null) > 0);
  }
}
