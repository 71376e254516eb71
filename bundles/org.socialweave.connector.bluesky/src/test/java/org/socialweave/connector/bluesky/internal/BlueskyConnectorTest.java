package org.socialweave.connector.bluesky.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.Page;
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
import org.socialweave.sandbox.BlueskyRecord;
import org.socialweave.sandbox.BlueskySandbox;
import org.socialweave.sandbox.Fault;
import org.socialweave.sandbox.Lexicons;
import org.socialweave.sandbox.Sandbox;
import org.socialweave.sandbox.XrpcCall;

public class BlueskyConnectorTest {

  private static final String ALICE = "alice.bsky.social";
  private static final String ALICE_PASSWORD = "abcd-efgh-ijkl-mnop";
  private static final String BOB = "bob.bsky.social";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Long enough for a loaded CI machine; the timeout test waits this plus a little. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  /** A clock the test moves; starts at the real time, as the sandbox's tokens do. */
  private static final class MovableClock extends Clock {
    private Instant now = Instant.now();

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  private Sandbox sandbox;
  private BlueskySandbox bluesky;
  private String aliceDid;
  private String bobDid;
  private MovableClock clock;
  private BlueskyConnector connector;
  private final List<String> secrets = new ArrayList<>();

  @Before
  public void startSandbox() throws IOException {
    sandbox = Sandbox.start(0);
    bluesky = sandbox.bluesky();
    aliceDid = bluesky.addAccount(ALICE, "alice@example.com", ALICE_PASSWORD);
    bobDid = bluesky.addAccount(BOB, null, "bob-password");
    clock = new MovableClock();
    connector =
        new BlueskyConnector(bluesky.serviceUrl(), Duration.ofSeconds(2), REQUEST_TIMEOUT, clock);
    secrets.add(ALICE_PASSWORD);
  }

  /**
   * Every request the connector sent during the test, checked against the Lexicons: procedure
   * inputs, query parameters, and the records inside {@code createRecord} with their TID keys.
   */
  @After
  public void everyRequestMatchedTheLexicons() throws IOException {
    try {
      for (XrpcCall call : bluesky.calls()) {
        String where = call.nsid() + " " + call.body() + " " + call.params();
        assertTrue(where, Lexicons.knows(call.nsid()));
        assertTrue(
            where,
            Lexicons.validateParams(call.nsid(), Lexicons.typedParams(call.nsid(), call.params()))
                .isEmpty());
        if (call.method().equals("POST") && !call.nsid().equals("com.atproto.repo.uploadBlob")) {
          JsonNode body = call.body() == null ? null : JSON.readTree(call.body());
          assertEquals(where, List.of(), Lexicons.validateInput(call.nsid(), body));
          if (call.nsid().equals("com.atproto.repo.createRecord")) {
            assertEquals(
                where,
                List.of(),
                Lexicons.validateRecord(body.get("collection").asText(), body.get("record")));
            assertTrue(
                where,
                Lexicons.isValidRecordKey(
                    body.get("collection").asText(), body.get("rkey").asText()));
          }
        }
      }
    } finally {
      sandbox.close();
    }
  }

  // ---- helpers ----

  private ConnectedAccount connectAlice() {
    ConnectedAccount account =
        connector.connect(Map.of("identifier", ALICE, "appPassword", ALICE_PASSWORD));
    secrets.add(account.credentials().accessToken());
    secrets.add(account.credentials().refreshToken());
    return account;
  }

  private static ChannelContext channel(ConnectedAccount account) {
    return new ChannelContext(
        "ws-1", "ch-1", account.accountId(), account.credentials(), account.settings());
  }

  private ChannelContext alice() {
    return channel(connectAlice());
  }

  private ConnectorException fails(Supplier<?> call) {
    try {
      Object result = call.get();
      fail("expected a failure, got " + result);
      return null;
    } catch (ConnectorException e) {
      assertNoSecrets(e);
      return e;
    }
  }

  /** No token or password appears in the failure: message, raw answer, causes. */
  private void assertNoSecrets(ConnectorException e) {
    // "eyJ" starts every JWT: no token may show, whoever's it is.
    Leaks.assertRevealsNone(e, secrets.toArray(new String[0]));
    Leaks.assertRevealsNone(e, "eyJ");
  }

  private List<BlueskyRecord> alicePosts() {
    return bluesky.records(aliceDid).stream().filter(r -> !r.deleted()).toList();
  }

  private static String rkey(String uri) {
    return uri.substring(uri.lastIndexOf('/') + 1);
  }

  private static MediaRef png(String id, int size, String alt) {
    byte[] bytes = new byte[size];
    byte[] magic = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
    System.arraycopy(magic, 0, bytes, 0, magic.length);
    bytes[size - 1] = (byte) id.hashCode();
    return new MediaRef(
        id, "image/png", size, 1200, 800, null, alt, () -> new ByteArrayInputStream(bytes));
  }

  private List<XrpcCall> calls(String nsid) {
    return bluesky.calls().stream().filter(c -> c.nsid().equals(nsid)).toList();
  }

  // ---- descriptor and connect flow ----

