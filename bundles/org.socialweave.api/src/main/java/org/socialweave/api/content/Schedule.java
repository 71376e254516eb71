package org.socialweave.api.content;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * When a post goes out: an instant, or a wall-clock time in a zone. Wall-clock times that a
 * daylight-saving change skips move forward by the gap; ambiguous ones take the earlier offset.
 *
 * @param at the instant, or {@code null} when {@code localTime} is given
 * @param localTime the wall-clock time in {@code timeZone}, or {@code null}
 * @param timeZone an IANA zone id; required with {@code localTime}, else the post's zone is kept
 */
public record Schedule(Instant at, LocalDateTime localTime, String timeZone) {}
