package org.socialweave.connector.x.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
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
import org.socialweave.api.connector.RateLimit;
import org.socialweave.api.connector.ReplyRequest;
import org.socialweave.api.connector.TextCounting;
import org.socialweave.api.connector.WebhookRequest;
import org.socialweave.api.connector.WebhookVerdict;
import org.socialweave.connector.testkit.Leaks;
import org.socialweave.sandbox.Fault;
import org.socialweave.sandbox.Sandbox;
import org.socialweave.sandbox.XPost;
import org.socialweave.sandbox.XRequest;
import org.socialweave.sandbox.XSandbox;

public class XConnectorTest {

  static final String CLIENT = "x-client-id";
  static final String REDIRECT = "https://sw.example/api/v1/oauth/x/callback";
  static final String SCOPES = "tweet.read tweet.write users.read offline.access media.write";
  static final String CONSUMER_SECRET = "consumer-secret-0123456789";
  static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

  private static Sandbox sandbox;
  private static XSandbox x;

  private String aliceId;
  private String bobId;
  private XSandbox.Tokens alice;
  private XSandbox.Tokens bob;
  private XConnector connector;
  private final List<Duration> sleeps = new ArrayList<>();

  @BeforeClass
  public static void startSandbox() throws IOException {
    sandbox = Sandbox.start(0);
    x = sandbox.x();
  }

  @AfterClass
  public static void stopSandbox() {
    sandbox.close();
  }

  @Before
  public void setUp() {
    x.reset();
    x.addClient(CLIENT, null, REDIRECT);
    aliceId = x.addUser("alice");
    bobId = x.addUser("bob");
    alice = x.issueTokens("alice", CLIENT, SCOPES);
    bob = x.issueTokens("bob", CLIENT, SCOPES);
    connector = connector(null, Clock.systemUTC());
  }

  XConnector connector(String clientSecret, Clock clock) {
    return new XConnector(
        new XConnector.Settings(
            x.apiBaseUrl(), x.authorizeUrl(), CLIENT, clientSecret, SCOPES, CONSUMER_SECRET),
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        clock,
        sleeps::add);
  }

  static ChannelContext channel(String userId, XSandbox.Tokens tokens) {
    return channel(
        userId,
        Credentials.oauth(
            tokens.accessToken(),
            Instant.now().plus(Duration.ofHours(2)),
            tokens.refreshToken(),
            null,
            Set.of(SCOPES.split(" "))));
  }

  static ChannelContext channel(String userId, Credentials credentials) {
    return new ChannelContext(
        "ws-1", "ch-" + userId, userId, credentials, Map.of("username", "alice"));
  }

  private ChannelContext alice() {
    return channel(aliceId, alice);
  }

  private ChannelContext bob() {
    return new ChannelContext(
        "ws-1",
        "ch-bob",
        bobId,
        Credentials.oauth(bob.accessToken(), null, bob.refreshToken(), null, Set.of()),
        Map.of("username", "bob"));
  }

  private ConnectorException fails(Supplier<?> call) {
    try {
      Object result = call.get();
      fail("expected a failure, got " + result);
      return null;
    } catch (ConnectorException e) {
      Leaks.assertRevealsNone(e, alice.accessToken());
      Leaks.assertRevealsNone(e, alice.refreshToken());
      return e;
    }
  }