  @Test
  public void descriptorNamesBlueskyAndItsLimits() {
    NetworkDescriptor d = connector.descriptor();
    assertEquals("bluesky", d.id());
    assertEquals("Bluesky", d.nameEn());
    assertEquals(300, d.text().maxLength());
    assertEquals(3000, d.text().maxUtf8Bytes());
    assertEquals(TextCounting.GRAPHEMES_AND_UTF8_BYTES, d.text().counting());
    assertEquals(4, d.media().maxImages());
    assertEquals(1_000_000, d.media().maxImageBytes());
    assertEquals(0, d.media().maxVideos());
    for (Operation op :
        List.of(
            Operation.PUBLISH_TEXT,
            Operation.PUBLISH_IMAGE,
            Operation.PUBLISH_LINK,
            Operation.PUBLISH_THREAD,
            Operation.DELETE,
            Operation.FETCH_POST,
            Operation.FETCH_METRICS,
            Operation.FETCH_COMMENTS,
            Operation.REPLY,
            Operation.REFRESH_CREDENTIALS,
            Operation.IDEMPOTENCY_KEY)) {
      assertTrue(op.toString(), d.supports(op));
    }
    assertFalse(d.supports(Operation.PUBLISH_VIDEO));
    assertEquals(ConnectMethod.APP_PASSWORD, connector.connectFlow().method());
    assertEquals("identifier", connector.connectFlow().fields().get(0).name());
    assertFalse(connector.connectFlow().fields().get(0).secret());
    assertEquals("appPassword", connector.connectFlow().fields().get(1).name());
    assertTrue(connector.connectFlow().fields().get(1).secret());
  }

  @Test
  public void connectCreatesASessionAndReadsTheExpiriesFromTheJwts() {
    Instant before = Instant.now();
    ConnectedAccount account = connectAlice();
    assertEquals(aliceDid, account.accountId());
    assertEquals("@" + ALICE, account.displayName());
    Credentials c = account.credentials();
    assertTrue(c.accessToken().startsWith("eyJ"));
    assertTrue(c.refreshToken().startsWith("eyJ"));
    assertNotEquals(c.accessToken(), c.refreshToken());
    assertTrue(c.secrets().isEmpty()); // the app password is not kept
    assertEquals(aliceDid, c.attributes().get("did"));
    assertEquals(ALICE, c.attributes().get("handle"));
    Duration access = Duration.between(before, c.accessExpiresAt());
    assertTrue(
        access.toString(),
        access.compareTo(Duration.ofMinutes(119)) > 0
            && access.compareTo(Duration.ofMinutes(121)) < 0);
    Duration refresh = Duration.between(before, c.refreshExpiresAt());
    assertTrue(refresh.toString(), refresh.toDays() >= 89 && refresh.toDays() <= 90);
    assertEquals(bluesky.serviceUrl().toString(), account.settings().get("pdsUrl"));
    assertFalse(account.toString().contains(c.accessToken()));

    XrpcCall login = calls("com.atproto.server.createSession").get(0);
    assertTrue(login.body().contains("\"identifier\":\"" + ALICE + "\""));
    assertFalse(login.body().contains(ALICE_PASSWORD));
  }

  @Test
  public void connectAcceptsAnAtHandleOrTheEmail() {
    assertEquals(
        aliceDid,
        connector
            .connect(Map.of("identifier", " @" + ALICE + " ", "appPassword", ALICE_PASSWORD))
            .accountId());
    assertEquals(
        aliceDid,
        connector
            .connect(Map.of("identifier", "alice@example.com", "appPassword", ALICE_PASSWORD))
            .accountId());
  }

  @Test
  public void connectWithAWrongPasswordIsRevokedAndNamesNoSecret() {
    secrets.add("wrong-pass-word");
    ConnectorException e =
        fails(
            () -> connector.connect(Map.of("identifier", ALICE, "appPassword", "wrong-pass-word")));
    assertEquals(ErrorKind.AUTH_REVOKED, e.kind());
    assertEquals("AuthenticationRequired", e.networkCode());
    assertTrue(e.networkMessage().contains("Invalid identifier or password"));
  }

  @Test
  public void connectWithoutFieldsIsRefusedLocally() {
    try {
      connector.connect(Map.of("identifier", ALICE));
      fail();
    } catch (IllegalArgumentException expected) {
      assertTrue(expected.getMessage().contains("appPassword"));
    }
    assertEquals(0, bluesky.requestCount());
  }

  @Test
  public void tooManyLoginsAreRateLimitedUntilTheReset() {
    for (int i = 0; i < BlueskySandbox.CREATE_SESSION_LIMIT; i++) {
      fails(() -> connector.connect(Map.of("identifier", BOB, "appPassword", "nope-nope")));
    }
    ConnectorException e =
        fails(() -> connector.connect(Map.of("identifier", BOB, "appPassword", "bob-password")));
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    assertEquals("RateLimitExceeded", e.networkCode());
    Duration wait = Duration.between(Instant.now(), e.retryAfter());
    assertTrue(
        wait.toString(),
        wait.compareTo(Duration.ofMinutes(4)) > 0 && wait.compareTo(Duration.ofMinutes(6)) < 0);
  }

  @Test
  public void theDailyLoginLimitIsAQuotaUntilItsReset() {
    Instant start = Instant.now();
    for (int i = 0; i < BlueskySandbox.CREATE_SESSION_DAILY_LIMIT; i++) {
      if (i > 0 && i % BlueskySandbox.CREATE_SESSION_LIMIT == 0) {
        bluesky.advanceClock(Duration.ofMinutes(BlueskySandbox.CREATE_SESSION_WINDOW_MINUTES));
      }
      fails(() -> connector.connect(Map.of("identifier", BOB, "appPassword", "nope-nope")));
    }
    bluesky.advanceClock(Duration.ofMinutes(BlueskySandbox.CREATE_SESSION_WINDOW_MINUTES));
    ConnectorException e =
        fails(() -> connector.connect(Map.of("identifier", BOB, "appPassword", "bob-password")));
    assertEquals(ErrorKind.QUOTA_EXHAUSTED, e.kind());
    assertFalse(e.isRetryableAt(start.plus(Duration.ofHours(1))));
    assertTrue(e.retryAfter().isAfter(start.plus(Duration.ofHours(23))));
  }

