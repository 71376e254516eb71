package org.socialweave.compliance.internal.checks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.socialweave.api.compliance.Categories;
import org.socialweave.api.compliance.CheckContext;
import org.socialweave.api.compliance.CheckParameter;
import org.socialweave.api.compliance.CheckSubject;
import org.socialweave.api.compliance.ContentCheck;
import org.socialweave.api.compliance.Finding;
import org.socialweave.api.compliance.MediaFact;
import org.socialweave.api.compliance.Severity;
import org.socialweave.api.connector.MediaRules;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.connector.TextLimit;
import org.socialweave.connector.support.TextCounter;

/**
 * The network's own rules, read from the connector's {@link NetworkDescriptor}: the text length as
 * the network counts it (X weighted, Weibo CJK units, Bluesky graphemes and bytes...; {@link
 * TextCounter} implements each counting once), the media the network takes, and the configured
 * hashtag, mention and link rules. A subject without a network is not checked here.
 */
@Component(
    service = ContentCheck.class,
    property = ContentCheck.CHECK_PROPERTY + "=" + PlatformRulesCheck.ID,
    configurationPid = "org.socialweave.compliance.platform")
@Designate(ocd = PlatformRulesConfig.class)
public class PlatformRulesCheck implements ContentCheck {

  public static final String ID = "platform";

  /** Hashtags as {@code #tag} and Weibo's {@code #话题#}. */
  private static final Pattern HASHTAG =
      Pattern.compile("#[^#\\s]{1,64}+#|(?<![\\p{L}\\p{N}&])[#＃][\\p{L}\\p{N}_]{1,139}+");

  private static final Pattern MENTION =
      Pattern.compile("(?<![\\p{L}\\p{N}._])@[\\p{L}\\p{N}._-]{1,64}+");
  private static final Pattern LINK =
      Pattern.compile("(?i)\\bhttps?://[^\\s<>\"]{1,2048}+|\\bwww\\.[^\\s<>\"]{1,2048}+");

  /** The workspace parameter that overrides {@link PlatformRulesConfig#maxHashtags()}. */
  public static final String MAX_HASHTAGS = "maxHashtags";

  /** The workspace parameter that overrides {@link PlatformRulesConfig#maxMentions()}. */
  public static final String MAX_MENTIONS = "maxMentions";

  private volatile PlatformRulesConfig config;

  @Activate
  public PlatformRulesCheck(PlatformRulesConfig config) {
    this.config = config;
  }

