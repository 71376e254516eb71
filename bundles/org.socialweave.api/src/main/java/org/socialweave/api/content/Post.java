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
 * @param media the master copy's media asset ids, in display order
 * @param tags the hashtags (without their sign) each variant renders in its network's syntax
 * @param utmCampaign the {@code utm_campaign} chosen for this post, or {@code null} for the default
 * @param sponsored a paid or KOL/KOC post, which must carry an advertising label
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
    long version,
    List<String> media,
    List<String> tags,
    String utmCampaign,
    boolean sponsored) {

  public Post {
    variants = variants == null ? List.of() : List.copyOf(variants);
    media = media == null ? List.of() : List.copyOf(media);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
