package org.socialweave.webhooks.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.time.Duration;
import org.junit.Test;

public class BackoffTest {

  private static final String DEFAULT = "PT1M,PT5M,PT30M,PT2H,PT6H";

  @Test
  public void followsTheScheduleAndRepeatsItsLastStep() {
    Backoff backoff = Backoff.parse(DEFAULT, () -> 0.5);
    assertEquals(Duration.ofMinutes(1), backoff.delay(1));
    assertEquals(Duration.ofMinutes(5), backoff.delay(2));
    assertEquals(Duration.ofMinutes(30), backoff.delay(3));
    assertEquals(Duration.ofHours(2), backoff.delay(4));
    assertEquals(Duration.ofHours(6), backoff.delay(5));
    assertEquals(Duration.ofHours(6), backoff.delay(9));
  }

  @Test
  public void jitterStaysWithinTwentyPercent() {
    assertEquals(Duration.ofSeconds(48), Backoff.parse(DEFAULT, () -> 0.0).delay(1));
    assertEquals(Duration.ofSeconds(72), Backoff.parse(DEFAULT, () -> 1.0).delay(1));
  }

  @Test
  public void refusesABrokenSchedule() {
    assertThrows(IllegalArgumentException.class, () -> Backoff.parse("PT1M,soon", () -> 0.5));
    assertThrows(IllegalArgumentException.class, () -> Backoff.parse("PT0S", () -> 0.5));
  }
}
