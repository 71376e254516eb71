package org.socialweave.media.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a network refuses beyond its connector's {@link org.socialweave.api.connector.MediaRules}
 * (types, counts, bytes): picture sizes, aspect ratios, durations and codecs. One row per network
 * id; a network without a row has no such rules we know of. Each row names its source; where a
 * network resizes instead of refusing (Mastodon's and Instagram's image sizes) there is no rule.
 *
 * @param image rules for still images, or {@code null}
 * @param video rules for videos, or {@code null}
 * @param source where the figures come from
 */
record NetworkMediaLimits(String network, Limits image, Limits video, String source) {

  /**
   * Bounds of one kind of media; {@code 0}, {@code null} or an empty set means no bound.
   *
   * @param maxSideSum the largest width + height (Telegram photos)
   * @param minAspect the smallest width / height
   * @param maxAspect the largest width / height
   * @param videoCodecs codec names as {@link org.socialweave.api.media.MediaAsset#videoCodec()}
   *     gives them
   */
  record Limits(
      int minWidth,
      int minHeight,
      int maxWidth,
      int maxHeight,
      long maxPixels,
      int maxSideSum,
      double minAspect,
      double maxAspect,
      Duration minDuration,
      Duration maxDuration,
      Set<String> videoCodecs,
      Set<String> audioCodecs) {

    static Limits aspect(double min, double max) {
      return new Limits(0, 0, 0, 0, 0, 0, min, max, null, null, Set.of(), Set.of());
    }
  }

  private static final Map<String, NetworkMediaLimits> TABLE =
      Map.of(
          "telegram",
          new NetworkMediaLimits(
              "telegram",
              new Limits(0, 0, 0, 0, 0, 10_000, 1 / 20.0, 20, null, null, Set.of(), Set.of()),
              null,
              "Bot API sendPhoto: width + height at most 10000, ratio at most 20"
                  + " (core.telegram.org/bots/api#sendphoto)"),
          "x",
          new NetworkMediaLimits(
              "x",
              null,
              new Limits(
                  32,
                  32,
                  1280,
                  1024,
                  0,
                  0,
                  1 / 3.0,
                  3,
                  Duration.ofMillis(500),
                  Duration.ofSeconds(140),
                  Set.of("h264"),
                  Set.of("aac")),
              "X media best practices: video 0.5-140 s, 32x32 to 1280x1024, aspect 1:3 to 3:1,"
                  + " H.264 with AAC (developer.x.com, media upload)"),
          "mastodon",
          new NetworkMediaLimits(
              "mastodon",
              null,
              new Limits(0, 0, 0, 0, 8_294_400, 0, 0, 0, null, null, Set.of(), Set.of()),
              "Mastodon 4.2+ default video_matrix_limit 8,294,400 px (3840x2160); an instance may"
                  + " differ (GET /api/v2/instance configuration.media_attachments)"),
          "instagram",
          new NetworkMediaLimits(
              "instagram",
              Limits.aspect(4 / 5.0, 1.91),
              new Limits(
                  0,
                  0,
                  1920,
                  0,
                  0,
                  0,
                  0.01,
                  10,
                  Duration.ofSeconds(3),
                  Duration.ofMinutes(15),
                  Set.of("h264", "hevc"),
                  Set.of("aac")),
              "Instagram Graph API content publishing: images 4:5 to 1.91:1; reels 3 s-15 min, at"
                  + " most 1920 px wide, 0.01:1 to 10:1, H.264 or HEVC with AAC"
                  + " (developers.facebook.com/docs/instagram-platform)"),
          "tiktok",
          new NetworkMediaLimits(
              "tiktok",
              null,
              new Limits(
                  360,
                  360,
                  4096,
                  4096,
                  0,
                  0,
                  0,
                  0,
                  null,
                  Duration.ofMinutes(10),
                  Set.of("h264", "hevc", "vp8", "vp9"),
                  Set.of()),
              "TikTok Content Posting API media transfer guide: 360-4096 px, at most 10 min,"
                  + " H.264, H.265, VP8 or VP9 (developers.tiktok.com)"));

  static Optional<NetworkMediaLimits> of(String network) {
    return Optional.ofNullable(TABLE.get(network));
  }
}
