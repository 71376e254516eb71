package org.socialweave.bench.connectors;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.socialweave.api.connector.AuthorizationRequest;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.ConnectedAccount;
import org.socialweave.api.connector.PlatformConnector;
import org.socialweave.connector.weibo.internal.WeiboConnector;
import org.socialweave.sandbox.Sandbox;

/**
 * Weibo: {@code POST /weibo/2/statuses/share.json}, form {@code status=<text> <secure-domain URL>}
 * (the connector appends the app's secure-domain URL when the text has none) with {@code
 * Authorization: OAuth2 <token>}. Connected as in {@code WeiboContractTest}: authorization URL, the
 * sandbox's consenting user redirects with a code at once, {@code completeAuthorization}. The
 * sandbox's hourly limits (150 calls, 30 shares per user and app by default) are raised to {@link
 * Integer#MAX_VALUE} after every reset; Weibo refuses repeated texts (20019), and every text is
 * unique.
 */
final class WeiboTarget implements BenchTarget {

  private static final String APP = "3550099001";
  private static final String SECRET = "weibo-bench-secret-0123456789abcdef";
  private static final URI CALLBACK = URI.create("https://sw.example/api/v1/oauth/weibo/callback");
  private static final String SECURE_URL = "https://brand.example/campaign";
  private static final String UID = "1904170001";

  private WeiboConnector connector;
  private ChannelContext channel;

  @Override
  public String network() {
    return "weibo";
  }

  @Override
  public void setUp(Sandbox sandbox) {
    sandbox.weibo().addApp(APP, SECRET, "https://sw.example/", "brand.example");
    sandbox.weibo().addUser(UID, "SocialWeave bench");
    sandbox.weibo().setRateLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
    WeiboConnector connecting = (WeiboConnector) connector(sandbox);
    try {
      String code =
          BenchTarget.followConsent(
              connecting.authorizationUrl(new AuthorizationRequest(CALLBACK, "bench", null)));
      ConnectedAccount account = connecting.completeAuthorization(code, CALLBACK, null);
      channel =
          new ChannelContext(
              "ws-bench",
              "ch-weibo",
              account.accountId(),
              account.credentials(),
              account.settings());
    } catch (Exception e) {
      throw new IllegalStateException("cannot connect the Weibo channel", e);
    }
  }

  /** The public {@code @Activate} constructor (10 s connect, 30 s request timeout). */
  @Override
  public PlatformConnector connector(Sandbox sandbox) {
    if (connector == null) {
      connector =
          new WeiboConnector(
              BenchTarget.config(
                  WeiboConnector.Config.class,
                  Map.of(
                      "baseUrl", sandbox.weibo().baseUrl().toString(),
                      "clientId", APP,
                      "_clientSecret", SECRET,
                      "secureDomainUrl", SECURE_URL)));
    }
    return connector;
  }

  @Override
  public ChannelContext channel(Sandbox sandbox) {
    return channel;
  }

  @Override
  public HttpRequest rawRequest(Sandbox sandbox, String key, String text) {
    String body = "status=" + URLEncoder.encode(text + " " + SECURE_URL, StandardCharsets.UTF_8);
    return HttpRequest.newBuilder(URI.create(sandbox.weibo().baseUrl() + "/2/statuses/share.json"))
        .timeout(Duration.ofSeconds(30))
        .version(HttpClient.Version.HTTP_1_1)
        .header("Accept", "application/json")
        .header("Authorization", "OAuth2 " + channel.credentials().accessToken())
        .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  @Override
  public long storedPosts(Sandbox sandbox) {
    return sandbox.weibo().statuses(UID).size();
  }
}