  @Test
  public void theSessionsPdsIsRecordedAndUsed() {
    URI pds = bluesky.pdsUrl("pds1.sandbox");
    bluesky.setPdsEndpoint(aliceDid, pds);
    ChannelContext channel = alice();
    assertEquals(pds.toString(), channel.setting("pdsUrl"));
    connector.publish(channel, PublishRequest.text("job-1", "via my PDS"));
    assertNull(calls("com.atproto.server.createSession").get(0).pds());
    assertEquals("pds1.sandbox", calls("com.atproto.repo.createRecord").get(0).pds());
  }

  @Test
  public void aPdsEndpointOnAnotherPlainHttpHostIsNotTrusted() {
    bluesky.setPdsEndpoint(aliceDid, URI.create("http://pds.evil.example:8080"));
    ConnectedAccount account = connectAlice();
    assertNull(account.settings().get("pdsUrl"));
    ChannelContext forged =
        new ChannelContext(
            "ws-1",
            "ch-1",
            aliceDid,
            account.credentials(),
            Map.of("pdsUrl", "http://pds.evil.example:8080"));
    connector.publish(forged, PublishRequest.text("job-1", "still to the service"));
    assertNull(calls("com.atproto.repo.createRecord").get(0).pds());
  }

  // ---- sessions ----

  @Test
  public void verifyCredentialsAsksGetSession() {
    ChannelContext channel = alice();
    ConnectedAccount verified = connector.verifyCredentials(channel);
    assertEquals(aliceDid, verified.accountId());
    assertEquals("@" + ALICE, verified.displayName());
    assertEquals(channel.credentials().accessToken(), verified.credentials().accessToken());
    assertEquals(1, calls("com.atproto.server.getSession").size());
  }

  @Test
  public void anAccessTokenPastItsExpiryIsExpiredWithoutACall() {
    ChannelContext channel = alice();
    clock.advance(Duration.ofMinutes(120));
    long before = bluesky.requestCount();
    ConnectorException e = fails(() -> connector.verifyCredentials(channel));
    assertEquals(ErrorKind.AUTH_EXPIRED, e.kind());
    assertEquals(before, bluesky.requestCount());
    e = fails(() -> connector.publish(channel, PublishRequest.text("job-1", "hi")));
    assertEquals(ErrorKind.AUTH_EXPIRED, e.kind());
    assertEquals(before, bluesky.requestCount());
  }

  @Test
  public void theServersExpiredTokenIsAuthExpiredAndRefreshMendsIt() {
    ChannelContext channel = alice();
    bluesky.advanceClock(Duration.ofMinutes(121)); // the PDS's clock runs ahead of ours
    ConnectorException e =
        fails(() -> connector.publish(channel, PublishRequest.text("job-1", "hi")));
    assertEquals(ErrorKind.AUTH_EXPIRED, e.kind());
    assertEquals("ExpiredToken", e.networkCode());
    assertTrue(alicePosts().isEmpty());

    Credentials fresh = connector.refreshCredentials(channel);
    secrets.add(fresh.accessToken());
    secrets.add(fresh.refreshToken());
    PublishResult result =
        connector.publish(channel.withCredentials(fresh), PublishRequest.text("job-1", "hi"));
    assertTrue(result.isPublished());
    assertEquals(1, alicePosts().size());
  }

  @Test
  public void refreshRotatesTheRefreshTokenAndTheOldOneLastsOnlyTheGracePeriod() {
    ChannelContext channel = alice();
    Credentials old = channel.credentials();
    bluesky.advanceClock(Duration.ofSeconds(1)); // a new iat: within one second the JWT is the same
    Credentials fresh = connector.refreshCredentials(channel);
    secrets.add(fresh.accessToken());
    secrets.add(fresh.refreshToken());
    assertNotEquals(old.accessToken(), fresh.accessToken());
    assertNotEquals(old.refreshToken(), fresh.refreshToken());
    assertTrue(fresh.accessExpiresAt().isAfter(clock.instant().plus(Duration.ofMinutes(119))));
    assertNotNull(fresh.refreshExpiresAt());
    assertEquals(aliceDid, fresh.attributes().get("did"));
    assertEquals(ALICE, fresh.attributes().get("handle"));
    XrpcCall refresh = calls("com.atproto.server.refreshSession").get(0);
    assertNull(refresh.body()); // no body: the refresh token travels as the bearer
    assertEquals(0, refresh.bodyBytes());

    // Another node still holding the old token within the grace period gets a session too.
    Credentials again = connector.refreshCredentials(channel);
    secrets.add(again.accessToken());
    secrets.add(again.refreshToken());
    bluesky.advanceClock(Duration.ofMinutes(BlueskySandbox.REFRESH_GRACE_MINUTES + 1));
    ConnectorException e = fails(() -> connector.refreshCredentials(channel));
    assertEquals(ErrorKind.AUTH_REVOKED, e.kind());
    assertEquals("ExpiredToken", e.networkCode());

    // The rotated token still works.
    Credentials next = connector.refreshCredentials(channel.withCredentials(fresh));
    secrets.add(next.accessToken());
    secrets.add(next.refreshToken());
    assertNotNull(next.accessToken());
  }

  @Test
  public void refreshAfterTheAppPasswordWasRevokedIsRevoked() {
    ChannelContext channel = alice();
    bluesky.revokeAppPassword(aliceDid);
    ConnectorException e = fails(() -> connector.refreshCredentials(channel));
    assertEquals(ErrorKind.AUTH_REVOKED, e.kind());
  }

