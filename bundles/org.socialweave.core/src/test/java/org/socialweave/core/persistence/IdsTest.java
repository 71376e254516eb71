package org.socialweave.core.persistence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.Test;
import org.socialweave.core.internal.testing.MutableClock;

public class IdsTest {

  @Test
  public void idsAre26CrockfordCharacters() {
    for (int i = 0; i < 1000; i++) {
      String id = Ids.next();
      assertEquals(id, 26, id.length());
      assertTrue(id, id.matches("[0-9A-HJKMNP-TV-Z]{26}"));
    }
  }

  @Test
  public void idsSortByCreationTime() {
    MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      created.add(Ids.next(clock));
      clock.advance(Duration.ofMillis(1 + i % 3));
    }
    List<String> sorted = new ArrayList<>(created);
    sorted.sort(null);
    assertEquals(created, sorted);
    assertEquals(200, new HashSet<>(created).size());
  }

  @Test
  public void timePrefixEncodesTheMillisecond() {
    MutableClock clock = new MutableClock(Instant.ofEpochMilli(0));
    assertEquals("0000000000", Ids.next(clock).substring(0, 10));
    clock.set(Instant.ofEpochMilli(1));
    assertEquals("0000000001", Ids.next(clock).substring(0, 10));
    clock.set(Instant.ofEpochMilli(32));
    assertEquals("0000000010", Ids.next(clock).substring(0, 10));
    // Later dates stay later even across decades and when the random part is larger.
    clock.set(Instant.parse("2099-12-31T23:59:59Z"));
    String late = Ids.next(clock);
    clock.set(Instant.parse("2000-01-01T00:00:00Z"));
    assertTrue(Ids.next(clock).compareTo(late) < 0);
  }

  @Test
  public void idsInTheSameMillisecondAreDistinct() {
    MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));
    HashSet<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(Ids.next(clock));
    }
    assertEquals(10_000, ids.size());
  }
}
