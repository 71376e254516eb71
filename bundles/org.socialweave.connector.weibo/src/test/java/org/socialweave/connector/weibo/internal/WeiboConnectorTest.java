package org.socialweave.connector.weibo.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.Page;
import org.socialweave.api.connector.AuthorizationRequest;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.ConnectMethod;
import org.socialweave.api.connector.ConnectedAccount;
import org.socialweave.api.connector.ConnectorException;
import org.socialweave.api.connector.Credentials;
import org.socialweave.api.connector.ErrorKind;
import org.socialweave.api.connector.Interaction;
import org.socialweave.api.connector.InteractionQuery;
import org.socialweave.api.connector.MediaRef;
import org.socialweave.api.connector.MetricNames;
import org.socialweave.api.connector.MetricPoint;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.connector.Operation;
import org.socialweave.api.connector.PostLookup;
import org.socialweave.api.connector.PostQuery;
import org.socialweave.api.connector.PublishRequest;
import org.socialweave.api.connector.PublishResult;
import org.socialweave.api.connector.ReplyRequest;
import org.socialweave.api.connector.TextCounting;
import org.socialweave.connector.testkit.Leaks;
import org.socialweave.sandbox.Fault;
import org.socialweave.sandbox.Sandbox;
import org.socialweave.sandbox.WeiboComment;
import org.socialweave.sandbox.WeiboSandbox;
import org.socialweave.sandbox.WeiboStatus;

public class WeiboConnectorTest {

