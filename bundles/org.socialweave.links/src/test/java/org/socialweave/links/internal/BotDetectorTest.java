package org.socialweave.links.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;
import org.socialweave.links.internal.BotDetector.Reason;

public class BotDetectorTest {

  private static final String CHROME =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/131.0.0.0 Safari/537.36";
  private static final String WECHAT_BROWSER =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800322d) NetType/WIFI Language/zh_CN";

  private static Reason get(String userAgent) {
    return BotDetector.classify("GET", userAgent, null, null, null, null);
  }

  @Test
  public void browsersAndInAppBrowsersArePeople() {
    assertNull(get(CHROME));
    assertNull(get(WECHAT_BROWSER));
    assertNull(
        get(
            "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126 Mobile Safari/537.36"
                + " Weibo (HUAWEI__weibo__14.6.1__android__android14)"));
  }

  @Test
  public void linkPreviewFetchersAreBots() {
    for (String agent :
        new String[] {
          "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
          "Twitterbot/1.0",
          "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
          "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
          "TelegramBot (like TwitterBot)",
          "WhatsApp/2.23.20.0",
          "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
          "http.rb/5.1.1 (Mastodon/4.2.0; +https://mastodon.social/)",
          "Mozilla/5.0 (compatible; Bluesky Cardyb/1.1; +mailto:support@bsky.app)",
          "Mozilla/5.0 (Linux) MicroMessenger WeChatShare"
        }) {
      assertEquals(agent, Reason.PREVIEW, get(agent));
    }
  }

  @Test
  public void crawlersAndHttpLibrariesAreBots() {
    for (String agent :
        new String[] {
          "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
          "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
          "Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)",
          "curl/8.5.0",
          "python-requests/2.32.3",
          "Go-http-client/1.1",
          "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/120.0 Safari/537.36"
        }) {
      assertEquals(agent, Reason.CRAWLER, get(agent));
    }
  }

  @Test
  public void prefetchesHeadRequestsAndMissingAgentsAreBots() {
    assertEquals(
        Reason.PREFETCH, BotDetector.classify("GET", CHROME, "prefetch", null, null, null));
    assertEquals(
        Reason.PREFETCH,
        BotDetector.classify("GET", CHROME, "prefetch;prerender", null, null, null));
    assertEquals(
        Reason.PREFETCH, BotDetector.classify("GET", CHROME, null, "prefetch", null, null));
    assertEquals(Reason.PREFETCH, BotDetector.classify("GET", CHROME, null, null, "preview", null));
    assertEquals(
        Reason.PREFETCH, BotDetector.classify("GET", CHROME, null, null, null, "prefetch"));
    assertEquals(Reason.HEAD, BotDetector.classify("HEAD", CHROME, null, null, null, null));
    assertEquals(Reason.NO_AGENT, get(null));
    assertEquals(Reason.NO_AGENT, get(" "));
    assertEquals("no-agent", Reason.NO_AGENT.column());
  }
}
