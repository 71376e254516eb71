package org.socialweave.api.content;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of a post as an editor writes it.
 *
 * @param text the master copy, adapted to every channel that has no text of its own
 * @param title a title where the network has one (articles, videos), or {@code null}
 * @param link an absolute http(s) link to attach (a link card), or {@code null}; each channel gets
 *     it as a tracked short link with UTM parameters, like the links of the text
 * @param channelIds the target channels, in the workspace, at least one
 * @param timeZone the IANA zone the editor plans in, or {@code null} for the workspace's
 * @param variantTexts texts written for single channels, by channel id; may be empty
 * @param media media library asset ids of the master copy, in display order; may be empty
 * @param variantMedia the media of single channels, by channel id, in place of the master's (an
 *     empty list drops the master's media on that channel); may be empty
 * @param tags hashtags without their sign, rendered in each network's syntax; may be empty
 * @param variantMentions account handles to mention on single channels, by channel id, without the
 *     {@code @}; may be empty
 * @param utmCampaign the {@code utm_campaign} of the post's tracked links, or {@code null} for the
 *     campaign's slug (or the post id when it has no campaign)
 * @param sponsored whether the post is paid for or part of a KOL/KOC deal: then it must carry an
 *     advertising label (广告, #ad), which the checks require before approval and publishing
 */
public record PostDraft(
    String campaignId,
    String text,
    String title,
    String link,
    List<String> channelIds,
    String timeZone,
    Map<String, String> variantTexts,
    List<String> media,
    Map<String, List<String>> variantMedia,
    List<String> tags,
    Map<String, List<String>> variantMentions,
    String utmCampaign,
    boolean sponsored) {

  public PostDraft {
    channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
    variantTexts = variantTexts == null ? Map.of() : Map.copyOf(variantTexts);
    media = copy(media);
    variantMedia = copy(variantMedia);
    tags = copy(tags);
    variantMentions = copy(variantMentions);
  }

  /** A draft of text only: no media, tags, mentions or UTM campaign of its own, not sponsored. */
  public PostDraft(
      String campaignId,
      String text,
      String title,
      String link,
      List<String> channelIds,
      String timeZone,
      Map<String, String> variantTexts) {
    this(
        campaignId,
        text,
        title,
        link,
        channelIds,
        timeZone,
        variantTexts,
        List.of(),
        Map.of(),
        List.of(),
        Map.of(),
        null,
        false);
  }

  // Nulls are kept as they come (and refused by the service with the field's name), so the copies
  // are unmodifiable views rather than List.copyOf, which throws on a null element.
  private static List<String> copy(List<String> values) {
    return values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> values) {
    if (values == null) {
      return Map.of();
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, v == null ? null : copy(v)));
    return Collections.unmodifiableMap(out);
  }
}