  @Test
  public void refreshFailuresOfTheServerAreTransientAndKeepTheTokens() {
    ChannelContext channel = alice();
    bluesky.inject(aliceDid, Fault.serverError(503), 1);
    assertEquals(ErrorKind.TRANSIENT, fails(() -> connector.refreshCredentials(channel)).kind());
    bluesky.inject(aliceDid, Fault.acceptThenDrop(), 1);
    assertEquals(ErrorKind.TRANSIENT, fails(() -> connector.refreshCredentials(channel)).kind());
    // The dropped refresh did rotate; the old token is still good during the grace period.
    Credentials fresh = connector.refreshCredentials(channel);
    secrets.add(fresh.accessToken());
    secrets.add(fresh.refreshToken());
  }

  @Test
  public void refreshWithoutARefreshTokenIsRevoked() {
    ChannelContext channel =
        new ChannelContext("ws-1", "ch-1", aliceDid, Credentials.ofToken("eyJx.eyJy.z"), Map.of());
    assertEquals(ErrorKind.AUTH_REVOKED, fails(() -> connector.refreshCredentials(channel)).kind());
  }

  // ---- publishing ----

  @Test
  public void publishCreatesAPostUnderTheKeysRecordKey() {
    ChannelContext channel = alice();
    PublishRequest request =
        PublishRequest.builder("job-1")
            .text("Hello Bluesky")
            .options(Map.of("langs", "en, zh-Hans"))
            .build();
    PublishResult result = connector.publish(channel, request);

    String rkey = RecordKeys.tid("job-1", 0);
    assertEquals("at://" + aliceDid + "/app.bsky.feed.post/" + rkey, result.platformPostId());
    assertEquals(URI.create("https://bsky.app/profile/" + ALICE + "/post/" + rkey), result.url());
    assertEquals(clock.instant().toEpochMilli(), result.publishedAt().toEpochMilli());
    BlueskyRecord post = alicePosts().get(0);
    assertEquals(result.platformPostId(), post.uri());
    JsonNode value = post.value();
    assertEquals("Hello Bluesky", value.get("text").asText());
    assertEquals("app.bsky.feed.post", value.get("$type").asText());
    assertEquals("[\"en\",\"zh-Hans\"]", value.get("langs").toString());
    assertTrue(Lexicons.hasFormat("datetime", value.get("createdAt").asText()));
    assertFalse(value.has("facets"));
    assertFalse(value.has("embed"));
  }

  @Test
  public void facetsUseUtf8ByteOffsetsInChineseAndEmojiText() throws IOException {
    ChannelContext channel = alice();
    String text =
        "你好👋🏽 @"
            + BOB
            + " 看看https://example.com/a?b=1。 #话题 👨‍👩‍👧 #tag2! 邮件 x@"
            + BOB
            + " 和 @nobody.bsky.social";
    connector.publish(channel, PublishRequest.text("job-1", text));

    JsonNode value = alicePosts().get(0).value();
    assertEquals(text, value.get("text").asText());
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<String> slices = new ArrayList<>();
    List<String> features = new ArrayList<>();
    for (JsonNode facet : value.get("facets")) {
      int start = facet.get("index").get("byteStart").asInt();
      int end = facet.get("index").get("byteEnd").asInt();
      slices.add(new String(Arrays.copyOfRange(bytes, start, end), StandardCharsets.UTF_8));
      JsonNode feature = facet.get("features").get(0);
      features.add(
          feature.get("$type").asText()
              + " "
              + feature
                  .path("did")
                  .asText(feature.path("uri").asText(feature.path("tag").asText())));
    }
    assertEquals(List.of("@" + BOB, "https://example.com/a?b=1", "#话题", "#tag2"), slices);
    assertEquals(
        List.of(
            "app.bsky.richtext.facet#mention " + bobDid,
            "app.bsky.richtext.facet#link https://example.com/a?b=1",
            "app.bsky.richtext.facet#tag 话题",
            "app.bsky.richtext.facet#tag tag2"),
        features);
    // The byte offsets are not the UTF-16 offsets Java's indexOf gives.
    int mentionStart = value.get("facets").get(0).get("index").get("byteStart").asInt();
    assertEquals("你好👋🏽 ".getBytes(StandardCharsets.UTF_8).length, mentionStart);
    assertNotEquals(text.indexOf("@" + BOB), mentionStart);
    // Only the handles that looked resolvable were asked.
    assertEquals(2, calls("com.atproto.identity.resolveHandle").size());
  }

  @Test
  public void textOverThreeHundredGraphemesIsRefusedBeforeSending() {
    ChannelContext channel = alice();
    long before = bluesky.requestCount();
    ConnectorException e =
        fails(() -> connector.publish(channel, PublishRequest.text("job-1", "字".repeat(301))));
    assertEquals(ErrorKind.CONTENT_REJECTED, e.kind());
    assertEquals("TEXT_TOO_LONG", e.networkCode());
    assertEquals(before, bluesky.requestCount());
    connector.publish(channel, PublishRequest.text("job-2", "字".repeat(300)));
    assertEquals(1, alicePosts().size());
  }

  @Test
  public void textOverThreeThousandBytesIsRefusedEvenUnderThreeHundredGraphemes() {
    ChannelContext channel = alice();
    String family = "👨‍👩‍👧‍👦"; // one grapheme, 25 bytes
    String text = family.repeat(121);
    assertEquals(121, org.socialweave.connector.support.TextCounter.graphemes(text));
    long before = bluesky.requestCount();
    ConnectorException e =
        fails(() -> connector.publish(channel, PublishRequest.text("job-1", text)));
    assertEquals(ErrorKind.CONTENT_REJECTED, e.kind());
    assertTrue(e.networkMessage(), e.networkMessage().contains("3025 UTF-8 bytes"));
    assertEquals(before, bluesky.requestCount());
    connector.publish(channel, PublishRequest.text("job-2", family.repeat(120)));
    assertEquals(1, alicePosts().size());
  }

