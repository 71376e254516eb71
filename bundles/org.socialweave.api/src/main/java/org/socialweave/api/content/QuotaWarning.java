package org.socialweave.api.content;

import java.time.Instant;

/**
 * A window in which the calendar holds more posts than a network's documented quota allows.
 *
 * @param channelId the channel, or {@code null} when the quota counts the whole app's calls on the
 *     network (then {@code scheduled} counts the workspace's channels of that network)
 * @param limit the quota's name, e.g. {@code posts-24h}
 * @param from the window's first instant
 * @param to the window's end, exclusive
 * @param scheduled how many posts the calendar has in the window
 * @param allowed how many the quota allows in it
 */
public record QuotaWarning(
    String channelId,
    String network,
    String limit,
    Instant from,
    Instant to,
    long scheduled,
    long allowed) {}
