package org.socialweave.content.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRulesProvider;
import java.util.List;
import java.util.Random;
import org.junit.Test;
import org.socialweave.api.content.Schedule;
import org.socialweave.api.error.ValidationException;

/** Planned times over every IANA zone, across daylight-saving changes in both directions. */
public class PlannedTimeTest {

  private static final List<String> ZONES =
      ZoneRulesProvider.getAvailableZoneIds().stream().sorted().toList();

  @Test
  public void aWallClockTimeOutsideAnyTransitionKeepsItsDigitsInEveryZone() {
    Random random = new Random(42);
    for (String zone : ZONES) {
      for (int i = 0; i < 20; i++) {
        LocalDateTime local =
            LocalDateTime.of(2026, 1, 1, 0, 0).plusMinutes(random.nextInt(3 * 365 * 24 * 60));
        ZoneId id = ZoneId.of(zone);
        if (id.getRules().getValidOffsets(local).size() != 1) {
          continue;
        }
        PlannedTime planned = PlannedTime.of(new Schedule(null, local, zone), "UTC");
        assertEquals(zone, planned.timeZone());
        assertEquals(zone + " " + local, local, LocalDateTime.ofInstant(planned.at(), id));
      }
    }
  }

  @Test
  public void aSkippedTimeMovesForwardByTheGapAndAnAmbiguousOneTakesTheEarlierOffset() {
    int gaps = 0;
    int overlaps = 0;
    for (String zone : ZONES) {
      ZoneId id = ZoneId.of(zone);
      ZoneOffsetTransition t = id.getRules().nextTransition(Instant.parse("2026-01-01T00:00:00Z"));
      if (t == null || t.getInstant().isAfter(Instant.parse("2028-01-01T00:00:00Z"))) {
        continue;
      }
      // A gap's skipped wall-clock hour starts at the old local time, an overlap's repeated one at
      // the new local time.
      LocalDateTime start = t.isGap() ? t.getDateTimeBefore() : t.getDateTimeAfter();
      LocalDateTime inside = start.plus(t.getDuration().abs().dividedBy(2));
      Instant at = PlannedTime.of(new Schedule(null, inside, zone), "UTC").at();
      if (t.isGap()) {
        gaps++;
        // 02:30 on a spring-forward night is 03:30 by the new offset: the same instant as the
        // earlier offset applied, i.e. moved forward by the gap.
        assertEquals(zone, inside.plus(t.getDuration()), LocalDateTime.ofInstant(at, id));
      } else {
        overlaps++;
        assertEquals(zone, inside.toInstant(t.getOffsetBefore()), at);
      }
      // Either way the instant is unambiguous and within the transition's reach.
      assertTrue(Duration.between(t.getInstant(), at).abs().compareTo(Duration.ofHours(3)) <= 0);
    }
    assertTrue("zones with a spring-forward gap were tried: " + gaps, gaps > 20);
    assertTrue("zones with an autumn overlap were tried: " + overlaps, overlaps > 20);
  }

  @Test
  public void anInstantIsKeptAsGivenWithThePostsZone() {
    Instant at = Instant.parse("2026-03-29T01:30:00Z");
    PlannedTime planned = PlannedTime.of(new Schedule(at, null, null), "Europe/Berlin");
    assertEquals(at, planned.at());
    assertEquals("Europe/Berlin", planned.timeZone());
    assertEquals(
        ZonedDateTime.parse("2026-03-29T03:30+02:00[Europe/Berlin]").toInstant(), planned.at());
  }

  @Test
  public void unknownZonesAndOffsetsAreRefused() {
    for (String bad : new String[] {"Mars/Olympus", "+08:00", "GMT+8", "", "Asia/Shanghai'--"}) {
      assertThrows(bad, ValidationException.class, () -> PlannedTime.zone(bad));
    }
    assertEquals("Asia/Shanghai", PlannedTime.zone(" Asia/Shanghai "));
    assertEquals("UTC", PlannedTime.zone("UTC"));
    assertThrows(
        ValidationException.class,
        () -> PlannedTime.of(new Schedule(Instant.now(), LocalDateTime.now(), "UTC"), "UTC"));
    assertThrows(
        ValidationException.class, () -> PlannedTime.of(new Schedule(null, null, null), "UTC"));
  }
}