  @Test
  public void imagesAreUploadedAsBlobsAndEmbeddedWithAltText() {
    ChannelContext channel = alice();
    PublishRequest request =
        PublishRequest.builder("job-1")
            .text("两张图 📷")
            .media(png("m1", 2048, "第一张"))
            .media(png("m2", 4096, null))
            .build();
    connector.publish(channel, request);

    JsonNode embed = alicePosts().get(0).value().get("embed");
    assertEquals("app.bsky.embed.images", embed.get("$type").asText());
    assertEquals(2, embed.get("images").size());
    JsonNode first = embed.get("images").get(0);
    assertEquals("第一张", first.get("alt").asText());
    assertEquals("", embed.get("images").get(1).get("alt").asText());
    assertEquals("blob", first.get("image").get("$type").asText());
    assertEquals("image/png", first.get("image").get("mimeType").asText());
    assertEquals(2048, first.get("image").get("size").asInt());
    assertTrue(first.get("image").get("ref").get("$link").asText().startsWith("bafkrei"));
    assertEquals(1200, first.get("aspectRatio").get("width").asInt());
    List<XrpcCall> uploads = calls("com.atproto.repo.uploadBlob");
    assertEquals(2, uploads.size());
    assertEquals("image/png", uploads.get(0).contentType());
    assertEquals(2048, uploads.get(0).bodyBytes());
  }

  @Test
  public void tooLargeOrTooManyImagesAreRefusedBeforeSending() {
    ChannelContext channel = alice();
    long before = bluesky.requestCount();
    ConnectorException e =
        fails(
            () ->
                connector.publish(
                    channel,
                    PublishRequest.builder("job-1")
                        .text("big")
                        .media(png("m1", 1_000_001, null))
                        .build()));
    assertEquals(ErrorKind.MEDIA_REJECTED, e.kind());
    PublishRequest.Builder five = PublishRequest.builder("job-2").text("five");
    for (int i = 0; i < 5; i++) {
      five.media(png("m" + i, 100, null));
    }
    assertEquals(
        ErrorKind.MEDIA_REJECTED, fails(() -> connector.publish(channel, five.build())).kind());
    assertEquals(before, bluesky.requestCount());
  }

  @Test
  public void theMediaSizeIsCheckedOnTheBytesNotOnlyTheDeclaredSize() {
    ChannelContext channel = alice();
    byte[] big = new byte[1_000_001];
    MediaRef liar = MediaRef.of("m1", "image/jpeg", 10, () -> new ByteArrayInputStream(big));
    ConnectorException e =
        fails(
            () ->
                connector.publish(
                    channel, PublishRequest.builder("job-1").text("x").media(liar).build()));
    assertEquals(ErrorKind.MEDIA_REJECTED, e.kind());
    assertTrue(calls("com.atproto.repo.uploadBlob").isEmpty());
  }

  @Test
  public void aLinkBecomesACard() {
    ChannelContext channel = alice();
    PublishRequest request =
        PublishRequest.builder("job-1")
            .text("读这篇")
            .link(URI.create("https://example.com/article"))
            .title("An article")
            .options(Map.of("linkDescription", "What it says"))
            .build();
    connector.publish(channel, request);
    JsonNode value = alicePosts().get(0).value();
    assertEquals("读这篇", value.get("text").asText());
    JsonNode external = value.get("embed").get("external");
    assertEquals("app.bsky.embed.external", value.get("embed").get("$type").asText());
    assertEquals("https://example.com/article", external.get("uri").asText());
    assertEquals("An article", external.get("title").asText());
    assertEquals("What it says", external.get("description").asText());
  }

  @Test
  public void aLinkWithImagesGoesIntoTheTextWithAFacet() {
    ChannelContext channel = alice();
    PublishRequest request =
        PublishRequest.builder("job-1")
            .text("看图")
            .media(png("m1", 100, "x"))
            .link(URI.create("https://example.com/a"))
            .build();
    connector.publish(channel, request);
    JsonNode value = alicePosts().get(0).value();
    assertEquals("看图\n\nhttps://example.com/a", value.get("text").asText());
    assertEquals("app.bsky.embed.images", value.get("embed").get("$type").asText());
    JsonNode facet = value.get("facets").get(0);
    assertEquals(
        "看图\n\n".getBytes(StandardCharsets.UTF_8).length,
        facet.get("index").get("byteStart").asInt());
  }

  @Test
  public void aThreadRepliesPartByPartToTheHead() {
    ChannelContext channel = alice();
    PublishRequest request =
        PublishRequest.builder("job-1")
            .text("1/3")
            .threadPart(new PublishRequest.Part("2/3", List.of()))
            .threadPart(new PublishRequest.Part("3/3", List.of(png("m1", 100, "pic"))))
            .build();
    PublishResult result = connector.publish(channel, request);
    List<BlueskyRecord> posts = alicePosts();
    assertEquals(3, posts.size());
    assertEquals(result.platformPostId(), posts.get(0).uri());
    for (int i = 0; i < 3; i++) {
      assertEquals(RecordKeys.tid("job-1", i), posts.get(i).rkey());
    }
    JsonNode second = posts.get(1).value().get("reply");
    assertEquals(posts.get(0).uri(), second.get("root").get("uri").asText());
    assertEquals(posts.get(0).cid(), second.get("root").get("cid").asText());
    assertEquals(posts.get(0).uri(), second.get("parent").get("uri").asText());
    JsonNode third = posts.get(2).value().get("reply");
    assertEquals(posts.get(0).uri(), third.get("root").get("uri").asText());
    assertEquals(posts.get(1).uri(), third.get("parent").get("uri").asText());
    assertEquals(posts.get(1).cid(), third.get("parent").get("cid").asText());
    assertEquals("app.bsky.embed.images", posts.get(2).value().get("embed").get("$type").asText());
  }

