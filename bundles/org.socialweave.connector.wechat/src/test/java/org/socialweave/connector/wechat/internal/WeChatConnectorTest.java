package org.socialweave.connector.wechat.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.ConnectFlow;
import org.socialweave.api.connector.ConnectMethod;
import org.socialweave.api.connector.ConnectedAccount;
import org.socialweave.api.connector.ConnectorException;
import org.socialweave.api.connector.Credentials;
import org.socialweave.api.connector.ErrorKind;
import org.socialweave.api.connector.MediaRef;
import org.socialweave.api.connector.MetricNames;
import org.socialweave.api.connector.MetricPoint;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.connector.Operation;
import org.socialweave.api.connector.PostLookup;
import org.socialweave.api.connector.PostQuery;
import org.socialweave.api.connector.PublishRequest;
import org.socialweave.api.connector.PublishResult;
import org.socialweave.connector.testkit.Leaks;
import org.socialweave.sandbox.Fault;
import org.socialweave.sandbox.Sandbox;
import org.socialweave.sandbox.WeChatArticle;
import org.socialweave.sandbox.WeChatSandbox;

public class WeChatConnectorTest {

  static final String APP_ID = "wx1a2b3c4d5e6f7a8b";
  static final String SECRET = "5f3c1e0b9a8d7c6b5a4f3e2d1c0b9a8d";
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  private Sandbox sandbox;
  private WeChatSandbox wechat;
  private WeChatConnector connector;

  @Before
  public void start() throws IOException {
    sandbox = Sandbox.start(0);
    wechat = sandbox.wechat();
    wechat.addAccount(APP_ID, SECRET);
    connector =
        new WeChatConnector(
            wechat.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(10), Clock.systemUTC());
  }

  @After
  public void stop() {
    sandbox.close();
  }

  // ---- helpers ----

  private ChannelContext connected() {
    ConnectedAccount account = connector.connect(Map.of("appId", APP_ID, "appSecret", SECRET));
    return new ChannelContext(
        "ws-1", "ch-1", account.accountId(), account.credentials(), account.settings());
  }

