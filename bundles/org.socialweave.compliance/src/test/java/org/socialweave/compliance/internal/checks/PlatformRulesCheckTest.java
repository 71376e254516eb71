package org.socialweave.compliance.internal.checks;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.Test;
import org.socialweave.api.compliance.CheckContext;
import org.socialweave.api.compliance.CheckSubject;
import org.socialweave.api.compliance.Finding;
import org.socialweave.api.compliance.MediaFact;
import org.socialweave.api.connector.MediaRules;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.connector.Operation;
import org.socialweave.api.connector.TextCounting;
import org.socialweave.api.connector.TextLimit;
import org.socialweave.compliance.internal.AllChecks;

public class PlatformRulesCheckTest {

  public static final NetworkDescriptor X =
      new NetworkDescriptor(
          "x",
          "X",
          "X",
          new TextLimit(280, TextCounting.X_WEIGHTED, 0, 23),
          null,
          new MediaRules(
              4,
              1,
              Set.of("image/jpeg", "image/png", "video/mp4"),
              5_000_000,
              512_000_000,
              true,
              false),
          List.of(),
          EnumSet.of(Operation.PUBLISH_TEXT, Operation.PUBLISH_IMAGE, Operation.PUBLISH_VIDEO));

  private static final NetworkDescriptor WECHAT =
      new NetworkDescriptor(
          "wechat",
          "微信公众号",
          "WeChat",
          TextLimit.of(20_000, TextCounting.CODE_POINTS),
          null,
          MediaRules.NONE,
          List.of(),
          EnumSet.of(Operation.PUBLISH_TEXT));

  private final PlatformRulesCheck check = new PlatformRulesCheck(AllChecks.PLATFORM_DEFAULTS);

  private List<Finding> run(String text, NetworkDescriptor network, List<MediaFact> media) {
    return check.check(
        new CheckSubject(text, null, network, false, media, null), new CheckContext(null));
  }

  @Test
  public void lengthIsCountedTheNetworksWay() {
    // 141 CJK characters weigh 282 on X: too long, and the span starts where X would cut.
    String text = "好".repeat(141);
    List<Finding> findings = run(text, X, List.of());
    assertEquals(1, findings.size());
    assertEquals("platform.length", findings.get(0).ruleId());
    assertEquals(140, findings.get(0).start());
    assertEquals(141, findings.get(0).end());
    assertEquals(List.of(), run("好".repeat(140), X, List.of()));
  }

  @Test
  public void tooManyHashtagsAndMentionsWarnFromTheFirstExcessOne() {
    String tags = "#a #b #c #d #e #f #g #h #i #j #k";
    Finding f = run(tags, X, List.of()).get(0);
    assertEquals("platform.hashtags", f.ruleId());
    assertEquals("#k", f.matched());
    String mentions = "@a @b @c @d @e @f @g @h @i @j @k @l";
    assertEquals("@k", run(mentions, X, List.of()).get(0).matched());
  }

  @Test
  public void linksWarnWhereTheNetworkTakesNone() {
    Finding f = run("详情见 https://example.com/a?b=1 谢谢", WECHAT, List.of()).get(0);
    assertEquals("platform.link", f.ruleId());
    assertEquals("https://example.com/a?b=1", f.matched());
    assertEquals(List.of(), run("see https://example.com", X, List.of()));
  }

  @Test
  public void mediaAreCheckedAgainstTheNetworksRules() {
    List<MediaFact> media =
        List.of(
            new MediaFact("image/gif", 10),
            new MediaFact("image/png", 6_000_000),
            new MediaFact("video/mp4", 1000));
    List<String> rules = run("hello", X, media).stream().map(Finding::ruleId).toList();
    assertTrue(rules.toString(), rules.contains("platform.media.mixed"));
    assertTrue(rules.toString(), rules.contains("platform.media.type"));
    assertTrue(rules.toString(), rules.contains("platform.media.size"));
  }

  @Test
  public void aTextWithoutNetworkHasNoPlatformRules() {
    assertEquals(List.of(), run("好".repeat(500), null, List.of()));
  }
}
