package org.socialweave.api.links;

/**
 * What a short link was minted for, so that its clicks count for the campaign, post, variant and
 * channel. Every part may be {@code null} (a link made by hand belongs to nothing).
 */
public record LinkAttribution(
    String campaignId, String postId, String variantId, String channelId) {

  public static final LinkAttribution NONE = new LinkAttribution(null, null, null, null);

  public LinkAttribution {
    campaignId = blankToNull(campaignId);
    postId = blankToNull(postId);
    variantId = blankToNull(variantId);
    channelId = blankToNull(channelId);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
