package org.socialweave.bench.connectors;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.socialweave.api.connector.AuthorizationRequest;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.ConnectedAccount;
import org.socialweave.api.connector.PlatformConnector;
import org.socialweave.connector.x.internal.XConnector;
import org.socialweave.sandbox.Sandbox;

/**
 * X: {@code POST /x/2/tweets} with JSON {@code {"text":"..."}} and the user's OAuth 2.0 Bearer
 * token. The channel is connected as in {@code XContractTest}: authorization URL (PKCE S256), the
 * sandbox's authorize page redirects with a code at once, {@code completeAuthorization}. The
 * sandbox has no daily post cap unless {@code setDailyPostLimit} sets one (none is set) and no
 * per-15-min limit on {@code POST /2/tweets} (its {@code x-rate-limit-*} headers are constant); X
 * refuses duplicate texts, and every text is unique.
 */
final class XTarget implements BenchTarget {

  private static final String CLIENT = "bench-x-client";
  private static final String REDIRECT = "https://sw.example/api/v1/oauth/x/callback";
  private static final String SCOPES =
      "tweet.read tweet.write users.read offline.access media.write";
  // RFC 7636's example pair, as in XConnectorTest.
  private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

  private XConnector connector;
  private ChannelContext channel;
  private String userId;

  @Override
  public String network() {
    return "x";
  }

  @Override
  public void setUp(Sandbox sandbox) {
    sandbox.x().addClient(CLIENT, null, REDIRECT);
    userId = sandbox.x().addUser("sw_bench");
    sandbox.x().consentAs("sw_bench");
    XConnector connecting = (XConnector) connector(sandbox);
    try {
      URI url =
          connecting.authorizationUrl(
              new AuthorizationRequest(URI.create(REDIRECT), "bench", CHALLENGE));
      String code = BenchTarget.followConsent(url);
      ConnectedAccount account =
          connecting.completeAuthorization(code, URI.create(REDIRECT), VERIFIER);
      channel =
          new ChannelContext(
              "ws-bench", "ch-x", account.accountId(), account.credentials(), account.settings());
    } catch (Exception e) {
      throw new IllegalStateException("cannot connect the X channel", e);
    }
  }

  /** The public {@code @Activate} constructor (10 s connect, 30 s request timeout). */
  @Override
  public PlatformConnector connector(Sandbox sandbox) {
    if (connector == null) {
      connector =
          new XConnector(
              BenchTarget.config(
                  XConnector.Config.class,
                  Map.of(
                      "apiBaseUrl",
                      sandbox.x().apiBaseUrl().toString(),
                      "authorizeUrl",
                      sandbox.x().authorizeUrl().toString(),
                      "clientId",
                      CLIENT,
                      "_clientSecret",
                      "",
                      "scopes",
                      SCOPES)));
    }
    return connector;
  }

  @Override
  public ChannelContext channel(Sandbox sandbox) {
    return channel;
  }

  @Override
  public HttpRequest rawRequest(Sandbox sandbox, String key, String text) {
    String body = "{\"text\":" + BenchTarget.json(text) + "}";
    return HttpRequest.newBuilder(URI.create(sandbox.x().apiBaseUrl() + "/2/tweets"))
        .timeout(Duration.ofSeconds(30))
        .version(HttpClient.Version.HTTP_1_1)
        .header("Authorization", "Bearer " + channel.credentials().accessToken())
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  @Override
  public long storedPosts(Sandbox sandbox) {
    return sandbox.x().posts(userId).size();
  }
}
