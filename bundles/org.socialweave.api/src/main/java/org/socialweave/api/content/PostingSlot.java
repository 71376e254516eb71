package org.socialweave.api.content;

import java.time.DayOfWeek;
import java.time.LocalTime;

/** A preferred weekly publishing time: a weekday and a wall-clock time in the schedule's zone. */
public record PostingSlot(DayOfWeek day, LocalTime time) {}
