package org.socialweave.api.content;

import java.time.Instant;
import java.util.List;

/**
 * A reusable post of a workspace: the master text (which may name snippets), title, link, target
 * channels, tags and campaign a new post draft starts from.
 *
 * @param version increases with every change, for {@code ETag}/{@code If-Match}
 */
public record Template(
    String id,
    String workspaceId,
    String name,
    String text,
    String title,
    String link,
    List<String> channelIds,
    List<String> tags,
    String campaignId,
    String createdBy,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  public Template {
    channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
