package org.socialweave.api.connector;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What media a single post may carry on a network. Checked before sending, so a post the network
 * would refuse is refused locally with the reason.
 *
 * @param maxImages the most images in one post; {@code 0} when the network takes none
 * @param maxVideos the most videos in one post; {@code 0} when the network takes none
 * @param allowedMimeTypes lower-case MIME types ({@code image/jpeg}) or wildcards ({@code
 *     image/*}); empty only when the network takes no media
 * @param maxImageBytes the largest image in bytes; {@code 0} only when {@code maxImages} is 0
 * @param maxVideoBytes the largest video in bytes; {@code 0} only when {@code maxVideos} is 0
 * @param textWithVideo whether a video post may also carry text (a caption)
 * @param imagesWithVideo whether images and videos may be mixed in one post (Telegram media groups
 *     yes, X no)
 */
public record MediaRules(
    int maxImages,
    int maxVideos,
    Set<String> allowedMimeTypes,
    long maxImageBytes,
    long maxVideoBytes,
    boolean textWithVideo,
    boolean imagesWithVideo) {

  /** A network that takes text only. */
  public static final MediaRules NONE = new MediaRules(0, 0, Set.of(), 0, 0, false, false);

  private static final Pattern MIME =
      Pattern.compile("[a-z0-9][a-z0-9.+-]*/([a-z0-9][a-z0-9.+-]*|\\*)");

  public MediaRules {
    if (maxImages < 0 || maxVideos < 0) {
      throw new IllegalArgumentException("maxImages and maxVideos must not be negative");
    }
    if (maxImageBytes < 0 || maxVideoBytes < 0) {
      throw new IllegalArgumentException("maxImageBytes and maxVideoBytes must not be negative");
    }
    if (maxImages > 0 && maxImageBytes == 0) {
      throw new IllegalArgumentException("maxImageBytes is required when images are allowed");
    }
    if (maxVideos > 0 && maxVideoBytes == 0) {
      throw new IllegalArgumentException("maxVideoBytes is required when videos are allowed");
    }
    if (allowedMimeTypes == null) {
      throw new IllegalArgumentException("allowedMimeTypes is required (may be empty)");
    }
    for (String type : allowedMimeTypes) {
      if (type == null || !MIME.matcher(type).matches()) {
        throw new IllegalArgumentException("not a lower-case MIME type: " + type);
      }
    }
    if ((maxImages > 0 || maxVideos > 0) && allowedMimeTypes.isEmpty()) {
      throw new IllegalArgumentException("allowedMimeTypes is required when media are allowed");
    }
    allowedMimeTypes = Set.copyOf(allowedMimeTypes);
  }

  /**
   * Whether {@code mimeType} is allowed, exactly or by a {@code type/*} wildcard. Parameters such
   * as {@code ;charset=} are ignored and case does not matter.
   */
  public boolean accepts(String mimeType) {
    if (mimeType == null) {
      return false;
    }
    String type = mimeType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    int slash = type.indexOf('/');
    if (slash < 1) {
      return false;
    }
    return allowedMimeTypes.contains(type)
        || allowedMimeTypes.contains(type.substring(0, slash) + "/*");
  }
}
