package org.socialweave.api.content;

import java.util.List;

/** A template as its author writes it; see {@link Template}. */
public record TemplateDraft(
    String name,
    String text,
    String title,
    String link,
    List<String> channelIds,
    List<String> tags,
    String campaignId) {

  public TemplateDraft {
    channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
