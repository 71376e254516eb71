package org.socialweave.sandbox;

import java.time.Instant;
import java.util.List;

/**
 * A post the X sandbox accepted.
 *
 * @param id the post id, a numeric string
 * @param authorId the author's user id
 * @param text the text as sent
 * @param inReplyToId the {@code reply.in_reply_to_tweet_id} sent, or {@code null}
 * @param conversationId the id of the conversation's first post
 * @param mediaIds the {@code media.media_ids} sent; may be empty
 * @param createdAt when it was accepted
 * @param deleted whether it was deleted since
 */
public record XPost(
    String id,
    String authorId,
    String text,
    String inReplyToId,
    String conversationId,
    List<String> mediaIds,
    Instant createdAt,
    boolean deleted) {

  public XPost {
    mediaIds = mediaIds == null ? List.of() : List.copyOf(mediaIds);
  }

  /** This post, deleted. */
  public XPost asDeleted() {
    return new XPost(id, authorId, text, inReplyToId, conversationId, mediaIds, createdAt, true);
  }
}
