package org.socialweave.connector.wechat.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Before;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.ConnectedAccount;
import org.socialweave.api.connector.MediaRef;
import org.socialweave.api.connector.PlatformConnector;
import org.socialweave.api.connector.PublishRequest;
import org.socialweave.connector.testkit.ConnectorContractSuite;
import org.socialweave.sandbox.Fault;
import org.socialweave.sandbox.Sandbox;
import org.socialweave.sandbox.WeChatArticle;
import org.socialweave.sandbox.WeChatSandbox;

/** The connector contract, played by the WeChat Official Account connector against the sandbox. */
public class WeChatContractTest extends ConnectorContractSuite {

  private static final String APP_ID = "wx0c0ffee0c0ffee01";
  private static final String SECRET = "contract0secret0b9a8d7c6b5a4f3e2d";
  private static final String PUSH_TOKEN = "contractPushToken";

  /** Generous, so a busy machine cannot turn an answer into a timeout. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

  /** The call that publishes: the uploads and the draft before it publish nothing. */
  private static final String SUBMIT = "/cgi-bin/freepublish/submit";

  /** WeChat answers errors as errcodes; 48001 (API unauthorized) is a plain refusal. */
  private static final int REFUSED = 48001;

  /** One paragraph of the article body, as the connector writes each line of the text. */
  private static final Pattern PARAGRAPH = Pattern.compile("<p>(.*?)</p>");

  private static final byte[] COVER = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xd9};

  private Sandbox sandbox;
  private WeChatSandbox wechat;
  private WeChatConnector connector;
  private ChannelContext channel;

  @Before
  public void connectAChannel() throws IOException {
    sandbox = Sandbox.start(0);
    wechat = sandbox.wechat();
    wechat.addAccount(APP_ID, SECRET);
    // Jobs finish at submission, so an article is on the network as soon as it was submitted.
    wechat.setPublishBehaviour(APP_ID, 0, 0);
    // The account's read figures of the two days before today, for the metrics test.
    LocalDate today = LocalDate.now(WeChatErrors.BEIJING);
    wechat.addUserRead(APP_ID, today.minusDays(2), 90, 120, 7, 3);
    wechat.addUserRead(APP_ID, today.minusDays(1), 100, 150, 9, 4);
    connector =
        new WeChatConnector(
            wechat.baseUrl(), Duration.ofSeconds(2), REQUEST_TIMEOUT, Clock.systemUTC());
    // Connecting is set-up, not under test: a patient connector, so a loaded machine is no failure.
    WeChatConnector patient =
        new WeChatConnector(
            wechat.baseUrl(), Duration.ofSeconds(10), Duration.ofSeconds(10), Clock.systemUTC());
    ConnectedAccount account =
        patient.connect(
            Map.of(
                WeChatConnector.FIELD_APP_ID,
                APP_ID,
                WeChatConnector.FIELD_APP_SECRET,
                SECRET,
                WeChatConnector.FIELD_TOKEN,
                PUSH_TOKEN));
    channel =
        new ChannelContext(
            "ws-1", "ch-1", account.accountId(), account.credentials(), account.settings());
  }

  @After
  public void stopSandbox() {
    sandbox.close();
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
    if (fault.type() == Fault.Type.ERROR) {
      wechat.injectError(APP_ID, null, REFUSED, fault.description(), times);
    } else {
      wechat.inject(APP_ID, null, fault, times);
    }
  }

  @Override
  protected void revokeCredentials() {
    wechat.resetSecret(APP_ID, "reset0on0the0platform0after0a0leak");
    wechat.expireToken(APP_ID);
  }

  @Override
  protected long requestCount() {
    return wechat.requestCount(APP_ID);
  }

  /** Each article's text: its paragraphs, one line each, as a reader sees them. */
  @Override
  protected Map<String, String> postsOnNetwork() {
    return wechat.articles(APP_ID).stream()
        .filter(article -> !article.deleted())
        .collect(Collectors.toMap(WeChatArticle::articleId, article -> text(article.content())));
  }

  @Override
  protected Duration requestTimeout() {
    return REQUEST_TIMEOUT;
  }

  /** A WeChat article needs a cover image. */
  @Override
  protected PublishRequest.Builder publishable(String idempotencyKey, String text) {
    return super.publishable(idempotencyKey, text)
        .media(
            MediaRef.of(
                "cover", "image/jpeg", COVER.length, () -> new ByteArrayInputStream(COVER)));
  }

  @Override
  protected void injectIntoPublish(Fault fault) {
    wechat.inject(APP_ID, SUBMIT, fault, 1);
  }

  /** 45011 is WeChat's minute quota: "retry next minute". */
  @Override
  protected Instant rateLimitReset(Fault fault, Instant start) {
    return start.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
  }

  /** WeChat reads the account's daily figures; per-article ones need a mass-message id. */
  @Override
  protected String metricsSubject(String platformPostId) {
    return null;
  }

  private static String text(String html) {
    Matcher paragraph = PARAGRAPH.matcher(html);
    StringBuilder text = new StringBuilder();
    while (paragraph.find()) {
      text.append(text.length() == 0 ? "" : "\n").append(unescape(paragraph.group(1)));
    }
    return text.toString();
  }

  private static String unescape(String html) {
    return html.replace("&quot;", "\"")
        .replace("&gt;", ">")
        .replace("&lt;", "<")
        .replace("&amp;", "&");
  }
}