  private static MediaRef image(String id, String type, int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i * 31);
    }
    return MediaRef.of(id, type, size, () -> new ByteArrayInputStream(bytes));
  }

  private static PublishRequest article(String key, String text, MediaRef... media) {
    PublishRequest.Builder b = PublishRequest.builder(key).text(text);
    for (MediaRef m : media) {
      b.media(m);
    }
    return b.build();
  }

  private static PublishRequest simple(String key) {
    return article(key, "春季新品发布\n今天我们发布了新品。", image("cover", "image/jpeg", 2048));
  }

  /** Polls until the job is published (the sandbox finishes after one poll by default). */
  private PublishResult awaitPublished(ChannelContext channel, String jobId) {
    for (int i = 0; i < 5; i++) {
      PublishResult r = connector.publishStatus(channel, jobId);
      if (r.isPublished()) {
        return r;
      }
      assertEquals(jobId, r.jobId());
    }
    fail("job " + jobId + " did not finish");
    return null;
  }

  private ConnectorException fails(Runnable call) {
    try {
      call.run();
      fail("expected a ConnectorException");
      return null;
    } catch (ConnectorException e) {
      assertNoSecrets(e);
      return e;
    }
  }

  private ConnectorException fails(Supplier<?> call) {
    return fails((Runnable) call::get);
  }

  /** Neither the access token nor the app secret appears anywhere in a failure. */
  private void assertNoSecrets(ConnectorException e) {
    Leaks.assertRevealsNone(e, SECRET, wechat.currentToken(APP_ID));
    assertFalse(String.valueOf(e.rawResponse()).matches("(?s).*access_token=[^<&]*[A-Za-z0-9].*"));
  }

  // ---- descriptor and connect flow ----

  @Test
  public void descriptorNamesWeChatItsLimitsAndOperations() {
    NetworkDescriptor d = connector.descriptor();
    assertEquals("wechat", d.id());
    assertEquals("微信公众号", d.nameZh());
    assertTrue(d.supports(Operation.PUBLISH_IMAGE));
    assertTrue(d.supports(Operation.VERIFY_WEBHOOK));
    assertTrue(d.supports(Operation.REFRESH_CREDENTIALS));
    assertTrue(d.supports(Operation.DELETE));
    assertTrue(d.supports(Operation.FETCH_POST));
    assertFalse("WeChat has no idempotency key", d.supports(Operation.IDEMPOTENCY_KEY));
    assertFalse(d.supports(Operation.PUBLISH_VIDEO));
    assertFalse(d.supports(Operation.PUBLISH_THREAD));
    assertTrue(d.media().accepts("image/png"));
    assertFalse(d.media().accepts("image/gif"));

    ConnectFlow flow = connector.connectFlow();
    assertEquals(ConnectMethod.APP_SECRET, flow.method());
    Map<String, Boolean> secret = new HashMap<>();
    flow.fields().forEach(f -> secret.put(f.name(), f.secret()));
    assertEquals(
        Map.of(
            "appId", false,
            "appSecret", true,
            "token", true,
            "encodingAesKey", true,
            "name", false),
        secret);
  }

  @Test
  public void connectExchangesTheSecretWithStableToken() {
    Instant before = Instant.now();
    ConnectedAccount account =
        connector.connect(
            Map.of("appId", APP_ID, "appSecret", SECRET, "token", "pushToken123", "name", "品牌官方号"));
    assertEquals(APP_ID, account.accountId());
    assertEquals("品牌官方号", account.displayName());
    Credentials c = account.credentials();
    assertEquals(wechat.currentToken(APP_ID), c.accessToken());
    assertNull(c.refreshToken());
    assertTrue(
        c.accessExpiresAt().isAfter(before.plusSeconds(WeChatSandbox.TOKEN_LIFETIME_SECONDS - 5)));
    assertEquals(SECRET, c.secret("appSecret"));
    assertEquals("pushToken123", c.secret("webhookToken"));
    assertNull(c.secret("encodingAesKey"));
    assertFalse(c.toString().contains(SECRET));
    assertFalse(account.toString().contains(c.accessToken()));
  }

  @Test
  public void connectWithoutNameNamesTheAccountByAppId() {
    ConnectedAccount account = connector.connect(Map.of("appId", APP_ID, "appSecret", SECRET));
    assertEquals("微信公众号 " + APP_ID, account.displayName());
  }

  @Test
  public void connectRefusesMalformedFieldsBeforeCalling() {
    for (Map<String, String> fields :
        List.of(
            Map.of("appId", "not-an-app-id", "appSecret", SECRET),
            Map.of("appId", APP_ID),
            Map.of("appId", APP_ID, "appSecret", SECRET, "token", "x"),
            Map.of("appId", APP_ID, "appSecret", SECRET, "encodingAesKey", "short"),
            Map.of(
                "appId",
                APP_ID,
                "appSecret",
                SECRET,
                "token",
                "pushToken123",
                "encodingAesKey",
                "short"))) {
      try {
        connector.connect(fields);
        fail("accepted " + fields.keySet());
      } catch (IllegalArgumentException expected) {
        assertFalse(expected.getMessage().contains(SECRET));
      }
    }
    assertEquals(0, wechat.requestCount());
  }

  @Test
  public void wrongSecretOrUnknownAppIsAuthRevoked() {
    ConnectorException e =
        fails(() -> connector.connect(Map.of("appId", APP_ID, "appSecret", "wrong-secret")));
    assertEquals(ErrorKind.AUTH_REVOKED, e.kind());
    assertEquals("40125", e.networkCode());

    e = fails(() -> connector.connect(Map.of("appId", "wx00000000000000ff", "appSecret", SECRET)));
    assertEquals(ErrorKind.AUTH_REVOKED, e.kind());
    assertEquals("40013", e.networkCode());
  }

  @Test
  public void ipNotOnTheWhitelistIsPermanentAndSaysWhatToDo() {
    wechat.injectError(
        APP_ID,
        "/cgi-bin/stable_token",
        40164,
        "invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist",
        1);
    ConnectorException e =
        fails(() -> connector.connect(Map.of("appId", APP_ID, "appSecret", SECRET)));
    assertEquals(ErrorKind.PERMANENT, e.kind());
    assertEquals("40164", e.networkCode());
    assertTrue(e.networkMessage(), e.networkMessage().contains("whitelist"));
  }

  @Test
  public void refreshKeepsTheValidTokenAndReplacesAnExpiredOne() {
    ChannelContext channel = connected();
    String first = channel.credentials().accessToken();

    Credentials same = connector.refreshCredentials(channel);
    assertEquals(first, same.accessToken());
    assertEquals(SECRET, same.secret("appSecret"));

    wechat.expireToken(APP_ID);
    ConnectorException e = fails(() -> connector.verifyCredentials(channel));
    assertEquals(ErrorKind.AUTH_EXPIRED, e.kind());
    assertEquals("42001", e.networkCode());

    Credentials fresh = connector.refreshCredentials(channel);
    assertNotEquals(first, fresh.accessToken());
    assertEquals(SECRET, fresh.secret("appSecret"));
    ConnectedAccount verified = connector.verifyCredentials(channel.withCredentials(fresh));
    assertEquals(APP_ID, verified.accountId());
  }

  @Test
  public void refreshAfterTheSecretWasResetIsAuthRevoked() {
    ChannelContext channel = connected();
    wechat.resetSecret(APP_ID, "a-new-secret-set-on-the-platform");
    ConnectorException e = fails(() -> connector.refreshCredentials(channel));
    assertEquals(ErrorKind.AUTH_REVOKED, e.kind());
    assertEquals("40125", e.networkCode());
  }

  @Test
  public void invalidatedTokenIsAuthExpired() {
    ChannelContext channel = connected();
    ChannelContext stale =
        channel.withCredentials(
            channel
                .credentials()
                .refreshed("86_not-the-latest-token", Instant.now().plusSeconds(600), null, null));
    ConnectorException e = fails(() -> connector.verifyCredentials(stale));
    assertEquals(ErrorKind.AUTH_EXPIRED, e.kind());
    assertEquals("40001", e.networkCode());
    assertFalse(e.rawResponse().contains("86_not-the-latest-token"));
  }

  @Test
  public void expiredCredentialsAreRefusedBeforeSending() {
    ChannelContext channel = connected();
    long calls = wechat.requestCount();
    ChannelContext expired =
        channel.withCredentials(
            channel
                .credentials()
                .refreshed(
                    channel.credentials().accessToken(),
                    Instant.now().minusSeconds(1),
                    null,
                    null));
    ConnectorException e = fails(() -> connector.publish(expired, simple("job-1")));
    assertEquals(ErrorKind.AUTH_EXPIRED, e.kind());
    assertEquals(calls, wechat.requestCount());
  }

  // ---- publishing ----

  @Test
  public void publishUploadsDraftsAndSubmitsThenPollsToTheArticle() {
    ChannelContext channel = connected();
    PublishRequest request =
        PublishRequest.builder("job-1")
            .text("春季新品发布 <限定>\n\n今天我们发布了新品 & 赠品。")
            .media(image("cover", "image/jpeg", 4096))
            .media(image("inline", "image/png", 2048))
            .link(URI.create("https://brand.example/spring?utm_source=wechat"))
            .options(Map.of("author", "品牌部", "digest", "新品摘要", "needOpenComment", "true"))
            .build();

    PublishResult pending = connector.publish(channel, request);

    assertEquals(PublishResult.Status.PENDING, pending.status());
    assertNotNull(pending.jobId());
    assertTrue(wechat.articles(APP_ID).isEmpty());
    assertEquals(2, wechat.uploadCount(APP_ID));

    PublishResult published = awaitPublished(channel, pending.jobId());
    List<WeChatArticle> articles = wechat.articles(APP_ID);
    assertEquals(1, articles.size());
    WeChatArticle a = articles.get(0);
    assertEquals(pending.jobId(), a.publishId());
    assertEquals(a.articleId(), published.platformPostId());
    assertEquals(a.url(), published.url());
    assertNotNull(published.publishedAt());
    assertEquals("春季新品发布 <限定>", a.title());
    assertEquals("品牌部", a.author());
    assertEquals("新品摘要", a.digest());
    assertTrue(a.needOpenComment());
    assertEquals("https://brand.example/spring?utm_source=wechat", a.contentSourceUrl());
    assertTrue(
        a.content(), a.content().startsWith("<p>春季新品发布 &lt;限定&gt;</p><p>今天我们发布了新品 &amp; 赠品。</p>"));
    assertTrue(a.content(), a.content().contains("<img src=\"http://mmbiz.qpic.cn/"));
    assertEquals(0, wechat.draftCount(APP_ID)); // submitted drafts leave the draft box
  }

  @Test
  public void titleComesFromTheRequestThenTheOptionThenTheFirstLine() {
    ChannelContext channel = connected();
    PublishRequest withTitle =
        PublishRequest.builder("job-1")
            .title("显式标题")
            .text("正文")
            .media(image("c", "image/jpeg", 100))
            .options(Map.of("title", "选项标题"))
            .build();
    awaitPublished(channel, connector.publish(channel, withTitle).jobId());
    PublishRequest withOption =
        PublishRequest.builder("job-2")
            .text("正文")
            .media(image("c", "image/jpeg", 100))
            .options(Map.of("title", "选项标题"))
            .build();
    awaitPublished(channel, connector.publish(channel, withOption).jobId());
    String longLine = "这是一个非常非常非常长的第一行文字，它一定会超过微信标题的三十二个字的限制，所以会被截断";
    awaitPublished(
        channel,
        connector
            .publish(channel, article("job-3", "\n" + longLine, image("c", "image/jpeg", 100)))
            .jobId());

    List<WeChatArticle> articles = wechat.articles(APP_ID);
    assertEquals("显式标题", articles.get(0).title());
    assertEquals("选项标题", articles.get(1).title());
    assertEquals(longLine.substring(0, 32), articles.get(2).title());
  }

  @Test
  public void anArticleWithoutTextShowsItsCover() {
    ChannelContext channel = connected();
    PublishRequest request =
        PublishRequest.builder("job-1").title("只有图片").media(image("c", "image/jpeg", 100)).build();
    awaitPublished(channel, connector.publish(channel, request).jobId());
    assertTrue(wechat.articles(APP_ID).get(0).content().startsWith("<p><img src=\"http://mmbiz"));
  }

  @Test
  public void whatWeChatWouldRefuseIsRefusedBeforeSending() {
    ChannelContext channel = connected();
    long calls = wechat.requestCount();

    ConnectorException e = fails(() -> connector.publish(channel, PublishRequest.text("j", "纯文字")));
    assertEquals(ErrorKind.CONTENT_REJECTED, e.kind());
    assertEquals("COVER_REQUIRED", e.networkCode());

    e =
        fails(
            () ->
                connector.publish(
                    channel,
                    PublishRequest.builder("j")
                        .title("这".repeat(33))
                        .text("正文")
                        .media(image("c", "image/jpeg", 10))
                        .build()));
    assertEquals("TITLE_TOO_LONG", e.networkCode());

    e =
        fails(
            () ->
                connector.publish(
                    channel,
                    PublishRequest.builder("j").media(image("c", "image/jpeg", 10)).build()));
    assertEquals("TITLE_REQUIRED", e.networkCode());

    e =
        fails(
            () ->
                connector.publish(
                    channel,
                    PublishRequest.builder("j")
                        .text("标题")
                        .media(image("c", "image/jpeg", 10))
                        .options(Map.of("author", "作".repeat(17)))
                        .build()));
    assertEquals("AUTHOR_TOO_LONG", e.networkCode());

    e = fails(() -> connector.publish(channel, article("j", "标题", image("c", "image/gif", 10))));
    assertEquals(ErrorKind.MEDIA_REJECTED, e.kind());

    e =
        fails(
            () ->
                connector.publish(
                    channel,
                    article(
                        "j",
                        "标题",
                        image("c", "image/jpeg", 10),
                        image("big", "image/jpeg", 1024 * 1024 + 1))));
    assertEquals(ErrorKind.MEDIA_REJECTED, e.kind());
    assertEquals("IMAGE_TOO_LARGE", e.networkCode());

    e =
        fails(
            () ->
                connector.publish(
                    channel,
                    PublishRequest.builder("j")
                        .text("标题")
                        .media(image("c", "image/jpeg", 10))
                        .inReplyTo("someArticle")
                        .build()));
    assertEquals("REPLY_UNSUPPORTED", e.networkCode());

    assertEquals("nothing was sent", calls, wechat.requestCount());
  }

  @Test
  public void jobOutcomesMapToKinds() {
    ChannelContext channel = connected();
    Object[][] cases = {
      {2, ErrorKind.CONTENT_REJECTED}, {3, ErrorKind.PERMANENT}, {4, ErrorKind.CONTENT_REJECTED},
    };
    int n = 0;
    for (Object[] c : cases) {
      int status = (Integer) c[0];
      wechat.setPublishBehaviour(APP_ID, status, 0);
      String jobId = connector.publish(channel, simple("job-" + n++)).jobId();
      ConnectorException e = fails(() -> connector.publishStatus(channel, jobId));
      assertEquals(c[1], e.kind());
      assertEquals("publish_status=" + status, e.networkCode());
    }
    assertTrue(wechat.articles(APP_ID).isEmpty());
  }

  @Test
  public void bannedOrDeletedArticlesAreReportedByTheirJob() {
    ChannelContext channel = connected();
    wechat.setPublishBehaviour(APP_ID, 0, 0);
    String banned = connector.publish(channel, simple("job-1")).jobId();
    String articleId = connector.publishStatus(channel, banned).platformPostId();
    wechat.ban(articleId);
    ConnectorException e = fails(() -> connector.publishStatus(channel, banned));
    assertEquals(ErrorKind.CONTENT_REJECTED, e.kind());
    assertEquals("publish_status=6", e.networkCode());

    String deleted = connector.publish(channel, simple("job-2")).jobId();
    connector.delete(channel, connector.publishStatus(channel, deleted).platformPostId());
    e = fails(() -> connector.publishStatus(channel, deleted));
    assertEquals(ErrorKind.PERMANENT, e.kind());
    assertEquals("publish_status=5", e.networkCode());
  }

  @Test
  public void fetchPostKnowsNoUnknownArticleAndCannotLookUpAnAttempt() {
    ChannelContext channel = connected();
    assertEquals(
        PostLookup.Outcome.NOT_FOUND,
        connector.fetchPost(channel, PostQuery.byId("neverPublished")).outcome());
    assertEquals(
        PostLookup.Outcome.UNKNOWN,
        connector
            .fetchPost(channel, PostQuery.byAttempt("job-1", "text", Instant.now()))
            .outcome());
  }

  // ---- errors ----

  @Test
  public void errcodesAreClassified() {
    ChannelContext channel = connected();
    Object[][] cases = {
      {"/cgi-bin/draft/add", 40001, ErrorKind.AUTH_EXPIRED},
      {"/cgi-bin/draft/add", 87014, ErrorKind.CONTENT_REJECTED},
      {"/cgi-bin/draft/add", 45003, ErrorKind.CONTENT_REJECTED},
      {"/cgi-bin/freepublish/submit", 53503, ErrorKind.CONTENT_REJECTED},
      {"/cgi-bin/freepublish/submit", 48001, ErrorKind.PERMANENT},
      {"/cgi-bin/material/add_material", 40009, ErrorKind.MEDIA_REJECTED},
      {"/cgi-bin/material/add_material", -1, ErrorKind.TRANSIENT},
    };
    for (Object[] c : cases) {
      wechat.injectError(APP_ID, (String) c[0], (Integer) c[1], "injected", 1);
      ConnectorException e = fails(() -> connector.publish(channel, simple("job")));
      assertEquals(c[0] + " " + c[1], c[2], e.kind());
      assertEquals(String.valueOf(c[1]), e.networkCode());
      assertTrue(e.rawResponse(), e.rawResponse().contains("\"errcode\""));
    }
    assertTrue(wechat.articles(APP_ID).isEmpty());
  }

  @Test
  public void dailyQuotaWaitsForBeijingMidnightAndMinuteLimitForTheNextMinute() {
    ChannelContext channel = connected();
    wechat.injectError(APP_ID, null, 45009, "reach max api daily quota limit", 1);
    ConnectorException e = fails(() -> connector.verifyCredentials(channel));
    assertEquals(ErrorKind.QUOTA_EXHAUSTED, e.kind());
    Instant midnight = LocalDate.now(BEIJING).plusDays(1).atStartOfDay(BEIJING).toInstant();
    assertEquals(midnight, e.retryAfter());

    wechat.inject(APP_ID, null, Fault.rateLimited(60), 1);
    Instant before = Instant.now();
    e = fails(() -> connector.verifyCredentials(channel));
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    assertEquals("45011", e.networkCode());
    assertTrue(e.retryAfter().isAfter(before));
    assertTrue(e.retryAfter().isBefore(before.plus(61, ChronoUnit.SECONDS)));
  }

  @Test
  public void aGatewayErrorOnSubmitIsOutcomeUnknownButLostAnswersToOtherStepsTransient() {
    ChannelContext channel = connected();
    wechat.inject(APP_ID, "/cgi-bin/freepublish/submit", Fault.serverError(502), 1);
    ConnectorException e = fails(() -> connector.publish(channel, simple("job-3")));
    assertEquals(ErrorKind.OUTCOME_UNKNOWN, e.kind());

    wechat.inject(APP_ID, "/cgi-bin/draft/add", Fault.acceptThenDrop(), 1);
    e = fails(() -> connector.publish(channel, simple("job-5")));
    assertEquals(ErrorKind.TRANSIENT, e.kind());

    wechat.inject(APP_ID, "/cgi-bin/freepublish/get", Fault.serverError(502), 1);
    String jobId = connector.publish(channel, simple("job-6")).jobId();
    e = fails(() -> connector.publishStatus(channel, jobId));
    assertEquals(ErrorKind.TRANSIENT, e.kind());
  }

  @Test
  public void aMalformedTokenAnswerNeverLeaksTheToken() {
    wechat.inject(
        APP_ID,
        "/cgi-bin/stable_token",
        Fault.raw(200, "{\"access_token\":\"86_leakedTokenValue\"}"),
        1);
    ConnectorException e =
        fails(() -> connector.connect(Map.of("appId", APP_ID, "appSecret", SECRET)));
    assertEquals(ErrorKind.TRANSIENT, e.kind());
    assertFalse(e.rawResponse(), e.rawResponse().contains("leakedTokenValue"));
  }

  @Test
  public void anUnreachableNetworkIsTransientAndTheUrlsTokenIsRedacted() throws IOException {
    ChannelContext channel = connected();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    WeChatConnector offline =
        new WeChatConnector(
            URI.create("http://127.0.0.1:" + port + "/wechat"),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Clock.systemUTC());
    ConnectorException e = fails(() -> offline.verifyCredentials(channel));
    assertEquals(ErrorKind.TRANSIENT, e.kind());
  }

  // ---- metrics ----

  @Test
  public void accountMetricsAreTheLastThreeDaysOfReads() {
    ChannelContext channel = connected();
    LocalDate yesterday = LocalDate.now(BEIJING).minusDays(1);
    wechat.addUserRead(APP_ID, yesterday.minusDays(1), 90, 120, 7, 3);
    wechat.addUserRead(APP_ID, yesterday, 100, 150, 9, 4);
    wechat.addUserRead(APP_ID, yesterday.minusDays(5), 1, 1, 1, 1); // outside the window

    Map<String, List<MetricPoint>> metrics = connector.fetchMetrics(channel, null);

    List<MetricPoint> views = metrics.get(MetricNames.VIEWS);
    assertEquals(2, views.size());
    assertEquals(yesterday.minusDays(1).atStartOfDay(BEIJING).toInstant(), views.get(0).at());
    assertEquals(120, views.get(0).value(), 0);
    assertEquals(150, views.get(1).value(), 0);
    assertEquals(100, metrics.get("wechat.read_user").get(1).value(), 0);
    assertEquals(9, metrics.get(MetricNames.REPOSTS).get(1).value(), 0);
    assertEquals(4, metrics.get(MetricNames.BOOKMARKS).get(1).value(), 0);
    assertEquals(
        Set.of(MetricNames.VIEWS, "wechat.read_user", MetricNames.REPOSTS, MetricNames.BOOKMARKS),
        metrics.keySet());

    ConnectorException e = fails(() -> connector.fetchMetrics(channel, "someArticle"));
    assertEquals(ErrorKind.PERMANENT, e.kind());
  }
}