  private static final String APP = "3550014725";
  private static final String SECRET = "weibo-app-secret-0123456789abcdef";
  private static final URI CALLBACK = URI.create("https://sw.example/api/v1/oauth/weibo/callback");
  private static final String SECURE_URL = "https://brand.example/campaign";
  private static final String UID = "1904178193";
  private static final String FAN = "2803301701";
  private static final Instant NOW = Instant.parse("2026-03-01T10:17:00Z");
  private static final Instant NEXT_HOUR = Instant.parse("2026-03-01T11:00:00Z");
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 7, 7};

  private Sandbox sandbox;
  private WeiboSandbox weibo;
  private String token;
  private WeiboConnector connector;
  private final HttpClient browser =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Before
  public void startSandbox() throws IOException {
    sandbox = Sandbox.start(0);
    weibo = sandbox.weibo();
    weibo.addApp(APP, SECRET, "https://sw.example/", "brand.example");
    weibo.addUser(UID, "品牌官方微博");
    weibo.addUser(FAN, "小粉丝");
    token = weibo.issueToken(APP, UID);
    connector = connector(APP, SECRET, SECURE_URL, "");
  }

  @After
  public void stopSandbox() {
    sandbox.close();
  }

  /** Generous timeouts: a busy machine must not turn an answer into a timeout. */
  private WeiboConnector connector(String clientId, String secret, String secureUrl, String scope) {
    return new WeiboConnector(
        new WeiboConnector.App(weibo.baseUrl(), clientId, secret, secureUrl, scope),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private ChannelContext channel(String accessToken) {
    return channel(accessToken, Map.of());
  }

  private static ChannelContext channel(String accessToken, Map<String, String> settings) {
    return new ChannelContext(
        "ws-1",
        "ch-1",
        UID,
        new Credentials(
            accessToken,
            null,
            NOW.plus(Duration.ofDays(3)),
            null,
            Set.of(),
            Map.of(),
            Map.of("uid", UID)),
        settings);
  }

  private ConnectorException fails(Supplier<?> call) {
    try {
      Object result = call.get();
      fail("expected a failure, got " + result);
      return null;
    } catch (ConnectorException e) {
      Leaks.assertRevealsNone(e, token);
      Leaks.assertRevealsNone(e, SECRET);
      return e;
    }
  }

  /** The secret appears nowhere: message, network message, raw answer, causes. */
  private PublishResult publish(String text) {
    return connector.publish(channel(token), PublishRequest.text("job-" + text.hashCode(), text));
  }

  private ConnectorException publishFails(String text) {
    return fails(() -> publish(text));
  }

  private static MediaRef png(String id) {
    return MediaRef.of(id, "image/png", PNG.length, () -> new ByteArrayInputStream(PNG));
  }

  private static String query(String uri, String name) {
    Matcher m = Pattern.compile("[?&]" + name + "=([^&]*)").matcher(uri);
    return m.find() ? URLDecoder.decode(m.group(1), StandardCharsets.UTF_8) : null;
  }

  // ---- descriptor ----

  @Test
  public void descriptorNamesWeiboItsLimitsAndWhatIsOpenToOrdinaryApps() {
    NetworkDescriptor d = connector.descriptor();
    assertEquals("weibo", d.id());
    assertEquals("微博", d.nameZh());
    assertEquals("Weibo", d.nameEn());
    assertEquals(140, d.text().maxLength());
    assertEquals(TextCounting.WEIBO_CJK_FULL_LATIN_HALF, d.text().counting());
    assertEquals(1, d.media().maxImages());
    assertEquals(0, d.media().maxVideos());
    assertTrue(d.media().accepts("image/gif"));
    assertFalse(d.media().accepts("image/webp"));
    for (Operation op :
        List.of(
            Operation.PUBLISH_TEXT,
            Operation.PUBLISH_IMAGE,
            Operation.PUBLISH_LINK,
            Operation.FETCH_POST,
            Operation.FETCH_METRICS,
            Operation.FETCH_COMMENTS,
            Operation.REPLY)) {
      assertTrue(op.name(), d.supports(op));
    }
    for (Operation op :
        List.of(
            Operation.DELETE,
            Operation.REFRESH_CREDENTIALS,
            Operation.PUBLISH_THREAD,
            Operation.PUBLISH_VIDEO,
            Operation.IDEMPOTENCY_KEY,
            Operation.FETCH_MESSAGES)) {
      assertFalse(op.name(), d.supports(op));
    }
    assertFalse(d.rateLimits().isEmpty());
    assertEquals(ConnectMethod.OAUTH2, connector.connectFlow().method());
    assertTrue(connector.connectFlow().fields().isEmpty());
  }

  // ---- connecting ----

  @Test
  public void authorizationUrlCarriesClientIdRedirectStateAndNoPkce() {
    URI url =
        connector.authorizationUrl(new AuthorizationRequest(CALLBACK, "st-42", "challenge-xyz"));
    String s = url.toString();
    assertTrue(s, s.startsWith(weibo.baseUrl() + "/oauth2/authorize?"));
    assertEquals(APP, query(s, "client_id"));
    assertEquals(CALLBACK.toString(), query(s, "redirect_uri"));
    assertEquals("st-42", query(s, "state"));
    assertEquals("code", query(s, "response_type"));
    assertNull(query(s, "scope"));
    assertNull(query(s, "code_challenge"));
    String scoped =
        connector(APP, SECRET, SECURE_URL, "email,follow_app_official_microblog")
            .authorizationUrl(new AuthorizationRequest(CALLBACK, "s", null))
            .toString();
    assertEquals("email,follow_app_official_microblog", query(scoped, "scope"));

    ConnectorException e =
        fails(
            () ->
                connector("", SECRET, SECURE_URL, "")
                    .authorizationUrl(new AuthorizationRequest(CALLBACK, "s", null)));
    assertEquals(ErrorKind.PERMANENT, e.kind());
    assertEquals("NO_CLIENT_ID", e.networkCode());
  }

  /** Follows the authorization URL like a browser, as the consenting test user. */
  private String consent(String state) throws Exception {
    URI url = connector.authorizationUrl(new AuthorizationRequest(CALLBACK, state, null));
    HttpResponse<String> r =
        browser.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(r.body(), 302, r.statusCode());
    String location = r.headers().firstValue("Location").orElseThrow();
    assertTrue(location, location.startsWith(CALLBACK + "?"));
    assertEquals(state, query(location, "state"));
    return query(location, "code");
  }

  @Test
  public void completeAuthorizationExchangesTheCodeForATokenWithoutRefreshToken() throws Exception {
    weibo.setConsentingUser(FAN);
    weibo.setTokenLifetime(Duration.ofDays(30));
    String code = consent("st-1");

    ConnectedAccount account = connector.completeAuthorization(code, CALLBACK, null);

    assertEquals(FAN, account.accountId());
    assertEquals("小粉丝", account.displayName());
    Credentials c = account.credentials();
    assertNotNull(c.accessToken());
    assertNull(c.refreshToken());
    assertFalse(c.hasRefreshToken());
    assertEquals(NOW.plus(Duration.ofDays(30)), c.accessExpiresAt());
    assertEquals(FAN, c.attributes().get("uid"));
    assertEquals(200, weiboGetUid(c.accessToken()));
    assertFalse(c.toString().contains(c.accessToken()));

    ConnectorException reused = fails(() -> connector.completeAuthorization(code, CALLBACK, null));
    assertEquals(ErrorKind.AUTH_REVOKED, reused.kind());
    assertEquals("21325", reused.networkCode());
    Leaks.assertRevealsNone(reused, code);
  }

  private int weiboGetUid(String accessToken) throws Exception {
    return browser
        .send(
            HttpRequest.newBuilder(
                    URI.create(
                        weibo.baseUrl() + "/2/account/get_uid.json?access_token=" + accessToken))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  @Test
  public void completeAuthorizationClassifiesAppAndCallbackErrors() throws Exception {
    String code = consent("a");
    ConnectorException secret =
        fails(
            () ->
                connector(APP, "not-the-secret", SECURE_URL, "")
                    .completeAuthorization(code, CALLBACK, null));
    assertEquals(ErrorKind.PERMANENT, secret.kind());
    assertEquals("21324", secret.networkCode());
    Leaks.assertRevealsNone(secret, "not-the-secret");

    ConnectorException callback =
        fails(
            () ->
                connector.completeAuthorization(
                    consentQuietly("b"), URI.create(CALLBACK + "/elsewhere"), null));
    assertEquals(ErrorKind.PERMANENT, callback.kind());
    assertEquals("21322", callback.networkCode());

    ConnectorException noSecret =
        fails(() -> connector(APP, "", SECURE_URL, "").completeAuthorization(code, CALLBACK, null));
    assertEquals("NO_CLIENT_SECRET", noSecret.networkCode());

    weibo.inject(APP, Fault.serverError(502), 1);
    ConnectorException gateway = fails(() -> connector.completeAuthorization(code, CALLBACK, null));
    assertEquals(ErrorKind.TRANSIENT, gateway.kind());
  }

  private String consentQuietly(String state) {
    try {
      return consent(state);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  public void verifyCredentialsNamesTheAccountAndUpdatesTheExpiry() {
    ConnectedAccount account = connector.verifyCredentials(channel(token));
    assertEquals("品牌官方微博", account.displayName());
    Instant expiry = account.credentials().accessExpiresAt();
    Instant expected = NOW.plus(WeiboSandbox.DEFAULT_TOKEN_LIFETIME);
    assertTrue(
        expiry.toString(), !expiry.isAfter(expected) && expiry.isAfter(expected.minusSeconds(30)));
    assertEquals(token, account.credentials().accessToken());
    assertNull(account.credentials().refreshToken());
    assertEquals(UID, account.credentials().attributes().get("uid"));
  }

  @Test
  public void expiredTokensAskForANewAuthorizationAndRevokedOnesForReconnecting() {
    weibo.advanceClock(WeiboSandbox.DEFAULT_TOKEN_LIFETIME);
    ConnectorException expired = fails(() -> connector.verifyCredentials(channel(token)));
    assertEquals(ErrorKind.AUTH_EXPIRED, expired.kind());
    assertEquals("21327", expired.networkCode());
    assertEquals(ErrorKind.AUTH_EXPIRED, publishFails("过期 " + SECURE_URL).kind());

    String other = weibo.issueToken(APP, FAN);
    weibo.revoke(other);
    ConnectorException revoked = fails(() -> connector.verifyCredentials(channel(other)));
    assertEquals(ErrorKind.AUTH_REVOKED, revoked.kind());
    assertEquals("21332", revoked.networkCode());
    Leaks.assertRevealsNone(revoked, other);
  }

  // ---- publishing ----

  @Test
  public void publishAnswersTheWeiboAddressAndTime() {
    PublishResult result = publish("春季新品上市");

    WeiboStatus status = weibo.statuses(UID).get(0);
    assertEquals(APP, status.clientId());
    assertEquals(status.createdAt(), result.publishedAt());
    assertEquals(
        URI.create("https://weibo.com/" + UID + "/" + WeiboIds.toBase62(status.id())),
        result.url());
    assertNull(status.picType());
  }

  @Test
  public void aUrlOnTheSecureDomainOrASubdomainIsEnoughAndLinksComeFirst() {
    publish("活动页 https://m.brand.example/spring");
    assertEquals("活动页 https://m.brand.example/spring", weibo.statuses(UID).get(0).text());

    connector.publish(
        channel(token),
        PublishRequest.builder("k-2")
            .text("合作伙伴")
            .link(URI.create("https://partner.example/p"))
            .build());
    assertEquals("合作伙伴 https://partner.example/p " + SECURE_URL, weibo.statuses(UID).get(1).text());

    connector.publish(
        channel(token),
        PublishRequest.builder("k-3").link(URI.create("https://brand.example/only-link")).build());
    assertEquals("https://brand.example/only-link", weibo.statuses(UID).get(2).text());
  }

  @Test
  public void theChannelsSecureDomainUrlOverridesTheConfiguredOne() {
    ChannelContext other = channel(token, Map.of("secureDomainUrl", "https://other.example/"));
    ConnectorException e = fails(() -> connector.publish(other, PublishRequest.text("k", "别的域名")));
    assertEquals(ErrorKind.PERMANENT, e.kind());
    assertEquals("10017", e.networkCode()); // the sandbox's app has brand.example
    assertTrue(e.networkMessage(), e.networkMessage().contains("安全域名"));

    ChannelContext sub = channel(token, Map.of("secureDomainUrl", "https://shop.brand.example/"));
    connector.publish(sub, PublishRequest.text("k", "商城"));
    assertEquals("商城 https://shop.brand.example/", weibo.statuses(UID).get(0).text());
  }

  @Test
  public void withoutASecureDomainUrlNothingIsSent() {
    WeiboConnector unconfigured = connector(APP, SECRET, "", "");
    long before = weibo.requestCount();
    ConnectorException e =
        fails(() -> unconfigured.publish(channel(token), PublishRequest.text("k", "无域名")));
    assertEquals(ErrorKind.PERMANENT, e.kind());
    assertEquals("NO_SECURE_DOMAIN_URL", e.networkCode());
    ConnectorException bad =
        fails(
            () ->
                connector(APP, SECRET, "brand.example", "")
                    .publish(channel(token), PublishRequest.text("k", "坏地址")));
    assertEquals("BAD_SECURE_DOMAIN_URL", bad.networkCode());
    assertEquals(before, weibo.requestCount());
  }

  @Test
  public void twoLatinLettersCountAsOneChineseCharacter() {
    String latin = "a".repeat(2 * 140 - (" " + SECURE_URL).length());
    publish(latin);
    assertEquals(latin + " " + SECURE_URL, weibo.statuses(UID).get(0).text());

    ConnectorException e = publishFails(latin + "b");
    assertEquals("TEXT_TOO_LONG", e.networkCode());
    assertTrue(e.networkMessage(), e.networkMessage().contains("141"));
  }

  @Test
  public void topicsAreRefusedButUrlFragmentsAreNot() {
    ConnectorException e = publishFails("#春季上新# 快来看");
    assertEquals(ErrorKind.CONTENT_REJECTED, e.kind());
    assertEquals("TOPIC_NOT_ALLOWED", e.networkCode());
    publish("看这里 https://brand.example/p#top 第#1名");
    assertEquals(1, weibo.statuses(UID).size());
  }

  @Test
  public void theSameTextTwiceInARowIsADuplicate() {
    publish("只发一次");
    ConnectorException e = publishFails("只发一次");
    assertEquals(ErrorKind.DUPLICATE, e.kind());
    assertEquals("20019", e.networkCode());
    assertEquals(1, weibo.statuses(UID).size());
  }

  @Test
  public void onePictureGoesAsMultipartPicWithRip() {
    PublishResult result =
        connector.publish(
            channel(token),
            PublishRequest.builder("pic-1")
                .text("看图")
                .media(png("m-1"))
                .options(Map.of("rip", "211.156.0.1"))
                .build());
    WeiboStatus status = weibo.statuses(UID).get(0);
    assertEquals(status.id(), result.platformPostId());
    assertEquals("看图 " + SECURE_URL, status.text());
    assertEquals("image/png", status.picType());
    assertEquals(PNG.length, status.picBytes());
    assertEquals("211.156.0.1", status.rip());
  }

  @Test
  public void mediaWeiboCannotTakeAreRefusedBeforeSending() {
    long before = weibo.requestCount();
    ConnectorException two =
        fails(
            () ->
                connector.publish(
                    channel(token),
                    PublishRequest.builder("k")
                        .text("两张")
                        .media(png("a"))
                        .media(png("b"))
                        .build()));
    assertEquals(ErrorKind.MEDIA_REJECTED, two.kind());
    assertEquals("TOO_MANY_IMAGES", two.networkCode());
    MediaRef webp = MediaRef.of("w", "image/webp", 10, () -> new ByteArrayInputStream(PNG));
    assertEquals(
        "UNSUPPORTED_TYPE",
        fails(
                () ->
                    connector.publish(
                        channel(token), PublishRequest.builder("k").text("x").media(webp).build()))
            .networkCode());
    MediaRef huge = MediaRef.of("h", "image/jpeg", 5_000_000, () -> new ByteArrayInputStream(PNG));
    assertEquals(
        "TOO_LARGE",
        fails(
                () ->
                    connector.publish(
                        channel(token), PublishRequest.builder("k").text("x").media(huge).build()))
            .networkCode());
    assertEquals(
        ErrorKind.MEDIA_REJECTED,
        fails(
                () -> {
                  weibo.injectError(token, 400, 20006, "Image size too large.", 1);
                  return connector.publish(
                      channel(token),
                      PublishRequest.builder("k").text("y").media(png("p")).build());
                })
            .kind());
    assertEquals(before + 1, weibo.requestCount());
  }

  @Test
  public void repliesAndBadRipAreRefused() {
    assertEquals(
        "IN_REPLY_TO_UNSUPPORTED",
        fails(
                () ->
                    connector.publish(
                        channel(token),
                        PublishRequest.builder("k")
                            .text("回")
                            .inReplyTo("4900000000000001")
                            .build()))
            .networkCode());
    assertEquals(
        "BAD_RIP",
        fails(
                () ->
                    connector.publish(
                        channel(token),
                        PublishRequest.builder("k")
                            .text("ip")
                            .options(Map.of("rip", "localhost; drop"))
                            .build()))
            .networkCode());
  }

  // ---- error classification ----

  private ConnectorException publishWithError(int status, int code, String error) {
    weibo.injectError(token, status, code, error, 1);
    return publishFails("错误" + code);
  }

  @Test
  public void weiboErrorCodesAreClassified() {
    Map<Integer, ErrorKind> expected = new LinkedHashMap<>();
    expected.put(21327, ErrorKind.AUTH_EXPIRED);
    expected.put(21315, ErrorKind.AUTH_EXPIRED);
    expected.put(21332, ErrorKind.AUTH_REVOKED);
    expected.put(21314, ErrorKind.AUTH_REVOKED);
    expected.put(21316, ErrorKind.AUTH_REVOKED);
    expected.put(21317, ErrorKind.AUTH_REVOKED);
    expected.put(21319, ErrorKind.AUTH_REVOKED);
    expected.put(21301, ErrorKind.AUTH_REVOKED);
    expected.put(20017, ErrorKind.DUPLICATE);
    expected.put(20019, ErrorKind.DUPLICATE);
    expected.put(20111, ErrorKind.DUPLICATE);
    expected.put(20012, ErrorKind.CONTENT_REJECTED);
    expected.put(20018, ErrorKind.CONTENT_REJECTED);
    expected.put(20020, ErrorKind.CONTENT_REJECTED);
    expected.put(20021, ErrorKind.CONTENT_REJECTED);
    expected.put(21602, ErrorKind.CONTENT_REJECTED);
    expected.put(20005, ErrorKind.MEDIA_REJECTED);
    expected.put(10002, ErrorKind.TRANSIENT);
    expected.put(10009, ErrorKind.TRANSIENT);
    expected.put(10001, ErrorKind.TRANSIENT);
    expected.put(10010, ErrorKind.OUTCOME_UNKNOWN);
    expected.put(20032, ErrorKind.OUTCOME_UNKNOWN);
    expected.put(10014, ErrorKind.PERMANENT);
    expected.put(10017, ErrorKind.PERMANENT);
    expected.put(20003, ErrorKind.PERMANENT);
    expected.put(29999, ErrorKind.PERMANENT);
    for (Map.Entry<Integer, ErrorKind> e : expected.entrySet()) {
      ConnectorException failure = publishWithError(400, e.getKey(), "error " + e.getKey());
      assertEquals(String.valueOf(e.getKey()), e.getValue(), failure.kind());
      assertEquals(String.valueOf(e.getKey()), failure.networkCode());
      assertTrue(
          failure.networkMessage(), failure.networkMessage().contains("error " + e.getKey()));
    }
    assertTrue(weibo.statuses(UID).isEmpty());
  }

  @Test
  public void rateLimitsRetryAtTheTopOfTheNextHour() {
    for (int code : new int[] {10022, 10023, 10024, 20016}) {
      ConnectorException e = publishWithError(403, code, "out of rate limit");
      assertEquals(ErrorKind.RATE_LIMITED, e.kind());
      assertEquals(NEXT_HOUR, e.retryAfter());
      assertTrue(e.isRetryableAt(NEXT_HOUR));
      assertFalse(e.isRetryableAt(NEXT_HOUR.minusSeconds(1)));
    }
  }

  @Test
  public void nearTheTopOfTheHourARateLimitWaitsAFewMinutesMore() {
    Instant late = Instant.parse("2026-03-01T10:58:30Z");
    assertEquals(
        late.plus(WeiboErrors.MIN_RATE_LIMIT_WAIT),
        new WeiboErrors(Clock.fixed(late, ZoneOffset.UTC)).rateLimitReset());
  }

  @Test
  public void theSandboxsHourlyShareLimitIsRateLimited() {
    weibo.setRateLimits(150, 1, 60);
    publish("第一条");
    ConnectorException e = publishFails("第二条");
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    assertEquals("10024", e.networkCode());
    assertEquals(NEXT_HOUR, e.retryAfter());
  }

  @Test
  public void theBodyIsBelievedOverTheStatusAndStringCodesAreRead() {
    weibo.inject(
        token,
        Fault.raw(
            200,
            "{\"error\":\"expired_token\",\"error_code\":\"21327\",\"request\":\"/2/statuses/share.json\"}"),
        1);
    assertEquals(ErrorKind.AUTH_EXPIRED, publishFails("字符串错误码").kind());
  }

  @Test
  public void aShareAnsweredWithoutAStatusLeavesTheOutcomeUnknown() {
    weibo.inject(token, Fault.raw(200, "{}"), 1);
    assertEquals(ErrorKind.OUTCOME_UNKNOWN, publishFails("空答").kind());
  }

  @Test
  public void serverErrorsAndIncompleteStatusesOnReadsAreTransient() {
    String id = publish("可读").platformPostId();
    PostQuery byId = PostQuery.byId(id);
    weibo.inject(token, Fault.serverError(502), 1);
    assertEquals(
        ErrorKind.TRANSIENT, fails(() -> connector.fetchPost(channel(token), byId)).kind());
    weibo.injectError(token, 500, 10001, "System error!", 1);
    assertEquals(
        ErrorKind.TRANSIENT, fails(() -> connector.fetchPost(channel(token), byId)).kind());
    weibo.inject(token, Fault.raw(200, "{\"idstr\":\"x\"}"), 1);
    assertEquals(
        ErrorKind.TRANSIENT, fails(() -> connector.fetchPost(channel(token), byId)).kind());
  }

  @Test
  public void anUnreachableWeiboIsTransient() {
    sandbox.close();
    ConnectorException e = publishFails("连不上");
    assertEquals(ErrorKind.TRANSIENT, e.kind());
  }

  @Test
  public void tokensEchoedInAnswersAreRedacted() {
    weibo.inject(
        token,
        Fault.raw(
            400,
            "{\"error\":\"bad access_token="
                + token
                + " (OAuth2 "
                + token
                + ")\",\"error_code\":21332,\"request\":\"/2/statuses/share.json\"}"),
        1);
    ConnectorException e = publishFails("回显");
    assertEquals(ErrorKind.AUTH_REVOKED, e.kind());
    assertTrue(e.rawResponse(), e.rawResponse().contains("<redacted>"));
    ConnectorException noToken =
        fails(
            () ->
                connector.publish(
                    new ChannelContext(
                        "ws", "ch", UID, Credentials.ofSecrets(Map.of("x", "y")), Map.of()),
                    PublishRequest.text("k", "无令牌")));
    assertEquals(ErrorKind.AUTH_REVOKED, noToken.kind());
    assertEquals("NO_TOKEN", noToken.networkCode());
  }

  // ---- reading back ----

  @Test
  public void fetchPostAnswersThePublishTimeAndSaysWhenAStatusIsGone() {
    PublishResult published = publish("查得到");
    PostLookup found =
        connector.fetchPost(channel(token), PostQuery.byId(published.platformPostId()));
    assertEquals(published.publishedAt(), found.publishedAt());

    PostLookup gone = connector.fetchPost(channel(token), PostQuery.byId("4900000000000000"));
    assertEquals(PostLookup.Outcome.NOT_FOUND, gone.outcome());

    PostLookup attempt =
        connector.fetchPost(channel(token), PostQuery.byAttempt("job-1", "查得到", NOW));
    assertEquals(PostLookup.Outcome.UNKNOWN, attempt.outcome());
    assertTrue(attempt.detail(), attempt.detail().contains("20019"));

    assertEquals(
        "BAD_ID",
        fails(() -> connector.fetchPost(channel(token), PostQuery.byId("abc"))).networkCode());
  }

  @Test
  public void metricsAreRepostsCommentsAndLikesOfAStatusOrTheAccountsFollowers() {
    String id = publish("求转发").platformPostId();
    weibo.setCounts(id, 12, 345);
    weibo.addComment(id, FAN, "一");
    weibo.addComment(id, FAN, "二");

    Map<String, List<MetricPoint>> metrics = connector.fetchMetrics(channel(token), id);
    assertEquals(List.of(new MetricPoint(NOW, 12)), metrics.get(MetricNames.REPOSTS));
    assertEquals(List.of(new MetricPoint(NOW, 2)), metrics.get(MetricNames.REPLIES));
    assertEquals(List.of(new MetricPoint(NOW, 345)), metrics.get(MetricNames.LIKES));

    assertTrue(connector.fetchMetrics(channel(token), "4900000000000000").isEmpty());

    weibo.setFollowersCount(UID, 98_765);
    assertEquals(
        Map.of(MetricNames.FOLLOWERS, List.of(new MetricPoint(NOW, 98_765))),
        connector.fetchMetrics(channel(token), null));
  }

  @Test
  public void commentsArePagedNewestFirstWithWeibosCursor() {
    String id = publish("来评论").platformPostId();
    for (int i = 1; i <= 5; i++) {
      weibo.addComment(id, FAN, "评论" + i);
    }
    Page<Interaction> first =
        connector.fetchComments(channel(token), new InteractionQuery(id, null, null, 2));
    assertEquals(List.of("评论5", "评论4"), first.items().stream().map(Interaction::text).toList());
    Interaction c = first.items().get(0);
    assertEquals(Interaction.Kind.COMMENT, c.kind());
    assertEquals(id, c.platformPostId());
    assertEquals(id, c.conversationId());
    assertEquals(id, c.inReplyToId());
    assertEquals(FAN, c.author().platformId());
    assertEquals("小粉丝", c.author().handle());
    assertEquals(weibo.comments(id).get(4).id(), c.platformId());
    assertEquals(weibo.comments(id).get(4).createdAt(), c.createdAt());
    assertNotNull(first.nextCursor());

    Page<Interaction> second =
        connector.fetchComments(
            channel(token), new InteractionQuery(id, null, first.nextCursor(), 2));
    Page<Interaction> third =
        connector.fetchComments(
            channel(token), new InteractionQuery(id, null, second.nextCursor(), 2));
    assertEquals(List.of("评论3", "评论2"), second.items().stream().map(Interaction::text).toList());
    assertEquals(List.of("评论1"), third.items().stream().map(Interaction::text).toList());
    assertNull(third.nextCursor());

    Page<Interaction> toMe = connector.fetchComments(channel(token), InteractionQuery.first(10));
    assertEquals(5, toMe.items().size());

    Page<Interaction> future =
        connector.fetchComments(
            channel(token), new InteractionQuery(id, c.createdAt().plusSeconds(1), null, 2));
    assertTrue(future.items().isEmpty());
    assertNull(future.nextCursor());
  }

  @Test
  public void repliesAnswerCommentsWithWeibosPrefixAndMentionsWithAComment() {
    String id = publish("互动").platformPostId();
    WeiboComment fan = weibo.addComment(id, FAN, "好看");
    Interaction comment =
        connector
            .fetchComments(channel(token), new InteractionQuery(id, null, null, 10))
            .items()
            .get(0);

    PublishResult answer =
        connector.reply(channel(token), new ReplyRequest(comment, "谢谢支持", "r-1"));
    List<WeiboComment> stored = weibo.comments(id);
    assertEquals(2, stored.size());
    assertEquals("回复@小粉丝:谢谢支持", stored.get(1).text());
    assertEquals(fan.id(), stored.get(1).replyToId());
    assertEquals(UID, stored.get(1).uid());
    assertEquals(stored.get(1).id(), answer.platformPostId());
    assertEquals(stored.get(1).createdAt(), answer.publishedAt());

    Interaction mention =
        new Interaction(
            Interaction.Kind.MENTION,
            id,
            id,
            id,
            null,
            new Interaction.Author(FAN, "小粉丝", "小粉丝"),
            "@品牌官方微博 看这里",
            NOW);
    connector.reply(channel(token), new ReplyRequest(mention, "收到", "r-2"));
    assertEquals("收到", weibo.comments(id).get(2).text());
    assertNull(weibo.comments(id).get(2).replyToId());

    ConnectorException tooLong =
        fails(
            () ->
                connector.reply(channel(token), new ReplyRequest(comment, "长".repeat(135), "r-3")));
    assertEquals(ErrorKind.CONTENT_REJECTED, tooLong.kind());
    Interaction dm =
        new Interaction(
            Interaction.Kind.DM,
            "1",
            null,
            null,
            null,
            new Interaction.Author(FAN, null, null),
            "hi",
            NOW);
    assertEquals(
        "DM_UNSUPPORTED",
        fails(() -> connector.reply(channel(token), new ReplyRequest(dm, "hi", "r-4")))
            .networkCode());

    weibo.injectError(token, 400, 20201, "Target weibo comment does not exist!", 1);
    ConnectorException gone =
        fails(() -> connector.reply(channel(token), new ReplyRequest(comment, "还在吗", "r-5")));
    assertEquals(ErrorKind.PERMANENT, gone.kind());
    assertEquals("20201", gone.networkCode());
  }
}