  @Test
  public void aReplyToAnotherAccountsPostNamesItsRootAndParent() {
    ChannelContext channel = alice();
    String bobsRoot = bluesky.post(bobDid, "root", null);
    String bobsReply = bluesky.post(bobDid, "reply", bobsRoot);
    PublishRequest request =
        PublishRequest.builder("job-1").text("我来回答").inReplyTo(bobsReply).build();
    connector.publish(channel, request);
    JsonNode reply = alicePosts().get(0).value().get("reply");
    assertEquals(bobsRoot, reply.get("root").get("uri").asText());
    assertEquals(bobsReply, reply.get("parent").get("uri").asText());
  }

  // ---- idempotency ----

  @Test
  public void publishingAgainWithTheSameKeyFindsThePostInsteadOfDuplicatingIt() {
    ChannelContext channel = alice();
    PublishResult first = connector.publish(channel, PublishRequest.text("job-1", "once"));
    clock.advance(Duration.ofMinutes(1));
    PublishResult second = connector.publish(channel, PublishRequest.text("job-1", "once"));
    assertEquals(first.platformPostId(), second.platformPostId());
    assertEquals(first.publishedAt(), second.publishedAt());
    assertEquals(1, alicePosts().size());
    assertEquals(500, calls("com.atproto.repo.createRecord").get(1).status());
  }

  @Test
  public void aServerThatSaysTheKeyExistsIsReconciledToo() {
    ChannelContext channel = alice();
    PublishResult first = connector.publish(channel, PublishRequest.text("job-1", "once"));
    bluesky.inject(aliceDid, Fault.error(409, "RecordExists: Record already exists"), 1);
    assertEquals(
        first.platformPostId(),
        connector.publish(channel, PublishRequest.text("job-1", "once")).platformPostId());
    bluesky.inject(aliceDid, Fault.error(400, "InvalidRequest: record already exists"), 1);
    assertEquals(
        first.platformPostId(),
        connector.publish(channel, PublishRequest.text("job-1", "once")).platformPostId());
    // Without a record at the key, the refusal stands.
    bluesky.inject(aliceDid, Fault.error(409, "RecordExists: Record already exists"), 1);
    assertEquals(
        ErrorKind.PERMANENT,
        fails(() -> connector.publish(channel, PublishRequest.text("job-2", "x"))).kind());
    assertEquals(1, alicePosts().size());
  }

  @Test
  public void aDroppedAnswerIsUnknownUntilTheKeySettlesIt() {
    ChannelContext channel = alice();
    bluesky.inject(aliceDid, Fault.acceptThenDrop(), 1);
    ConnectorException e =
        fails(() -> connector.publish(channel, PublishRequest.text("job-1", "dropped")));
    assertEquals(ErrorKind.OUTCOME_UNKNOWN, e.kind());
    assertEquals(1, alicePosts().size());
    String uri = alicePosts().get(0).uri();
    PostLookup lookup = connector.fetchPost(channel, PostQuery.byAttempt("job-1", "dropped", null));
    assertEquals(PostLookup.Outcome.FOUND, lookup.outcome());
    assertEquals(uri, lookup.platformPostId());
    // The same key again: the PDS refuses the taken key, the connector finds the post there.
    assertEquals(
        uri, connector.publish(channel, PublishRequest.text("job-1", "dropped")).platformPostId());
    assertEquals(1, alicePosts().size());
  }

  @Test
  public void aLateAnswerIsUnknownAndTheRetryFindsThePost() {
    ChannelContext channel = alice();
    bluesky.inject(aliceDid, Fault.delay(REQUEST_TIMEOUT.plusMillis(800)), 1);
    ConnectorException e =
        fails(() -> connector.publish(channel, PublishRequest.text("job-1", "slow")));
    assertEquals(ErrorKind.OUTCOME_UNKNOWN, e.kind());
    PublishResult result = connector.publish(channel, PublishRequest.text("job-1", "slow"));
    assertEquals(1, alicePosts().size());
    assertEquals(alicePosts().get(0).uri(), result.platformPostId());
  }

  @Test
  public void aServerErrorThatCreatedNothingIsTransientAndTheRetryCreatesOnce() {
    ChannelContext channel = alice();
    bluesky.inject(aliceDid, Fault.serverError(500), 1);
    ConnectorException e =
        fails(() -> connector.publish(channel, PublishRequest.text("job-1", "retry me")));
    assertEquals(ErrorKind.TRANSIENT, e.kind());
    assertTrue(alicePosts().isEmpty());
    connector.publish(channel, PublishRequest.text("job-1", "retry me"));
    connector.publish(channel, PublishRequest.text("job-1", "retry me"));
    assertEquals(1, alicePosts().size());
  }

  @Test
  public void aThreadThatFailedHalfWayIsCompletedByTheRetry() {
    ChannelContext channel = alice();
    PublishRequest thread =
        PublishRequest.builder("job-1")
            .text("head")
            .threadPart(new PublishRequest.Part("tail", List.of()))
            .build();
    bluesky.inject(aliceDid, Fault.delay(Duration.ZERO), 1); // the head goes through
    bluesky.inject(aliceDid, Fault.serverError(502), 1); // the tail does not
    assertEquals(ErrorKind.TRANSIENT, fails(() -> connector.publish(channel, thread)).kind());
    assertEquals(1, alicePosts().size());
    PublishResult result = connector.publish(channel, thread);
    List<BlueskyRecord> posts = alicePosts();
    assertEquals(2, posts.size());
    assertEquals(posts.get(0).uri(), result.platformPostId());
    assertEquals(
        posts.get(0).uri(), posts.get(1).value().get("reply").get("parent").get("uri").asText());
  }

