package org.socialweave.notify.internal;

import java.util.List;
import java.util.Set;

/**
 * Which channels notifications go over and in which language.
 *
 * @param inherited true when these are not the subject's own (a member without a choice gets the
 *     workspace's; a workspace without a setting gets every channel present, in English)
 * @param version for {@code ETag}/{@code If-Match}; 0 when {@code inherited}
 * @param available the channels that can be used now
 */
public record NotificationSettings(
    List<String> channels, String locale, boolean inherited, long version, Set<String> available) {}
