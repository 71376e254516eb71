package org.socialweave.api.content;

import java.time.Instant;

/**
 * The posts of a calendar view: scheduled in {@code [from, to)}, optionally of one campaign, one
 * channel or one status. Any field may be {@code null}.
 */
public record CalendarQuery(
    Instant from, Instant to, String campaignId, String channelId, PostStatus status) {}
