package org.socialweave.api.connector;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.Test;

public class NetworkDescriptorTest {

  static NetworkDescriptor bluesky() {
    return new NetworkDescriptor(
        "bluesky",
        "蓝天",
        "Bluesky",
        TextLimit.graphemesAndBytes(300, 3000),
        null,
        new MediaRules(4, 0, Set.of("image/*"), 1_000_000, 0, false, false),
        List.of(
            RateLimit.rate(
                "creates-hour",
                RateLimit.Scope.ACCOUNT,
                1666,
                Duration.ofHours(1),
                Operation.PUBLISH_TEXT)),
        EnumSet.of(Operation.PUBLISH_TEXT, Operation.PUBLISH_IMAGE, Operation.IDEMPOTENCY_KEY));
  }

  @Test
  public void describesANetwork() {
    NetworkDescriptor d = bluesky();
    assertTrue(d.supports(Operation.PUBLISH_IMAGE));
    assertFalse(d.supports(Operation.PUBLISH_VIDEO));
    assertTrue(d.text().hasByteLimit());
    assertEquals(d.text(), d.textLimit(true));
    assertThrows(UnsupportedOperationException.class, () -> d.operations().add(Operation.DELETE));
  }

  @Test
  public void captionLimitAppliesOnlyWithMedia() {
    TextLimit caption = TextLimit.of(1024, TextCounting.UTF16_CODE_UNITS);
    NetworkDescriptor telegram =
        new NetworkDescriptor(
            "telegram",
            "电报",
            "Telegram",
            TextLimit.of(4096, TextCounting.UTF16_CODE_UNITS),
            caption,
            new MediaRules(
                10, 10, Set.of("image/jpeg", "video/mp4"), 10_000_000, 50_000_000, true, true),
            null,
            Set.of(Operation.PUBLISH_TEXT));
    assertEquals(caption, telegram.textLimit(true));
    assertEquals(4096, telegram.textLimit(false).maxLength());
    assertEquals(List.of(), telegram.rateLimits());
  }

  @Test
  public void idMustBeStableLowerCase() {
    for (String bad : new String[] {null, "", "Weibo", "we ibo", "1x", "x.com", "-x"}) {
      assertThrows(
          bad,
          IllegalArgumentException.class,
          () ->
              new NetworkDescriptor(
                  bad,
                  "微博",
                  "Weibo",
                  TextLimit.of(140, TextCounting.WEIBO_CJK_FULL_LATIN_HALF),
                  null,
                  MediaRules.NONE,
                  List.of(),
                  Set.of(Operation.PUBLISH_TEXT)));
    }
  }

