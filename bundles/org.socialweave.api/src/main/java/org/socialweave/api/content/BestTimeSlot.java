package org.socialweave.api.content;

import java.time.DayOfWeek;

/**
 * One weekday-and-hour cell of a channel's engagement table.
 *
 * @param hour 0-23, wall-clock in the answer's zone
 * @param samples published posts measured in this cell; 0 for a network default
 * @param medianEngagementRate the median of (likes + reposts + replies + quotes + bookmarks) per
 *     impression (or per follower where the network reports no impressions); {@code null} for a
 *     network default
 */
public record BestTimeSlot(DayOfWeek day, int hour, int samples, Double medianEngagementRate) {}
