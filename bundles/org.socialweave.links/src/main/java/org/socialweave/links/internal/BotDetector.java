package org.socialweave.links.internal;

import java.util.List;
import java.util.Locale;

/**
 * Tells a person's click from automated traffic, from the request alone: {@code HEAD} requests,
 * browser prefetches ({@code Sec-Purpose}/{@code Purpose}/{@code X-Purpose}/{@code X-Moz}), the
 * link-preview fetchers of chat apps and networks (which open every link a post contains before
 * anyone clicks it), crawlers, HTTP libraries and requests without a User-Agent.
 */
final class BotDetector {

  /** Why a click counts as a bot; stored with the click. */
  enum Reason {
    HEAD,
    PREFETCH,
    PREVIEW,
    CRAWLER,
    NO_AGENT;

    String column() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** Link-preview fetchers: they fetch a link when it is posted or sent, not when it is clicked. */
  private static final List<String> PREVIEW_AGENTS =
      List.of(
          "facebookexternalhit",
          "facebookcatalog",
          "facebot",
          "twitterbot",
          "slackbot",
          "slack-imgproxy",
          "discordbot",
          "telegrambot",
          "whatsapp",
          "linkedinbot",
          "skypeuripreview",
          "microsoftpreview",
          "teams",
          "embedly",
          "quora link preview",
          "pinterest",
          "redditbot",
          "vkshare",
          "iframely",
          "mastodon",
          "bluesky",
          "cardyb",
          "line-poker",
          "kakaotalk-scrap",
          // WeChat's and Weibo's preview crawlers (the in-app browsers say MicroMessenger and
          // Weibo without these words and count as people).
          "wechatshare",
          "mmspider",
          "weibo spider",
          "bingpreview",
          "google-pagerenderer",
          "applebot");

  /** Crawlers and non-browser clients. "bot" also catches the many "xyzbot" crawlers. */
  private static final List<String> CRAWLER_AGENTS =
      List.of(
          "bot",
          "crawl",
          "spider",
          "slurp",
          "baiduspider",
          "yandex",
          "sogou",
          "bytespider",
          "petalbot",
          "headlesschrome",
          "phantomjs",
          "lighthouse",
          "curl/",
          "wget/",
          "python-requests",
          "python-urllib",
          "aiohttp",
          "go-http-client",
          "okhttp",
          "java/",
          "apache-httpclient",
          "libwww-perl",
          "node-fetch",
          "axios/",
          "scrapy",
          "httpie",
          "monitor",
          "uptime",
          "pingdom");

  private BotDetector() {}

  /** The reason a request is not a person's click, or {@code null} for a person. */
  static Reason classify(
      String method,
      String userAgent,
      String secPurpose,
      String purpose,
      String xPurpose,
      String xMoz) {
    if ("HEAD".equalsIgnoreCase(method)) {
      return Reason.HEAD;
    }
    if (mentionsPrefetch(secPurpose)
        || mentionsPrefetch(purpose)
        || mentionsPrefetch(xPurpose)
        || mentionsPrefetch(xMoz)) {
      return Reason.PREFETCH;
    }
    if (userAgent == null || userAgent.isBlank()) {
      return Reason.NO_AGENT;
    }
    String agent = userAgent.toLowerCase(Locale.ROOT);
    for (String preview : PREVIEW_AGENTS) {
      if (agent.contains(preview)) {
        return Reason.PREVIEW;
      }
    }
    for (String crawler : CRAWLER_AGENTS) {
      if (agent.contains(crawler)) {
        return Reason.CRAWLER;
      }
    }
    return null;
  }

  private static boolean mentionsPrefetch(String header) {
    if (header == null) {
      return false;
    }
    String value = header.toLowerCase(Locale.ROOT);
    return value.contains("prefetch") || value.contains("preview") || value.contains("prerender");
  }
}
