package org.socialweave.api.content;

import java.util.List;
import java.util.Map;

/**
 * The content of a post as an editor writes it.
 *
 * @param text the master copy, adapted to every channel that has no text of its own
 * @param title a title where the network has one (articles, videos), or {@code null}
 * @param link an absolute http(s) link to attach, or {@code null}
 * @param channelIds the target channels, in the workspace, at least one
 * @param timeZone the IANA zone the editor plans in, or {@code null} for the workspace's
 * @param variantTexts texts written for single channels, by channel id; may be empty
 */
public record PostDraft(
    String campaignId,
    String text,
    String title,
    String link,
    List<String> channelIds,
    String timeZone,
    Map<String, String> variantTexts) {

  public PostDraft {
    channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
    variantTexts = variantTexts == null ? Map.of() : Map.copyOf(variantTexts);
  }
}
