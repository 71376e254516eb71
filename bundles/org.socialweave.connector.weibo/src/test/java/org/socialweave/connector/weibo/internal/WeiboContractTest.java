package org.socialweave.connector.weibo.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.After;
import org.junit.Before;
import org.socialweave.api.connector.AuthorizationRequest;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.ConnectedAccount;
import org.socialweave.api.connector.PlatformConnector;
import org.socialweave.connector.support.TextCounter;
import org.socialweave.connector.testkit.ConnectorContractSuite;
import org.socialweave.sandbox.Fault;
import org.socialweave.sandbox.Sandbox;
import org.socialweave.sandbox.WeiboSandbox;
import org.socialweave.sandbox.WeiboStatus;

/** The connector contract, played by the Weibo connector against the sandbox's Open Platform. */
public class WeiboContractTest extends ConnectorContractSuite {

  private static final String APP = "3550014725";
  private static final String SECRET = "weibo-contract-secret-0123456789abcdef";
  private static final URI CALLBACK = URI.create("https://sw.example/api/v1/oauth/weibo/callback");
  private static final String SECURE_URL = "https://brand.example/campaign";
  private static final String UID = "1904178193";
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
  private static final Pattern CODE = Pattern.compile("[?&]code=([^&]*)");

  private Sandbox sandbox;
  private WeiboSandbox weibo;
  private WeiboConnector connector;
  private ChannelContext channel;

  @Before
  public void connectAChannel() throws IOException, InterruptedException {
    sandbox = Sandbox.start(0);
    weibo = sandbox.weibo();
    weibo.addApp(APP, SECRET, "https://sw.example/", "brand.example");
    weibo.addUser(UID, "品牌官方微博");
    connector = connector(REQUEST_TIMEOUT);
    // Connecting is the test's set-up, not under test: a cold JVM must not time it out.
    WeiboConnector connecting = connector(Duration.ofSeconds(10));
    ConnectedAccount account =
        connecting.completeAuthorization(consent(connecting), CALLBACK, null);
    channel =
        new ChannelContext(
            "ws-1", "ch-1", account.accountId(), account.credentials(), account.settings());
  }

  private WeiboConnector connector(Duration requestTimeout) {
    return new WeiboConnector(
        new WeiboConnector.App(weibo.baseUrl(), APP, SECRET, SECURE_URL, ""),
        Duration.ofSeconds(2),
        requestTimeout,
        Clock.systemUTC());
  }

  /** Follows the authorization URL like a browser; the sandbox's test user consents at once. */
  private static String consent(WeiboConnector connector) throws IOException, InterruptedException {
    URI url = connector.authorizationUrl(new AuthorizationRequest(CALLBACK, "contract", null));
    HttpClient browser =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpResponse<Void> redirect =
        browser.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding());
    assertEquals(302, redirect.statusCode());
    Matcher code = CODE.matcher(redirect.headers().firstValue("Location").orElseThrow());
    assertTrue(code.find());
    return URLDecoder.decode(code.group(1), StandardCharsets.UTF_8);
  }

  @After
  public void stopSandbox() {
    sandbox.close();
  }

  private String token() {
    return channel.credentials().accessToken();
  }

  @Override
  protected PlatformConnector connector() {
    return connector;
  }

  @Override
  protected ChannelContext channel() {
    return channel;
  }

  @Override
  protected void inject(Fault fault, int times) {
    weibo.inject(token(), fault, times);
  }

  @Override
  protected void revokeCredentials() {
    weibo.revoke(token());
  }

  @Override
  protected long requestCount() {
    return weibo.requestCount(token());
  }

  /** The account's statuses (Weibo has no delete) and its comments on them. */
  @Override
  protected Map<String, String> postsOnNetwork() {
    Map<String, String> posts = new HashMap<>();
    for (WeiboStatus status : weibo.statuses(UID)) {
      posts.put(status.id(), status.text());
      weibo.comments(status.id()).stream()
          .filter(comment -> comment.uid().equals(UID))
          .forEach(comment -> posts.put(comment.id(), comment.text()));
    }
    return posts;
  }

  @Override
  protected Duration requestTimeout() {
    return REQUEST_TIMEOUT;
  }

  /** {@code statuses/share} needs a URL on the app's secure domain; the connector appends it. */
  @Override
  protected String storedText(String text) {
    return text + " " + SECURE_URL;
  }

  @Override
  protected int reservedLength() {
    return TextCounter.weiboLength(" " + SECURE_URL);
  }
}
