package org.socialweave.sandbox;

import java.time.Instant;

/**
 * A comment in the Weibo sandbox.
 *
 * @param id the comment id, a 16-digit number
 * @param statusId the status it is on
 * @param uid the author's uid
 * @param text the text as stored (a reply starts with {@code 回复@name:} unless {@code
 *     without_mention=1})
 * @param replyToId the comment it answers ({@code comments/reply}), or {@code null}
 * @param createdAt when it was written
 */
public record WeiboComment(
    String id, String statusId, String uid, String text, String replyToId, Instant createdAt) {}