  @Test
  public void fetchPostFindsAnAttemptByItsKeyAlone() {
    ChannelContext channel = alice();
    assertEquals(
        PostLookup.Outcome.NOT_FOUND,
        connector.fetchPost(channel, PostQuery.byAttempt("job-1", "x", null)).outcome());
    PublishResult result = connector.publish(channel, PublishRequest.text("job-1", "x"));
    PostLookup byKey = connector.fetchPost(channel, PostQuery.byAttempt("job-1", "x", null));
    assertEquals(PostLookup.Outcome.FOUND, byKey.outcome());
    assertEquals(result.platformPostId(), byKey.platformPostId());
    assertEquals(result.url(), byKey.url());
    assertEquals(result.publishedAt(), byKey.publishedAt());
    PostLookup byId = connector.fetchPost(channel, PostQuery.byId(result.platformPostId()));
    assertEquals(PostLookup.Outcome.FOUND, byId.outcome());
  }

  @Test
  public void fetchPostNeedsNoValidSession() {
    ChannelContext channel = alice();
    PublishResult result = connector.publish(channel, PublishRequest.text("job-1", "x"));
    clock.advance(Duration.ofHours(3));
    assertEquals(
        PostLookup.Outcome.FOUND,
        connector.fetchPost(channel, PostQuery.byId(result.platformPostId())).outcome());
  }

  // ---- errors ----

  @Test
  public void rateLimitsCarryTheResetFromTheHeaders() {
    ChannelContext channel = alice();
    bluesky.inject(aliceDid, Fault.rateLimited(120), 1);
    ConnectorException e =
        fails(() -> connector.publish(channel, PublishRequest.text("job-1", "x")));
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    assertEquals("RateLimitExceeded", e.networkCode());
    Duration wait = Duration.between(Instant.now(), e.retryAfter());
    assertTrue(wait.toString(), wait.toSeconds() > 100 && wait.toSeconds() <= 121);
    assertTrue(alicePosts().isEmpty());
  }

  @Test
  public void aGatewayPageIsTransient() {
    ChannelContext channel = alice();
    bluesky.inject(aliceDid, Fault.serverError(502), 1);
    ConnectorException e = fails(() -> connector.verifyCredentials(channel));
    assertEquals(ErrorKind.TRANSIENT, e.kind());
    assertEquals("502", e.networkCode());
  }

  @Test
  public void anInvalidRecordIsContentRejected() {
    ChannelContext channel = alice();
    bluesky.inject(
        aliceDid,
        Fault.error(
            400,
            "InvalidRequest: Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes"),
        1);
    ConnectorException e =
        fails(() -> connector.publish(channel, PublishRequest.text("job-1", "x")));
    assertEquals(ErrorKind.CONTENT_REJECTED, e.kind());
    assertEquals("InvalidRequest", e.networkCode());
    assertTrue(e.networkMessage().contains("300 graphemes"));
  }

  @Test
  public void anAnswerEchoingTokensIsRedacted() {
    ChannelContext channel = alice();
    String token = channel.credentials().accessToken();
    bluesky.inject(
        aliceDid,
        Fault.raw(
            400, "{\"error\":\"Weird\",\"message\":\"Bearer " + token + " and " + token + "\"}"),
        1);
    ConnectorException e = fails(() -> connector.verifyCredentials(channel));
    assertEquals(ErrorKind.PERMANENT, e.kind());
    assertTrue(e.rawResponse().contains("<redacted>"));
  }

  @Test
  public void aMalformedAnswerToARead() {
    ChannelContext channel = alice();
    bluesky.inject(aliceDid, Fault.raw(200, "<html>"), 1);
    assertEquals(ErrorKind.TRANSIENT, fails(() -> connector.verifyCredentials(channel)).kind());
  }

  @Test
  public void aMalformedSuccessToACreateIsUnknownAndTheRetryIsSafe() {
    ChannelContext channel = alice();
    bluesky.inject(aliceDid, Fault.raw(200, "not json"), 1);
    ConnectorException e =
        fails(() -> connector.publish(channel, PublishRequest.text("job-1", "x")));
    assertEquals(ErrorKind.OUTCOME_UNKNOWN, e.kind());
    assertEquals("not json", e.rawResponse());
    // Nothing was stored by the RAW fault: the key is free, the retry creates the post once.
    assertEquals(
        PostLookup.Outcome.NOT_FOUND,
        connector.fetchPost(channel, PostQuery.byAttempt("job-1", "x", null)).outcome());
    connector.publish(channel, PublishRequest.text("job-1", "x"));
    connector.publish(channel, PublishRequest.text("job-1", "x"));
    assertEquals(1, alicePosts().size());
  }

  @Test
  public void aTakenDownAccountIsRevoked() {
    ChannelContext channel = alice();
    bluesky.inject(aliceDid, Fault.error(401, "AccountTakedown: Account has been taken down"), 1);
    ConnectorException e =
        fails(() -> connector.publish(channel, PublishRequest.text("job-1", "x")));
    assertEquals(ErrorKind.AUTH_REVOKED, e.kind());
    assertEquals("AccountTakedown", e.networkCode());
  }

  @Test
  public void videoIsNotSupported() {
    ChannelContext channel = alice();
    MediaRef video =
        MediaRef.of("v1", "video/mp4", 100, () -> new ByteArrayInputStream(new byte[100]));
    try {
      connector.publish(channel, PublishRequest.builder("job-1").text("x").media(video).build());
      fail();
    } catch (UnsupportedOperationException expected) {
      assertTrue(expected.getMessage().contains("PUBLISH_VIDEO"));
    }
  }

