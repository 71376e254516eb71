package org.socialweave.media.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.socialweave.api.connector.MediaRules;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.media.MediaAsset;
import org.socialweave.api.media.MediaProblem;
import org.socialweave.media.internal.NetworkMediaLimits.Limits;

/** An asset against a network: its connector's media rules, then the network's own table row. */
final class MediaChecks {

  private MediaChecks() {}

  static List<MediaProblem> problems(MediaAsset asset, NetworkDescriptor network) {
    List<MediaProblem> problems = new ArrayList<>();
    MediaRules rules = network.media();
    String name = network.nameEn();
    if (!rules.accepts(asset.mimeType())) {
      problems.add(
          new MediaProblem(
              "type",
              name
                  + " does not take "
                  + asset.mimeType()
                  + "; it takes "
                  + sorted(rules.allowedMimeTypes())));
    }
    boolean video = asset.isVideo();
    int allowed = video ? rules.maxVideos() : rules.maxImages();
    long maxBytes = video ? rules.maxVideoBytes() : rules.maxImageBytes();
    if (allowed == 0) {
      problems.add(
          new MediaProblem(
              video ? "no-videos" : "no-images",
              name + " posts cannot carry " + (video ? "videos" : "images") + " here"));
    } else if (asset.sizeBytes() > maxBytes) {
      problems.add(
          new MediaProblem(
              "size",
              "the file has "
                  + asset.sizeBytes()
                  + " bytes; "
                  + name
                  + " takes at most "
                  + maxBytes));
    }
    if (allowed > 0) {
      NetworkMediaLimits.of(network.id())
          .map(limits -> video ? limits.video() : limits.image())
          .ifPresent(limits -> checkLimits(asset, limits, name, problems));
    }
    return List.copyOf(problems);
  }

  private static void checkLimits(
      MediaAsset asset, Limits limits, String name, List<MediaProblem> problems) {
    Integer w = asset.width();
    Integer h = asset.height();
    boolean sizeRules =
        limits.minWidth() > 0
            || limits.minHeight() > 0
            || limits.maxWidth() > 0
            || limits.maxHeight() > 0
            || limits.maxPixels() > 0
            || limits.maxSideSum() > 0
            || limits.minAspect() > 0
            || limits.maxAspect() > 0;
    if (sizeRules && (w == null || h == null)) {
      problems.add(
          new MediaProblem(
              "unknown-dimensions",
              "the picture size is unknown, so " + name + "'s size rules cannot be checked"));
    } else if (sizeRules) {
      checkSize(w, h, limits, name, problems);
    }
    Duration duration = asset.duration();
    if (duration != null
        && limits.minDuration() != null
        && duration.compareTo(limits.minDuration()) < 0) {
      problems.add(
          new MediaProblem(
              "duration",
              "the video lasts "
                  + seconds(duration)
                  + "; "
                  + name
                  + " needs at least "
                  + seconds(limits.minDuration())));
    }
    if (duration != null
        && limits.maxDuration() != null
        && duration.compareTo(limits.maxDuration()) > 0) {
      problems.add(
          new MediaProblem(
              "duration",
              "the video lasts "
                  + seconds(duration)
                  + "; "
                  + name
                  + " takes at most "
                  + seconds(limits.maxDuration())));
    }
    if (!limits.videoCodecs().isEmpty() && !limits.videoCodecs().contains(asset.videoCodec())) {
      problems.add(
          new MediaProblem(
              "video-codec",
              "the video is "
                  + orUnknown(asset.videoCodec())
                  + "; "
                  + name
                  + " takes "
                  + sorted(limits.videoCodecs())));
    }
    if (!limits.audioCodecs().isEmpty()
        && asset.audioCodec() != null
        && !limits.audioCodecs().contains(asset.audioCodec())) {
      problems.add(
          new MediaProblem(
              "audio-codec",
              "the sound is "
                  + asset.audioCodec()
                  + "; "
                  + name
                  + " takes "
                  + sorted(limits.audioCodecs())));
    }
  }

  private static void checkSize(
      int w, int h, Limits limits, String name, List<MediaProblem> problems) {
    String size = w + "x" + h;
    if ((limits.minWidth() > 0 && w < limits.minWidth())
        || (limits.minHeight() > 0 && h < limits.minHeight())) {
      problems.add(
          new MediaProblem(
              "dimensions",
              size
                  + " is too small; "
                  + name
                  + " needs at least "
                  + bound(limits.minWidth())
                  + "x"
                  + bound(limits.minHeight())));
    }
    if ((limits.maxWidth() > 0 && w > limits.maxWidth())
        || (limits.maxHeight() > 0 && h > limits.maxHeight())) {
      problems.add(
          new MediaProblem(
              "dimensions",
              size
                  + " is too large; "
                  + name
                  + " takes at most "
                  + bound(limits.maxWidth())
                  + "x"
                  + bound(limits.maxHeight())));
    }
    if (limits.maxPixels() > 0 && (long) w * h > limits.maxPixels()) {
      problems.add(
          new MediaProblem(
              "dimensions",
              size + " has more than the " + limits.maxPixels() + " pixels " + name + " takes"));
    }
    if (limits.maxSideSum() > 0 && w + h > limits.maxSideSum()) {
      problems.add(
          new MediaProblem(
              "dimensions",
              "width + height of " + size + " pass " + name + "'s " + limits.maxSideSum()));
    }
    double aspect = (double) w / h;
    if ((limits.minAspect() > 0 && aspect < limits.minAspect())
        || (limits.maxAspect() > 0 && aspect > limits.maxAspect())) {
      problems.add(
          new MediaProblem(
              "aspect-ratio",
              String.format(
                  Locale.ROOT,
                  "%s has an aspect ratio of %.3f; %s takes %s to %s",
                  size,
                  aspect,
                  name,
                  limits.minAspect() > 0
                      ? String.format(Locale.ROOT, "%.3f", limits.minAspect())
                      : "any",
                  limits.maxAspect() > 0
                      ? String.format(Locale.ROOT, "%.3f", limits.maxAspect())
                      : "any")));
    }
  }

  private static String bound(int value) {
    return value > 0 ? Integer.toString(value) : "any";
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  private static String orUnknown(String codec) {
    return codec == null ? "of an unknown codec" : codec;
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }
}