  static MediaRef image(String id, int size, String alt) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) i;
    }
    return new MediaRef(
        id, "image/png", size, 10, 10, null, alt, () -> new ByteArrayInputStream(bytes));
  }

  private List<XPost> alicePosts() {
    return x.posts(aliceId);
  }

  // ---- descriptor and connect flow ----

  @Test
  public void descriptorNamesXAndItsLimits() {
    NetworkDescriptor d = connector.descriptor();
    assertEquals("x", d.id());
    assertEquals("X", d.nameEn());
    assertEquals(280, d.text().maxLength());
    assertEquals(TextCounting.X_WEIGHTED, d.text().counting());
    assertEquals(23, d.text().urlLength());
    assertEquals(4, d.media().maxImages());
    assertEquals(0, d.media().maxVideos());
    assertTrue(d.supports(Operation.PUBLISH_THREAD));
    assertTrue(d.supports(Operation.REFRESH_CREDENTIALS));
    assertTrue(d.supports(Operation.VERIFY_WEBHOOK));
    assertFalse(d.supports(Operation.IDEMPOTENCY_KEY));
    assertFalse(d.supports(Operation.PUBLISH_VIDEO));
    assertEquals(ConnectMethod.OAUTH2_PKCE, connector.connectFlow().method());
  }

  @Test
  public void authorizationUrlCarriesPkceAndScopes() {
    URI url =
        connector.authorizationUrl(
            new AuthorizationRequest(URI.create(REDIRECT), "state 1", CHALLENGE));
    assertTrue(url.toString(), url.toString().startsWith(x.authorizeUrl() + "?"));
    String q = url.getRawQuery();
    assertTrue(q, q.contains("response_type=code"));
    assertTrue(q, q.contains("client_id=" + CLIENT));
    assertTrue(
        q, q.contains("redirect_uri=https%3A%2F%2Fsw.example%2Fapi%2Fv1%2Foauth%2Fx%2Fcallback"));
    assertTrue(
        q,
        q.contains("scope=tweet.read%20tweet.write%20users.read%20offline.access%20media.write"));
    assertTrue(q, q.contains("state=state%201"));
    assertTrue(q, q.contains("code_challenge_method=S256"));
    try {
      connector.authorizationUrl(new AuthorizationRequest(URI.create(REDIRECT), "s", null));
      fail("X needs PKCE");
    } catch (IllegalArgumentException expected) {
      assertTrue(expected.getMessage().contains("PKCE"));
    }
  }

  /** Follows the authorize page like a browser and answers the code it redirects with. */
  static String consent(XConnector connector, String state) throws Exception {
    URI url =
        connector.authorizationUrl(
            new AuthorizationRequest(URI.create(REDIRECT), state, CHALLENGE));
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(r.body(), 302, r.statusCode());
    String location = r.headers().firstValue("Location").orElseThrow();
    assertTrue(location, location.contains("state=" + state));
    return location.substring(location.indexOf("code=") + 5);
  }

  @Test
  public void connectsWithPkceAndNamesTheAccount() throws Exception {
    x.consentAs("alice");
    String code = consent(connector, "st1");
    ConnectedAccount account =
        connector.completeAuthorization(code, URI.create(REDIRECT), VERIFIER);
    assertEquals(aliceId, account.accountId());
    assertEquals("@alice", account.displayName());
    assertEquals("alice", account.settings().get("username"));
    Credentials c = account.credentials();
    assertNotNull(c.accessToken());
    assertTrue(c.hasRefreshToken());
    assertEquals(Set.of(SCOPES.split(" ")), c.scopes());
    long lifetime = Duration.between(Instant.now(), c.accessExpiresAt()).toMinutes();
    assertTrue(String.valueOf(lifetime), lifetime >= 119 && lifetime <= 120);
  }

  @Test
  public void wrongVerifierOrReusedCodeIsAuthRevoked() throws Exception {
    x.consentAs("alice");
    String code = consent(connector, "st1");
    ConnectorException e =
        fails(() -> connector.completeAuthorization(code, URI.create(REDIRECT), "a".repeat(43)));
    assertEquals(ErrorKind.AUTH_REVOKED, e.kind());
    assertEquals("invalid_request", e.networkCode());
    assertEquals("Value passed for the token was invalid.", e.networkMessage());
    String fresh = consent(connector, "st2");
    connector.completeAuthorization(fresh, URI.create(REDIRECT), VERIFIER);
    assertEquals(
        ErrorKind.AUTH_REVOKED,
        fails(() -> connector.completeAuthorization(fresh, URI.create(REDIRECT), VERIFIER)).kind());
  }

  @Test
  public void confidentialClientAuthenticatesWithBasic() throws Exception {
    x.addClient("conf-client", "conf-secret", REDIRECT);
    XConnector confidential =
        new XConnector(
            new XConnector.Settings(
                x.apiBaseUrl(),
                x.authorizeUrl(),
                "conf-client",
                "conf-secret",
                SCOPES,
                CONSUMER_SECRET),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10),
            Clock.systemUTC(),
            sleeps::add);
    x.consentAs("bob");
    ConnectedAccount account =
        confidential.completeAuthorization(
            consent(confidential, "s"), URI.create(REDIRECT), VERIFIER);
    assertEquals(bobId, account.accountId());
    Credentials refreshed = confidential.refreshCredentials(channel(bobId, account.credentials()));
    assertNotEquals(account.credentials().refreshToken(), refreshed.refreshToken());
    String body =
        new String(
            x.requests().stream()
                .filter(r -> r.path().equals("/2/oauth2/token"))
                .reduce((a, b) -> b)
                .orElseThrow()
                .body(),
            StandardCharsets.UTF_8);
    assertFalse(body, body.contains("client_id"));
  }

  @Test
  public void missingClientIdIsPermanent() {
    XConnector unconfigured =
        new XConnector(
            new XConnector.Settings(x.apiBaseUrl(), x.authorizeUrl(), "", null, SCOPES, null),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Clock.systemUTC(),
            sleeps::add);
    ConnectorException e =
        fails(
            () ->
                unconfigured.authorizationUrl(
                    new AuthorizationRequest(URI.create(REDIRECT), "s", CHALLENGE)));
    assertEquals(ErrorKind.PERMANENT, e.kind());
    assertEquals("NO_CLIENT_ID", e.networkCode());
  }

  // ---- refresh ----

  @Test
  public void refreshRotatesTheRefreshTokenAndTheOldOneIsDead() {
    ChannelContext channel = alice();
    Credentials fresh = connector.refreshCredentials(channel);
    assertNotEquals(alice.accessToken(), fresh.accessToken());
    assertNotEquals(alice.refreshToken(), fresh.refreshToken());
    assertEquals(channel.credentials().scopes(), fresh.scopes());
    assertTrue(
        connector
            .publish(channel.withCredentials(fresh), PublishRequest.text("k", "after refresh"))
            .isPublished());
    ConnectorException reused = fails(() -> connector.refreshCredentials(channel));
    assertEquals(ErrorKind.AUTH_REVOKED, reused.kind());
    assertEquals("invalid_request", reused.networkCode());
  }

  @Test
  public void refreshOnServerErrorIsTransientAndTheTokenStillWorks() {
    x.inject(CLIENT, Fault.serverError(503), 1);
    assertEquals(ErrorKind.TRANSIENT, fails(() -> connector.refreshCredentials(alice())).kind());
    XConnector impatient =
        new XConnector(
            new XConnector.Settings(
                x.apiBaseUrl(), x.authorizeUrl(), CLIENT, null, SCOPES, CONSUMER_SECRET),
            Duration.ofSeconds(2),
            Duration.ofSeconds(1),
            Clock.systemUTC(),
            sleeps::add);
    x.inject(CLIENT, Fault.delay(Duration.ofSeconds(3)), 1);
    assertEquals(ErrorKind.TRANSIENT, fails(() -> impatient.refreshCredentials(alice())).kind());
    // the delayed refresh was processed by X: the old refresh token is gone, as the class says
    assertEquals(ErrorKind.AUTH_REVOKED, fails(() -> connector.refreshCredentials(alice())).kind());
  }

  @Test
  public void refreshThatRotatesNothingKeepsTheRefreshToken() {
    x.inject(
        CLIENT,
        Fault.raw(
            200,
            "{\"token_type\":\"bearer\",\"expires_in\":7200,\"access_token\":\"new-at\",\"scope\":\"tweet.read\"}"),
        1);
    Credentials refreshed = connector.refreshCredentials(alice());
    assertEquals("new-at", refreshed.accessToken());
    assertEquals(alice.refreshToken(), refreshed.refreshToken());
  }

  @Test
  public void refreshWithoutRefreshTokenOrWithAMalformedAnswerIsClassified() {
    ChannelContext noRefresh = channel(aliceId, Credentials.ofToken(alice.accessToken()));
    assertEquals(
        ErrorKind.AUTH_REVOKED, fails(() -> connector.refreshCredentials(noRefresh)).kind());
    x.inject(CLIENT, Fault.raw(200, "{\"refresh_token\":\"" + alice.refreshToken() + "\"}"), 1);
    ConnectorException e = fails(() -> connector.refreshCredentials(alice()));
    assertEquals(ErrorKind.TRANSIENT, e.kind());
    x.inject(
        CLIENT, Fault.raw(401, "{\"error\":\"invalid_client\",\"error_description\":\"bad\"}"), 1);
    assertEquals(ErrorKind.PERMANENT, fails(() -> connector.refreshCredentials(alice())).kind());
  }

  // ---- publishing ----

  @Test
  public void publishesTextWithUrl() {
    PublishResult result = connector.publish(alice(), PublishRequest.text("job-1", "你好, X 🐦"));
    assertTrue(result.isPublished());
    XPost post = alicePosts().get(0);
    assertEquals(post.id(), result.platformPostId());
    assertEquals(URI.create("https://x.com/alice/status/" + post.id()), result.url());
    assertNotNull(result.publishedAt());
  }

  @Test
  public void linkIsAppendedToTheText() {
    PublishRequest request =
        PublishRequest.builder("job-1")
            .text("read this")
            .link(URI.create("https://example.com/a"))
            .build();
    connector.publish(alice(), request);
    assertEquals("read this\n\nhttps://example.com/a", alicePosts().get(0).text());
  }

  @Test
  public void textIsMeasuredWithXsWeightsBeforeSending() {
    long before = x.requestCount();
    assertEquals(
        "TEXT_TOO_LONG",
        fails(() -> connector.publish(alice(), PublishRequest.text("a", "好".repeat(141))))
            .networkCode());
    assertEquals(
        ErrorKind.CONTENT_REJECTED,
        fails(() -> connector.publish(alice(), PublishRequest.text("b", "a".repeat(281)))).kind());
    assertEquals(before, x.requestCount());
    connector.publish(alice(), PublishRequest.text("d", "a".repeat(280)));
    String url = "https://example.com/" + "p".repeat(200);
    connector.publish(alice(), PublishRequest.text("e", "b".repeat(256) + " " + url));
    assertEquals(2, alicePosts().size());
  }

  @Test
  public void threadIsAChainOfReplies() {
    PublishRequest thread =
        PublishRequest.builder("job-t")
            .text("1/3 head")
            .threadPart(new PublishRequest.Part("2/3 middle", List.of()))
            .threadPart(new PublishRequest.Part("3/3 tail", List.of()))
            .build();
    PublishResult result = connector.publish(alice(), thread);
    List<XPost> posts = alicePosts();
    assertEquals(3, posts.size());
    assertEquals(posts.get(0).id(), result.platformPostId());
    assertNull(posts.get(0).inReplyToId());
    assertEquals(posts.get(0).id(), posts.get(1).inReplyToId());
    assertEquals(posts.get(1).id(), posts.get(2).inReplyToId());
    assertEquals(posts.get(0).id(), posts.get(2).conversationId());
  }

  @Test
  public void everyThreadPartIsCheckedBeforeAnythingIsSent() {
    long before = x.requestCount();
    PublishRequest thread =
        PublishRequest.builder("job-t")
            .text("fine")
            .threadPart(new PublishRequest.Part("x".repeat(281), List.of()))
            .build();
    ConnectorException e = fails(() -> connector.publish(alice(), thread));
    assertEquals(ErrorKind.CONTENT_REJECTED, e.kind());
    assertTrue(e.networkMessage(), e.networkMessage().startsWith("part 2 of the thread"));
    assertEquals(before, x.requestCount());
  }

  @Test
  public void aThreadBrokenAfterItsHeadIsReportedWithThePublishedIds() {
    connector.publish(alice(), PublishRequest.text("old", "already said"));
    PublishRequest thread =
        PublishRequest.builder("job-t")
            .text("new head")
            .threadPart(new PublishRequest.Part("already said", List.of()))
            .build();
    ConnectorException e = fails(() -> connector.publish(alice(), thread));
    assertEquals(ErrorKind.PERMANENT, e.kind());
    assertEquals("THREAD_INCOMPLETE", e.networkCode());
    String headId = alicePosts().get(1).id();
    assertTrue(e.networkMessage(), e.networkMessage().contains("[" + headId + "]"));
    assertTrue(e.networkMessage(), e.networkMessage().contains("DUPLICATE"));
    assertEquals(ErrorKind.DUPLICATE, ((ConnectorException) e.getCause()).kind());
  }

  @Test
  public void imagesAreUploadedInChunksWithAltText() {
    int big = XMediaUpload.CHUNK_BYTES * 2 + 500;
    PublishRequest request =
        PublishRequest.builder("job-m")
            .text("two pictures")
            .media(image("m1", big, "a red square"))
            .media(image("m2", 300, null))
            .build();
    connector.publish(alice(), request);
    XPost post = alicePosts().get(0);
    assertEquals(2, post.mediaIds().size());
    assertEquals("a red square", x.altText(post.mediaIds().get(0)));
    assertNull(x.altText(post.mediaIds().get(1)));
    long appends = x.requests().stream().filter(r -> r.path().endsWith("/append")).count();
    assertEquals(4, appends);
    assertTrue(sleeps.isEmpty());
  }

  @Test
  public void processingIsPolledAndAFailureIsMediaRejected() {
    x.setMediaProcessing(2, false);
    connector.publish(
        alice(), PublishRequest.builder("job-m").media(image("m1", 10, null)).build());
    assertEquals(1, alicePosts().size());
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), sleeps);

    x.setMediaProcessing(0, true);
    ConnectorException e =
        fails(
            () ->
                connector.publish(
                    alice(), PublishRequest.builder("job-n").media(image("m2", 10, null)).build()));
    assertEquals(ErrorKind.MEDIA_REJECTED, e.kind());
    assertEquals("InvalidMedia", e.networkCode());
    assertEquals(1, alicePosts().size());
  }

  @Test
  public void mediaXDoesNotTakeIsRefusedBeforeSending() {
    long before = x.requestCount();
    PublishRequest.Builder five = PublishRequest.builder("job-5").text("five");
    for (int i = 0; i < 5; i++) {
      five.media(image("m" + i, 10, null));
    }
    PublishRequest fiveImages = five.build();
    assertEquals(
        ErrorKind.MEDIA_REJECTED, fails(() -> connector.publish(alice(), fiveImages)).kind());
    MediaRef gif = MediaRef.of("g", "image/gif", 10, () -> new ByteArrayInputStream(new byte[10]));
    PublishRequest withGif = PublishRequest.builder("job-g").media(gif).build();
    assertEquals(
        "UNSUPPORTED_MEDIA_TYPE", fails(() -> connector.publish(alice(), withGif)).networkCode());
    MediaRef huge =
        MediaRef.of("h", "image/jpeg", 6_000_000, () -> new ByteArrayInputStream(new byte[0]));
    PublishRequest withHuge = PublishRequest.builder("job-h").media(huge).build();
    assertEquals(
        "MEDIA_TOO_LARGE", fails(() -> connector.publish(alice(), withHuge)).networkCode());
    assertEquals(before, x.requestCount());
  }

  @Test
  public void mediaShorterThanDeclaredIsPermanent() {
    MediaRef liar =
        MediaRef.of("l", "image/png", 100, () -> new ByteArrayInputStream(new byte[40]));
    ConnectorException e =
        fails(() -> connector.publish(alice(), PublishRequest.builder("j").media(liar).build()));
    assertEquals(ErrorKind.PERMANENT, e.kind());
    assertEquals("MEDIA_SIZE_MISMATCH", e.networkCode());
    assertTrue(alicePosts().isEmpty());
  }

  // ---- error classification ----

  @Test
  public void duplicateContentIsDuplicate() {
    connector.publish(alice(), PublishRequest.text("a", "same words"));
    ConnectorException e =
        fails(() -> connector.publish(alice(), PublishRequest.text("b", "same words")));
    assertEquals(ErrorKind.DUPLICATE, e.kind());
    assertEquals(
        "You are not allowed to create a Tweet with duplicate content.", e.networkMessage());
  }

  @Test
  public void rateLimitCarriesTheEpochReset() {
    x.inject(alice.accessToken(), Fault.rateLimited(120), 1);
    ConnectorException e = fails(() -> connector.publish(alice(), PublishRequest.text("a", "x")));
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    long expected = Instant.now().plusSeconds(120).getEpochSecond();
    assertTrue(e.retryAfter().toString(), Math.abs(e.retryAfter().getEpochSecond() - expected) < 5);
  }

  @Test
  public void dailyPostCapIsQuotaExhaustedUntilItsReset() {
    x.setDailyPostLimit(aliceId, 1);
    connector.publish(alice(), PublishRequest.text("a", "first"));
    ConnectorException e =
        fails(() -> connector.publish(alice(), PublishRequest.text("b", "second")));
    assertEquals(ErrorKind.QUOTA_EXHAUSTED, e.kind());
    assertEquals("x-user-limit-24hour", e.networkCode());
    Duration wait = Duration.between(Instant.now(), e.retryAfter());
    assertTrue(wait.toString(), wait.toHours() >= 23 && wait.toHours() <= 24);
  }

  @Test
  public void theAppsDailyPostCapIsDeclaredAsAPerUserQuotaOfTheRolling24Hours() {
    assertTrue(
        "no cap unless configured",
        connector.descriptor().rateLimits().stream()
            .noneMatch(l -> l.kind() == RateLimit.Kind.QUOTA));
    XConnector free =
        new XConnector(
            new XConnector.Settings(
                x.apiBaseUrl(), x.authorizeUrl(), CLIENT, null, SCOPES, CONSUMER_SECRET, 17),
            Duration.ofSeconds(2),
            Duration.ofSeconds(10),
            Clock.systemUTC(),
            sleeps::add);
    RateLimit cap =
        free.descriptor().rateLimits().stream()
            .filter(l -> l.name().equals(XConnector.DAILY_POST_CAP))
            .findFirst()
            .orElseThrow();
    assertEquals(RateLimit.Kind.QUOTA, cap.kind());
    assertEquals(RateLimit.Scope.ACCOUNT, cap.scope());
    assertEquals(17, cap.limit());
    assertEquals(Duration.ofHours(24), cap.window());
    assertNull(
        "rolling, as x-user-limit-24hour-reset counts from the first post", cap.calendarZone());
    assertTrue(cap.appliesTo(Operation.PUBLISH_TEXT));
    assertTrue(cap.appliesTo(Operation.REPLY));
    assertFalse(cap.appliesTo(Operation.DELETE));
    // The rest of the descriptor is X's as before.
    assertEquals(
        connector.descriptor().rateLimits(),
        free.descriptor().rateLimits().subList(0, connector.descriptor().rateLimits().size()));
    assertEquals(connector.descriptor().operations(), free.descriptor().operations());
  }

  @Test
  public void unauthorizedIsExpiredWithARefreshTokenAndRevokedWithout() {
    x.revoke(alice.accessToken());
    ConnectorException expired =
        fails(() -> connector.publish(alice(), PublishRequest.text("a", "x")));
    assertEquals(ErrorKind.AUTH_EXPIRED, expired.kind());
    ChannelContext noRefresh = channel(aliceId, Credentials.ofToken(alice.accessToken()));
    ConnectorException revoked =
        fails(() -> connector.publish(noRefresh, PublishRequest.text("a", "x")));
    assertEquals(ErrorKind.AUTH_REVOKED, revoked.kind());
    // after a revoke, the refresh tells the truth
    assertEquals(ErrorKind.AUTH_REVOKED, fails(() -> connector.refreshCredentials(alice())).kind());
  }

  @Test
  public void expiredAccessTokenIsRefusedWithoutACallAndRefreshed() {
    Instant later = Instant.now().plus(Duration.ofHours(3));
    XConnector future = connector(null, Clock.fixed(later, ZoneOffset.UTC));
    long before = x.requestCount();
    ConnectorException e = fails(() -> future.publish(alice(), PublishRequest.text("a", "x")));
    assertEquals(ErrorKind.AUTH_EXPIRED, e.kind());
    assertEquals("TOKEN_EXPIRED", e.networkCode());
    assertEquals(before, x.requestCount());
    x.expire(alice.accessToken());
    Credentials fresh = connector.refreshCredentials(alice());
    assertTrue(
        connector
            .publish(alice().withCredentials(fresh), PublishRequest.text("a", "x"))
            .isPublished());
  }

  @Test
  public void serverErrorIsCodedByItsStatus() {
    x.inject(alice.accessToken(), Fault.serverError(503), 1);
    ConnectorException e = fails(() -> connector.publish(alice(), PublishRequest.text("a", "x")));
    assertEquals("503", e.networkCode());
  }

  @Test
  public void forbiddenContentIsRejectedAndForbiddenAccessIsPermanent() {
    x.inject(
        alice.accessToken(), Fault.error(403, "This request looks like it might be automated."), 1);
    ConnectorException content =
        fails(() -> connector.publish(alice(), PublishRequest.text("a", "x")));
    assertEquals(ErrorKind.CONTENT_REJECTED, content.kind());
    assertEquals("This request looks like it might be automated.", content.networkMessage());
    x.inject(
        alice.accessToken(), Fault.error(403, "You are not permitted to perform this action."), 1);
    assertEquals(
        ErrorKind.PERMANENT,
        fails(() -> connector.publish(alice(), PublishRequest.text("a", "x"))).kind());
    ConnectorException reply =
        fails(
            () ->
                connector.publish(
                    alice(), PublishRequest.builder("r").text("hi").inReplyTo("1999").build()));
    assertEquals(ErrorKind.CONTENT_REJECTED, reply.kind());
  }

  @Test
  public void echoedTokenIsRedacted() {
    x.inject(
        alice.accessToken(),
        Fault.error(400, "token " + alice.accessToken() + " and Bearer " + alice.accessToken()),
        1);
    ConnectorException e = fails(() -> connector.publish(alice(), PublishRequest.text("a", "x")));
    assertEquals(ErrorKind.PERMANENT, e.kind());
    assertTrue(e.rawResponse(), e.rawResponse().contains("<redacted>"));
  }

  @Test
  public void lostAnswerIsOutcomeUnknownAndReconciliationFindsThePost() {
    Instant start = Instant.now();
    x.inject(alice.accessToken(), Fault.acceptThenDrop(), 1);
    ConnectorException e =
        fails(
            () ->
                connector.publish(
                    alice(), PublishRequest.text("job-9", "Tom & Jerry <3 https://example.com/x")));
    assertEquals(ErrorKind.OUTCOME_UNKNOWN, e.kind());
    String stored = alicePosts().get(0).id();

    PostLookup lookup =
        connector.fetchPost(
            alice(), PostQuery.byAttempt("job-9", "Tom & Jerry <3 https://example.com/x", start));
    assertEquals(PostLookup.Outcome.FOUND, lookup.outcome());
    assertEquals(stored, lookup.platformPostId());
    // a blind retry would be refused as a duplicate
    assertEquals(
        ErrorKind.DUPLICATE,
        fails(
                () ->
                    connector.publish(
                        alice(),
                        PublishRequest.text("job-9", "Tom & Jerry <3 https://example.com/x")))
            .kind());
    assertEquals(1, alicePosts().size());
  }

  @Test
  public void reconciliationSaysNotFoundOnlyWhenItCanTell() {
    Instant start = Instant.now();
    connector.publish(alice(), PublishRequest.text("other", "something else"));
    assertEquals(
        PostLookup.Outcome.NOT_FOUND,
        connector.fetchPost(alice(), PostQuery.byAttempt("job", "never sent", start)).outcome());
    assertEquals(
        PostLookup.Outcome.UNKNOWN,
        connector.fetchPost(alice(), PostQuery.byAttempt("job", "never sent", null)).outcome());
    assertEquals(
        PostLookup.Outcome.UNKNOWN,
        connector.fetchPost(alice(), PostQuery.byAttempt("job", null, start)).outcome());
    connector.publish(alice(), PublishRequest.text("link", "https://example.com/only"));
    assertEquals(
        PostLookup.Outcome.UNKNOWN,
        connector
            .fetchPost(alice(), PostQuery.byAttempt("job", "https://example.com/other", start))
            .outcome());
  }

  @Test
  public void successWithoutAPostIdIsOutcomeUnknown() {
    x.inject(alice.accessToken(), Fault.raw(201, "{\"data\":{\"text\":\"x\"}}"), 1);
    ConnectorException e = fails(() -> connector.publish(alice(), PublishRequest.text("b", "x")));
    assertEquals(ErrorKind.OUTCOME_UNKNOWN, e.kind());
    assertEquals("{\"data\":{\"text\":\"x\"}}", e.rawResponse());
  }

  @Test
  public void unreachableXIsTransient() throws IOException {
    Sandbox closed = Sandbox.start(0);
    URI base = URI.create(closed.baseUrl() + "/x");
    closed.close();
    XConnector nowhere =
        new XConnector(
            new XConnector.Settings(base, base, CLIENT, null, SCOPES, null),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Clock.systemUTC(),
            sleeps::add);
    assertEquals(
        ErrorKind.TRANSIENT,
        fails(() -> nowhere.publish(alice(), PublishRequest.text("a", "x"))).kind());
  }

  // ---- delete and read back ----

  @Test
  public void deleteIsOnlyForOwnPosts() {
    PublishResult bobs = connector.publish(bob(), PublishRequest.text("b", "mine"));
    ConnectorException e =
        fails(
            () -> {
              connector.delete(alice(), bobs.platformPostId());
              return null;
            });
    assertEquals(ErrorKind.PERMANENT, e.kind());
    assertEquals(
        ErrorKind.PERMANENT,
        fails(
                () -> {
                  connector.delete(alice(), "../users/me");
                  return null;
                })
            .kind());
  }

  @Test
  public void fetchedPostCarriesItsUrlAndCreationTime() {
    PublishResult result = connector.publish(alice(), PublishRequest.text("a", "find me"));
    PostLookup found = connector.fetchPost(alice(), PostQuery.byId(result.platformPostId()));
    assertEquals(URI.create("https://x.com/alice/status/" + result.platformPostId()), found.url());
    assertEquals(alicePosts().get(0).createdAt(), found.publishedAt());
  }

  @Test
  public void metricsOfAPostAndOfTheAccount() {
    PublishResult result = connector.publish(alice(), PublishRequest.text("a", "count me"));
    x.setEngagement(result.platformPostId(), 1000, 50, 7, 3, 2);
    connector.reply(bob(), new ReplyRequest(comment(result.platformPostId()), "nice", "r1"));
    Map<String, List<MetricPoint>> m = connector.fetchMetrics(alice(), result.platformPostId());
    assertEquals(1000.0, m.get(MetricNames.IMPRESSIONS).get(0).value(), 0);
    assertEquals(50.0, m.get(MetricNames.LIKES).get(0).value(), 0);
    assertEquals(7.0, m.get(MetricNames.REPOSTS).get(0).value(), 0);
    assertEquals(1.0, m.get(MetricNames.REPLIES).get(0).value(), 0);
    assertEquals(3.0, m.get(MetricNames.QUOTES).get(0).value(), 0);
    assertEquals(2.0, m.get(MetricNames.BOOKMARKS).get(0).value(), 0);
    Map<String, List<MetricPoint>> account = connector.fetchMetrics(alice(), null);
    assertEquals(1200.0, account.get(MetricNames.FOLLOWERS).get(0).value(), 0);
    assertEquals(1.0, account.get("x.posts").get(0).value(), 0);
  }

  private Interaction comment(String postId) {
    return new Interaction(
        Interaction.Kind.COMMENT,
        postId,
        postId,
        postId,
        null,
        new Interaction.Author(aliceId, "alice", null),
        "",
        Instant.now());
  }

  // ---- comments and replies ----

  @Test
  public void commentsArePagedNewestFirstWithoutTheAccountsOwnPosts() {
    PublishResult post =
        connector.publish(
            alice(),
            PublishRequest.builder("t")
                .text("head")
                .threadPart(new PublishRequest.Part("own part", List.of()))
                .build());
    List<String> replies = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      replies.add(
          connector
              .reply(
                  bob(),
                  new ReplyRequest(comment(post.platformPostId()), "comment " + i + " &", "r" + i))
              .platformPostId());
    }
    connector.publish(bob(), PublishRequest.text("u", "unrelated"));

    Page<Interaction> first =
        connector.fetchComments(
            alice(), new InteractionQuery(post.platformPostId(), null, null, 4));
    assertEquals(4, first.items().size());
    Interaction newest = first.items().get(0);
    assertEquals(replies.get(6), newest.platformId());
    assertEquals("comment 6 &", newest.text());
    assertEquals(bobId, newest.author().platformId());
    assertEquals("bob", newest.author().handle());
    assertEquals(post.platformPostId(), newest.conversationId());
    assertEquals(post.platformPostId(), newest.inReplyToId());
    assertNotNull(first.nextCursor());

    Page<Interaction> second =
        connector.fetchComments(
            alice(), new InteractionQuery(post.platformPostId(), null, first.nextCursor(), 4));
    assertEquals(3, second.items().size());
    assertNull(second.nextCursor());
    Set<String> seen = new HashSet<>();
    first.items().forEach(i -> seen.add(i.platformId()));
    second.items().forEach(i -> seen.add(i.platformId()));
    assertEquals(new HashSet<>(replies), seen);

    Page<Interaction> all =
        connector.fetchComments(
            alice(),
            new InteractionQuery(null, Instant.now().minus(Duration.ofDays(30)), null, 100));
    assertEquals(7, all.items().size());
  }

  @Test
  public void replyAnswersTheComment() {
    PublishResult post = connector.publish(alice(), PublishRequest.text("a", "ask me"));
    PublishResult question =
        connector.reply(bob(), new ReplyRequest(comment(post.platformPostId()), "why?", "q"));
    Interaction asked =
        connector
            .fetchComments(alice(), new InteractionQuery(post.platformPostId(), null, null, 10))
            .items()
            .get(0);
    assertEquals(question.platformPostId(), asked.platformId());
    PublishResult answer = connector.reply(alice(), new ReplyRequest(asked, "because", "a1"));
    XPost stored = alicePosts().get(1);
    assertEquals(answer.platformPostId(), stored.id());
    assertEquals(question.platformPostId(), stored.inReplyToId());
    ConnectorException tooLong =
        fails(() -> connector.reply(alice(), new ReplyRequest(asked, "a".repeat(281), "a2")));
    assertEquals(ErrorKind.CONTENT_REJECTED, tooLong.kind());
  }

  // ---- webhooks ----

  static String hmacBase64(String key, byte[] message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(message));
  }

  private WebhookRequest post(byte[] body, String signature, Instant at) {
    return WebhookRequest.of(
        signature == null ? Map.of() : Map.of("X-Twitter-Webhooks-Signature", signature),
        body,
        Map.of(),
        at);
  }

  @Test
  public void crcChallengeIsAnsweredWithTheHmac() throws Exception {
    WebhookVerdict v =
        connector.verifyWebhook(
            alice(),
            WebhookRequest.of(Map.of(), new byte[0], Map.of("crc_token", "abc123"), Instant.now()));
    assertEquals(WebhookVerdict.Outcome.CHALLENGE, v.outcome());
    assertEquals("application/json", v.responseContentType());
    assertEquals(
        "{\"response_token\":\"sha256="
            + hmacBase64(CONSUMER_SECRET, "abc123".getBytes(StandardCharsets.UTF_8))
            + "\"}",
        v.response());
  }

  @Test
  public void signedEventsAreAcceptedOnceAndForgeriesRefused() throws Exception {
    Instant now = Instant.now();
    byte[] body =
        ("{\"for_user_id\":\""
                + aliceId
                + "\",\"tweet_create_events\":[{\"id_str\":\"1\",\"timestamp_ms\":\""
                + now.toEpochMilli()
                + "\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    String signature = "sha256=" + hmacBase64(CONSUMER_SECRET, body);
    WebhookVerdict accepted = connector.verifyWebhook(alice(), post(body, signature, now));
    assertEquals(WebhookVerdict.Outcome.ACCEPTED, accepted.outcome());
    assertEquals(
        new String(body, StandardCharsets.UTF_8),
        new String(accepted.payload(), StandardCharsets.UTF_8));
    assertEquals(64, accepted.deliveryId().length());
    assertEquals(
        WebhookVerdict.Outcome.REPLAYED,
        connector.verifyWebhook(alice(), post(body, signature, now)).outcome());

    byte[] tampered =
        new String(body, StandardCharsets.UTF_8)
            .replace("\"1\"", "\"2\"")
            .getBytes(StandardCharsets.UTF_8);
    assertEquals(
        WebhookVerdict.Outcome.FORGED,
        connector.verifyWebhook(alice(), post(tampered, signature, now)).outcome());
    assertEquals(
        WebhookVerdict.Outcome.FORGED,
        connector.verifyWebhook(alice(), post(body, null, now)).outcome());
    String wrongKey = "sha256=" + hmacBase64("another-secret", body);
    assertEquals(
        WebhookVerdict.Outcome.FORGED,
        connector.verifyWebhook(alice(), post(body, wrongKey, now)).outcome());
  }

  @Test
  public void staleMisroutedAndUnreadableEventsAreRefused() throws Exception {
    Instant now = Instant.now();
    byte[] old =
        ("{\"for_user_id\":\""
                + aliceId
                + "\",\"favorite_events\":[{\"id\":\"f\",\"timestamp_ms\":\""
                + now.minus(Duration.ofHours(1)).toEpochMilli()
                + "\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    assertEquals(
        WebhookVerdict.Outcome.REPLAYED,
        connector
            .verifyWebhook(alice(), post(old, "sha256=" + hmacBase64(CONSUMER_SECRET, old), now))
            .outcome());
    byte[] other = ("{\"for_user_id\":\"" + bobId + "\"}").getBytes(StandardCharsets.UTF_8);
    assertEquals(
        WebhookVerdict.Outcome.MALFORMED,
        connector
            .verifyWebhook(
                alice(), post(other, "sha256=" + hmacBase64(CONSUMER_SECRET, other), now))
            .outcome());
    byte[] text = "not json".getBytes(StandardCharsets.UTF_8);
    assertEquals(
        WebhookVerdict.Outcome.MALFORMED,
        connector
            .verifyWebhook(alice(), post(text, "sha256=" + hmacBase64(CONSUMER_SECRET, text), now))
            .outcome());
  }

  @Test
  public void requestsAreRecordedForTheSpecCheck() {
    connector.publish(alice(), PublishRequest.text("a", "logged"));
    XRequest last = x.requests().get(x.requests().size() - 1);
    assertEquals("POST", last.method());
    assertEquals("/2/tweets", last.path());
  }
}
