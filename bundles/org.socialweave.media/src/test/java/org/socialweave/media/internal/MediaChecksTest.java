package org.socialweave.media.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.Test;
import org.socialweave.api.connector.MediaRules;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.connector.Operation;
import org.socialweave.api.connector.TextCounting;
import org.socialweave.api.connector.TextLimit;
import org.socialweave.api.media.MediaAsset;
import org.socialweave.api.media.MediaProblem;

/** Assets against descriptors with the connectors' media rules and the per-network table. */
public class MediaChecksTest {

  /** As the Telegram connector declares them. */
  private static final NetworkDescriptor TELEGRAM =
      descriptor(
          "telegram",
          new MediaRules(10, 0, Set.of("image/jpeg", "image/png"), 10_000_000, 0, false, false));

  /** As the X connector declares them: images only so far. */
  private static final NetworkDescriptor X =
      descriptor(
          "x",
          new MediaRules(
              4, 0, Set.of("image/jpeg", "image/png", "image/webp"), 5_000_000, 0, false, false));

  private static NetworkDescriptor descriptor(String id, MediaRules rules) {
    return new NetworkDescriptor(
        id,
        id,
        id,
        TextLimit.of(280, TextCounting.CODE_POINTS),
        null,
        rules,
        List.of(),
        rules.maxVideos() > 0
            ? Set.of(Operation.PUBLISH_TEXT, Operation.PUBLISH_IMAGE, Operation.PUBLISH_VIDEO)
            : Set.of(Operation.PUBLISH_TEXT, Operation.PUBLISH_IMAGE));
  }

  private static MediaAsset image(String type, long bytes, int width, int height) {
    return new MediaAsset(
        "m1",
        "ws",
        "a",
        type,
        bytes,
        "0".repeat(64),
        width,
        height,
        null,
        null,
        null,
        null,
        Instant.EPOCH);
  }

  private static MediaAsset video(
      Integer width, Integer height, Duration duration, String video, String audio) {
    return new MediaAsset(
        "m2",
        "ws",
        "v.mp4",
        "video/mp4",
        1_000_000,
        "1".repeat(64),
        width,
        height,
        duration,
        video,
        audio,
        null,
        Instant.EPOCH);
  }

  private static List<String> rules(List<MediaProblem> problems) {
    return problems.stream().map(MediaProblem::rule).toList();
  }

  @Test
  public void anImageTelegramTakesHasNoProblems() {
    NetworkDescriptor telegram = TELEGRAM;
    assertEquals(List.of(), MediaChecks.problems(image("image/png", 50_000, 1200, 800), telegram));
  }

  @Test
  public void telegramRefusesPhotosWhoseSidesSumPast10000OrAreTooNarrow() {
    NetworkDescriptor telegram = TELEGRAM;
    assertEquals(
        List.of("dimensions"),
        rules(MediaChecks.problems(image("image/jpeg", 1000, 6000, 4500), telegram)));
    assertEquals(
        List.of("aspect-ratio"),
        rules(MediaChecks.problems(image("image/jpeg", 1000, 4200, 200), telegram)));
    List<MediaProblem> webp = MediaChecks.problems(image("image/webp", 1000, 100, 100), telegram);
    assertEquals(List.of("type"), rules(webp));
    assertTrue(webp.get(0).detail(), webp.get(0).detail().contains("image/jpeg"));
  }

  @Test
  public void sizeAndMediaKindComeFromTheConnectorsRules() {
    NetworkDescriptor x = X;
    long tooLarge = x.media().maxImageBytes() + 1;
    assertEquals(
        List.of("size"), rules(MediaChecks.problems(image("image/png", tooLarge, 100, 100), x)));
    assertEquals(
        List.of("type", "no-videos"),
        rules(MediaChecks.problems(video(1280, 720, Duration.ofSeconds(10), "h264", "aac"), x)));
  }

  /** X's video rules apply once its connector takes videos; a descriptor that does shows them. */
  @Test
  public void videoDurationSizeAspectAndCodecsAreCheckedAgainstTheNetworksTable() {
    NetworkDescriptor xWithVideo =
        descriptor(
            "x",
            new MediaRules(
                4, 1, Set.of("image/*", "video/mp4"), 5_000_000, 512_000_000, true, false));
    assertEquals(
        List.of(),
        MediaChecks.problems(video(1280, 720, Duration.ofSeconds(30), "h264", "aac"), xWithVideo));
    List<MediaProblem> problems =
        MediaChecks.problems(video(3840, 1080, Duration.ofMinutes(5), "hevc", "opus"), xWithVideo);
    assertEquals(
        List.of("dimensions", "aspect-ratio", "duration", "video-codec", "audio-codec"),
        rules(problems));
    assertEquals(
        List.of("duration"),
        rules(
            MediaChecks.problems(
                video(640, 360, Duration.ofMillis(200), "h264", null), xWithVideo)));
    assertEquals(
        List.of("unknown-dimensions"),
        rules(
            MediaChecks.problems(
                video(null, null, Duration.ofSeconds(1), "h264", "aac"), xWithVideo)));
  }
}
