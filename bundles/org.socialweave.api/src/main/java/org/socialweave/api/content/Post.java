package org.socialweave.api.content;

import java.time.Instant;
import java.util.List;

/**
 * A post: the master copy and one variant per target channel.
 *
 * @param timeZone the IANA zone the post was planned in; the wall-clock time people saw
 * @param scheduledAt when it goes out, or {@code null} for an unscheduled draft
 * @param status derived from the variants ({@link PostStatus#of})
 * @param revision increases with every edit of the content; revisions are kept
 * @param version increases with every change, for {@code ETag}/{@code If-Match}
 */
public record Post(
    String id,
    String workspaceId,
    String campaignId,
    String text,
    String title,
    String link,
    String timeZone,
    Instant scheduledAt,
    PostStatus status,
    int revision,
    List<PostVariant> variants,
    String createdBy,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  public Post {
    variants = variants == null ? List.of() : List.copyOf(variants);
  }
}