  @Test
  public void namesAndOperationsAreRequired() {
    TextLimit text = TextLimit.of(500, TextCounting.GRAPHEMES);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new NetworkDescriptor(
                "m", " ", "M", text, null, MediaRules.NONE, null, Set.of(Operation.PUBLISH_TEXT)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new NetworkDescriptor("m", "m", "M", text, null, MediaRules.NONE, null, Set.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new NetworkDescriptor("m", "m", "M", null, null, MediaRules.NONE, null, null));
  }

  @Test
  public void mediaOperationsNeedMediaRules() {
    TextLimit text = TextLimit.of(500, TextCounting.GRAPHEMES);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new NetworkDescriptor(
                "m", "m", "M", text, null, MediaRules.NONE, null, Set.of(Operation.PUBLISH_IMAGE)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new NetworkDescriptor(
                "m", "m", "M", text, null, MediaRules.NONE, null, Set.of(Operation.PUBLISH_VIDEO)));
  }

  @Test
  public void textLimitInvariants() {
    assertThrows(IllegalArgumentException.class, () -> TextLimit.of(0, TextCounting.CODE_POINTS));
    assertThrows(IllegalArgumentException.class, () -> TextLimit.of(10, null));
    assertThrows(
        IllegalArgumentException.class, () -> new TextLimit(280, TextCounting.X_WEIGHTED, -1, 23));
    assertThrows(
        IllegalArgumentException.class, () -> new TextLimit(280, TextCounting.X_WEIGHTED, 0, -23));
    assertThrows(
        "graphemes and bytes needs a byte limit",
        IllegalArgumentException.class,
        () -> TextLimit.of(300, TextCounting.GRAPHEMES_AND_UTF8_BYTES));
    TextLimit x = new TextLimit(280, TextCounting.X_WEIGHTED, 0, 23);
    assertFalse(x.hasByteLimit());
    assertEquals(23, x.urlLength());
  }

  @Test
  public void mediaRulesInvariantsAndMimeMatching() {
    MediaRules rules =
        new MediaRules(4, 1, Set.of("image/*", "video/mp4"), 5_000_000, 512_000_000, true, false);
    assertTrue(rules.accepts("image/png"));
    assertTrue(rules.accepts("Video/MP4; codecs=avc1"));
    assertFalse(rules.accepts("video/quicktime"));
    assertFalse(rules.accepts("png"));
    assertFalse(rules.accepts(null));
    assertFalse(MediaRules.NONE.accepts("image/png"));

    assertThrows(
        IllegalArgumentException.class, () -> new MediaRules(-1, 0, Set.of(), 0, 0, false, false));
    assertThrows(
        IllegalArgumentException.class,
        () -> new MediaRules(1, 0, Set.of("image/png"), -5, 0, false, false));
    assertThrows(
        "images allowed but no size",
        IllegalArgumentException.class,
        () -> new MediaRules(1, 0, Set.of("image/png"), 0, 0, false, false));
    assertThrows(
        "videos allowed but no size",
        IllegalArgumentException.class,
        () -> new MediaRules(0, 1, Set.of("video/mp4"), 0, 0, false, false));
    assertThrows(
        "media allowed but no types",
        IllegalArgumentException.class,
        () -> new MediaRules(1, 0, Set.of(), 1, 0, false, false));
    assertThrows(
        IllegalArgumentException.class,
        () -> new MediaRules(1, 0, Set.of("IMAGE/PNG"), 1, 0, false, false));
    assertThrows(
        IllegalArgumentException.class, () -> new MediaRules(0, 0, null, 0, 0, false, false));
  }

  @Test
  public void rateLimitInvariants() {
    RateLimit all = RateLimit.rate("requests", RateLimit.Scope.ACCOUNT, 300, Duration.ofMinutes(5));
    assertTrue(all.appliesTo(Operation.DELETE));
    assertEquals(RateLimit.Kind.RATE, all.kind());

    RateLimit posts =
        RateLimit.quota(
            "posts-24h",
            RateLimit.Scope.ACCOUNT,
            100,
            Duration.ofHours(24),
            Operation.PUBLISH_TEXT);
    assertTrue(posts.appliesTo(Operation.PUBLISH_TEXT));
    assertFalse(posts.appliesTo(Operation.FETCH_POST));
    assertEquals(RateLimit.Kind.QUOTA, posts.kind());

    RateLimit daily =
        RateLimit.dailyQuota("api-day", RateLimit.Scope.APP, 2000, ZoneId.of("Asia/Shanghai"));
    assertEquals(Duration.ofDays(1), daily.window());

    assertThrows(
        IllegalArgumentException.class,
        () -> RateLimit.rate("r", RateLimit.Scope.APP, 0, Duration.ofMinutes(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> RateLimit.rate("r", RateLimit.Scope.APP, 1, Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () -> RateLimit.rate("r", RateLimit.Scope.APP, 1, Duration.ofSeconds(-1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> RateLimit.rate(" ", RateLimit.Scope.APP, 1, Duration.ofSeconds(1)));
    assertThrows(
        IllegalArgumentException.class, () -> RateLimit.rate("r", null, 1, Duration.ofSeconds(1)));
    assertThrows(
        "calendar windows are whole days",
        IllegalArgumentException.class,
        () ->
            new RateLimit(
                "r",
                RateLimit.Kind.QUOTA,
                RateLimit.Scope.APP,
                1,
                Duration.ofHours(36),
                ZoneId.of("UTC"),
                null));
    assertThrows(
        IllegalArgumentException.class,
        () -> RateLimit.rate("r", RateLimit.Scope.APP, 1, Duration.ofSeconds(1), (Operation) null));
  }
}
