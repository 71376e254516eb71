package org.socialweave.content.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRulesProvider;
import org.socialweave.api.content.Schedule;
import org.socialweave.api.error.ValidationException;

/**
 * A publishing time as stored: an instant plus the IANA zone it was planned in. Wall-clock times
 * resolve as {@link ZonedDateTime#of(LocalDateTime, ZoneId, ZoneOffset)} does: a time a DST change
 * skips moves forward by the gap, an ambiguous one takes the earlier offset.
 */
record PlannedTime(Instant at, String timeZone) {

  /**
   * @param postZone the zone the post was planned in, kept when the schedule names none
   */
  static PlannedTime of(Schedule schedule, String postZone) {
    if (schedule == null) {
      throw new ValidationException("scheduledAt", "scheduledAt or localTime is required");
    }
    String zone = schedule.timeZone() != null ? zone(schedule.timeZone()) : postZone;
    if (schedule.at() != null && schedule.localTime() != null) {
      throw new ValidationException("localTime", "give scheduledAt or localTime, not both");
    }
    if (schedule.at() != null) {
      return new PlannedTime(schedule.at(), zone);
    }
    if (schedule.localTime() == null) {
      throw new ValidationException("scheduledAt", "scheduledAt or localTime is required");
    }
    if (schedule.timeZone() == null) {
      throw new ValidationException("timeZone", "a localTime needs its IANA timeZone");
    }
    return new PlannedTime(resolve(schedule.localTime(), ZoneId.of(zone)), zone);
  }

  /**
   * A wall-clock time in a zone: a skipped time moves forward by the gap, an ambiguous one is the
   * earlier.
   */
  static Instant resolve(LocalDateTime localTime, ZoneId zone) {
    return ZonedDateTime.ofLocal(localTime, zone, null).toInstant();
  }

  /**
   * An IANA region id such as {@code Asia/Shanghai} (or {@code UTC}); offsets such as {@code
   * +08:00} are refused because they do not follow daylight-saving changes.
   */
  static String zone(String id) {
    if (id == null || id.isBlank()) {
      throw new ValidationException("timeZone", "a time zone is required");
    }
    String trimmed = id.strip();
    if (!"UTC".equals(trimmed) && !ZoneRulesProvider.getAvailableZoneIds().contains(trimmed)) {
      throw new ValidationException(
          "timeZone", "not an IANA time zone such as Asia/Shanghai: " + abbreviate(trimmed));
    }
    try {
      return ZoneId.of(trimmed).getId();
    } catch (DateTimeException e) {
      throw new ValidationException("timeZone", "not an IANA time zone: " + abbreviate(trimmed));
    }
  }

  private static String abbreviate(String value) {
    return value.length() > 64 ? value.substring(0, 64) + "..." : value;
  }
}