  @Modified
  void modified(PlatformRulesConfig config) {
    this.config = config;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> categories() {
    return Set.of(Categories.PLATFORM_RULES);
  }

  @Override
  public List<CheckParameter> parameters() {
    PlatformRulesConfig settings = config;
    return List.of(
        new CheckParameter(
            MAX_HASHTAGS,
            CheckParameter.Type.INTEGER,
            "Warn when a post carries more hashtags than this",
            Integer.toString(settings.maxHashtags())),
        new CheckParameter(
            MAX_MENTIONS,
            CheckParameter.Type.INTEGER,
            "Warn when a post mentions more accounts than this",
            Integer.toString(settings.maxMentions())));
  }

  private static int limit(CheckContext context, String name, int defaultValue) {
    return Integer.parseInt(context.parameter(ID, name, Integer.toString(defaultValue)));
  }

  @Override
  public List<Finding> check(CheckSubject subject, CheckContext context) {
    NetworkDescriptor network = subject.network();
    if (network == null) {
      return List.of();
    }
    PlatformRulesConfig settings = config;
    List<Finding> findings = new ArrayList<>();
    String text = subject.text();
    String name = network.nameZh() + " / " + network.nameEn();
    TextLimit limit = network.textLimit(!subject.media().isEmpty());
    int length = TextCounter.length(text, limit);
    if (length > limit.maxLength()) {
      int cut = TextCounter.truncationPoint(text, limit);
      findings.add(
          finding(
              "platform.length",
              Severity.BLOCK,
              cut,
              text.length(),
              text.substring(cut),
              name + " 的正文上限为 " + limit.maxLength() + "（按该平台的计数方式），当前为 " + length + "。",
              name
                  + " allows "
                  + limit.maxLength()
                  + " ("
                  + limit.counting()
                  + "), this text counts "
                  + length
                  + "; the marked part does not fit.",
              "删减超出部分 / Shorten the marked part"));
    } else if (limit.hasByteLimit()
        && text.getBytes(StandardCharsets.UTF_8).length > limit.maxUtf8Bytes()) {
      findings.add(
          whole(
              "platform.bytes",
              Severity.BLOCK,
              name + " 的正文不得超过 " + limit.maxUtf8Bytes() + " 字节（UTF-8）。",
              name + " allows at most " + limit.maxUtf8Bytes() + " UTF-8 bytes."));
    }
    countRule(
        findings,
        HASHTAG,
        text,
        limit(context, MAX_HASHTAGS, settings.maxHashtags()),
        "platform.hashtags",
        "话题标签",
        "hashtags");
    countRule(
        findings,
        MENTION,
        text,
        limit(context, MAX_MENTIONS, settings.maxMentions()),
        "platform.mentions",
        "@提及",
        "mentions");
    if (Set.of(settings.networksWithoutLinks()).contains(network.id())) {
      Matcher m = LINK.matcher(text);
      while (m.find()) {
        findings.add(
            finding(
                "platform.link",
                Severity.WARN,
                m.start(),
                m.end(),
                m.group(),
                name + " 的正文中外部链接不可点击，请改用平台支持的方式（如“阅读原文”）。",
                name
                    + " does not make external links in the text clickable; use the network's own"
                    + " way (such as \"Read more\").",
                null));
      }
    }
    media(findings, network.media(), subject.media(), text, name);
    return findings;
  }

  private static void countRule(
      List<Finding> findings,
      Pattern pattern,
      String text,
      int max,
      String rule,
      String zh,
      String en) {
    Matcher m = pattern.matcher(text);
    int count = 0;
    while (m.find()) {
      count++;
      if (count == max + 1) {
        findings.add(
            finding(
                rule,
                Severity.WARN,
                m.start(),
                m.end(),
                m.group(),
                zh + "超过 " + max + " 个，平台可能限流或判为垃圾内容；从此处起超出。",
                "More than "
                    + max
                    + " "
                    + en
                    + "; the network may limit or flag the post. The"
                    + " excess starts here.",
                "减少" + zh + " / Use fewer " + en));
      }
    }
  }

  private static void media(
      List<Finding> findings, MediaRules rules, List<MediaFact> media, String text, String name) {
    if (media.isEmpty()) {
      return;
    }
    long videos = media.stream().filter(MediaFact::video).count();
    long images = media.size() - videos;
    if (images > rules.maxImages()) {
      findings.add(
          whole(
              "platform.media.images",
              Severity.BLOCK,
              name + " 每条最多 " + rules.maxImages() + " 张图片，当前 " + images + " 张。",
              name
                  + " takes at most "
                  + rules.maxImages()
                  + " images, this post has "
                  + images
                  + "."));
    }
    if (videos > rules.maxVideos()) {
      findings.add(
          whole(
              "platform.media.videos",
              Severity.BLOCK,
              name + " 每条最多 " + rules.maxVideos() + " 个视频，当前 " + videos + " 个。",
              name
                  + " takes at most "
                  + rules.maxVideos()
                  + " videos, this post has "
                  + videos
                  + "."));
    }
    if (videos > 0 && images > 0 && !rules.imagesWithVideo()) {
      findings.add(
          whole(
              "platform.media.mixed",
              Severity.BLOCK,
              name + " 不支持图片与视频混排。",
              name + " does not mix images and videos in one post."));
    }
    if (videos > 0 && !text.isBlank() && !rules.textWithVideo()) {
      findings.add(
          whole(
              "platform.media.video-text",
              Severity.BLOCK,
              name + " 的视频帖不能附带文字。",
              name + " does not take text with a video."));
    }
    for (MediaFact m : media) {
      if (!rules.accepts(m.mimeType())) {
        findings.add(
            whole(
                "platform.media.type",
                Severity.BLOCK,
                name + " 不支持该媒体类型：" + m.mimeType(),
                name + " does not take " + m.mimeType() + "."));
      }
      long max = m.video() ? rules.maxVideoBytes() : rules.maxImageBytes();
      if (max > 0 && m.sizeBytes() > max) {
        findings.add(
            whole(
                "platform.media.size",
                Severity.BLOCK,
                name
                    + " 的单个"
                    + (m.video() ? "视频" : "图片")
                    + "不得超过 "
                    + max
                    + " 字节，当前 "
                    + m.sizeBytes()
                    + "。",
                name
                    + " takes "
                    + (m.video() ? "videos" : "images")
                    + " up to "
                    + max
                    + " bytes, this one has "
                    + m.sizeBytes()
                    + "."));
      }
    }
  }

  private static Finding whole(String rule, Severity severity, String zh, String en) {
    return finding(rule, severity, 0, 0, "", zh, en, null);
  }

  private static Finding finding(
      String rule,
      Severity severity,
      int start,
      int end,
      String matched,
      String zh,
      String en,
      String suggestion) {
    return new Finding(
        rule,
        Categories.PLATFORM_RULES,
        severity,
        start,
        end,
        false,
        matched,
        zh,
        en,
        null,
        suggestion,
        false);
  }
}