  // ---- delete, metrics, comments, replies ----

  @Test
  public void deleteIsIdempotent() {
    ChannelContext channel = alice();
    PublishResult result = connector.publish(channel, PublishRequest.text("job-1", "bye"));
    connector.delete(channel, result.platformPostId());
    connector.delete(channel, result.platformPostId());
    assertTrue(alicePosts().isEmpty());
    assertEquals(
        PostLookup.Outcome.NOT_FOUND,
        connector.fetchPost(channel, PostQuery.byId(result.platformPostId())).outcome());
  }

  @Test
  public void deletingAnotherAccountsPostIsRefusedLocally() {
    ChannelContext channel = alice();
    String bobs = bluesky.post(bobDid, "mine", null);
    assertEquals(
        ErrorKind.PERMANENT,
        fails(
                () -> {
                  connector.delete(channel, bobs);
                  return null;
                })
            .kind());
    assertEquals(
        ErrorKind.PERMANENT,
        fails(
                () -> {
                  connector.delete(channel, "https://bsky.app/profile/x/post/y");
                  return null;
                })
            .kind());
  }

  @Test
  public void metricsOfAPostAndOfTheAccount() {
    ChannelContext channel = alice();
    PublishResult result = connector.publish(channel, PublishRequest.text("job-1", "count me"));
    bluesky.setCounts(result.platformPostId(), 7, 3, 1);
    bluesky.post(bobDid, "nice", result.platformPostId());
    Map<String, List<MetricPoint>> metrics =
        connector.fetchMetrics(channel, result.platformPostId());
    assertEquals(7.0, metrics.get(MetricNames.LIKES).get(0).value(), 0);
    assertEquals(3.0, metrics.get(MetricNames.REPOSTS).get(0).value(), 0);
    assertEquals(1.0, metrics.get(MetricNames.QUOTES).get(0).value(), 0);
    assertEquals(1.0, metrics.get(MetricNames.REPLIES).get(0).value(), 0);
    assertEquals(clock.instant(), metrics.get(MetricNames.LIKES).get(0).at());
    XrpcCall getPosts = calls("app.bsky.feed.getPosts").get(0);
    assertEquals(List.of(result.platformPostId()), getPosts.params().get("uris"));

    bluesky.setFollowers(aliceDid, 42);
    Map<String, List<MetricPoint>> account = connector.fetchMetrics(channel, null);
    assertEquals(42.0, account.get(MetricNames.FOLLOWERS).get(0).value(), 0);
    assertEquals(1.0, account.get("bluesky.posts").get(0).value(), 0);
  }

  @Test
  public void commentsAreTheThreadsRepliesNewestFirstWithoutOurOwn() {
    ChannelContext channel = alice();
    PublishResult post = connector.publish(channel, PublishRequest.text("job-1", "ask me"));
    String first = bluesky.post(bobDid, "问题一", post.platformPostId());
    bluesky.advanceClock(Duration.ofSeconds(1));
    String own = bluesky.post(aliceDid, "answer", first);
    bluesky.advanceClock(Duration.ofSeconds(1));
    String nested = bluesky.post(bobDid, "follow-up", own);

    Page<Interaction> page =
        connector.fetchComments(
            channel, new InteractionQuery(post.platformPostId(), null, null, 1));
    assertEquals(1, page.items().size());
    Interaction newest = page.items().get(0);
    assertEquals(nested, newest.platformId());
    assertEquals(Interaction.Kind.COMMENT, newest.kind());
    assertEquals(post.platformPostId(), newest.platformPostId());
    assertEquals(own, newest.inReplyToId());
    assertEquals(bobDid, newest.author().platformId());
    assertEquals(BOB, newest.author().handle());
    assertEquals("follow-up", newest.text());
    assertNotNull(page.nextCursor());

    Page<Interaction> next =
        connector.fetchComments(
            channel, new InteractionQuery(post.platformPostId(), null, page.nextCursor(), 10));
    assertEquals(List.of(first), next.items().stream().map(Interaction::platformId).toList());
    assertEquals("问题一", next.items().get(0).text());
    assertNull(next.nextCursor());
  }

  @Test
  public void aReplyToACommentIsIdempotentAndThreaded() {
    ChannelContext channel = alice();
    PublishResult post = connector.publish(channel, PublishRequest.text("job-1", "ask me"));
    String comment = bluesky.post(bobDid, "你好?", post.platformPostId());
    Interaction target =
        connector
            .fetchComments(channel, new InteractionQuery(post.platformPostId(), null, null, 10))
            .items()
            .get(0);
    assertEquals(comment, target.platformId());

    PublishResult answer =
        connector.reply(channel, new ReplyRequest(target, "你好 @" + BOB + "!", "reply-1"));
    PublishResult again =
        connector.reply(channel, new ReplyRequest(target, "你好 @" + BOB + "!", "reply-1"));
    assertEquals(answer.platformPostId(), again.platformPostId());
    List<BlueskyRecord> posts = alicePosts();
    assertEquals(2, posts.size());
    JsonNode reply = posts.get(1).value().get("reply");
    assertEquals(post.platformPostId(), reply.get("root").get("uri").asText());
    assertEquals(comment, reply.get("parent").get("uri").asText());
    assertEquals(
        bobDid,
        posts.get(1).value().get("facets").get(0).get("features").get(0).get("did").asText());
  }

  @Test
  public void commentsNeedAPost() {
    ChannelContext channel = alice();
    assertEquals(
        ErrorKind.PERMANENT,
        fails(() -> connector.fetchComments(channel, InteractionQuery.first(10))).kind());
  }
}
