package org.socialweave.api.connector;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.socialweave.api.error.ValidationException;

public class PublishContractTest {

  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  private static MediaRef image() {
    return MediaRef.of("m1", "IMAGE/JPEG", 1234, () -> new ByteArrayInputStream(new byte[1234]));
  }

  private static MediaRef video() {
    return new MediaRef(
        "m2",
        "video/mp4",
        10_000,
        1280,
        720,
        Duration.ofSeconds(12),
        "a clip",
        () -> new ByteArrayInputStream(new byte[0]));
  }

  @Test
  public void textPostNeedsOnlyText() throws Exception {
    PublishRequest r = PublishRequest.text("job-1", "你好 world");
    assertEquals(EnumSet.of(Operation.PUBLISH_TEXT), r.requiredOperations());
    assertEquals(List.of(), r.media());
    assertNull(r.link());
    assertEquals("image/jpeg", image().mimeType());
    assertEquals(1234, image().content().open().readAllBytes().length);
  }

  @Test
  public void requiredOperationsFollowTheContent() {
    PublishRequest r =
        PublishRequest.builder("job-2")
            .text("head")
            .media(image())
            .link(URI.create("https://example.com/a"))
            .threadPart(new PublishRequest.Part("second", List.of(video())))
            .build();
    assertEquals(
        EnumSet.of(
            Operation.PUBLISH_TEXT,
            Operation.PUBLISH_IMAGE,
            Operation.PUBLISH_VIDEO,
            Operation.PUBLISH_LINK,
            Operation.PUBLISH_THREAD),
        r.requiredOperations());
    assertEquals(
        EnumSet.of(Operation.PUBLISH_IMAGE),
        PublishRequest.builder("job-3").media(image()).build().requiredOperations());
  }

  @Test
  public void badPublishInputIsAValidationErrorNamingTheField() {
    assertField("idempotencyKey", () -> PublishRequest.text(null, "x"));
    assertField("idempotencyKey", () -> PublishRequest.text(" ", "x"));
    assertField(
        "idempotencyKey",
        () -> PublishRequest.text("k".repeat(PublishRequest.MAX_IDEMPOTENCY_KEY_LENGTH + 1), "x"));
    assertField("text", () -> PublishRequest.text("k", "  "));
    assertField(
        "link", () -> PublishRequest.builder("k").link(URI.create("ftp://example.com")).build());
    assertField("link", () -> PublishRequest.builder("k").link(URI.create("/relative")).build());
    assertField(
        "threadParts",
        () ->
            PublishRequest.builder("k")
                .text("a")
                .threadPart(new PublishRequest.Part("", null))
                .build());
    assertField("inReplyTo", () -> PublishRequest.builder("k").text("a").inReplyTo(" ").build());
    assertField(
        "media.mimeType", () -> MediaRef.of("m", "jpeg", 1, ByteArrayInputStream::nullInputStream));
    assertField(
        "media.sizeBytes",
        () -> MediaRef.of("m", "image/png", 0, ByteArrayInputStream::nullInputStream));
    assertField(
        "media.id", () -> MediaRef.of(" ", "image/png", 1, ByteArrayInputStream::nullInputStream));
    assertField("media.content", () -> MediaRef.of("m", "image/png", 1, null));
    assertField(
        "media.dimensions",
        () ->
            new MediaRef(
                "m", "image/png", 1, 0, 10, null, null, ByteArrayInputStream::nullInputStream));
    assertField(
        "media.duration",
        () ->
            new MediaRef(
                "m",
                "video/mp4",
                1,
                null,
                null,
                Duration.ofSeconds(-1),
                null,
                ByteArrayInputStream::nullInputStream));
    assertField("text", () -> new ReplyRequest(interaction(), " ", "k"));
    assertField("idempotencyKey", () -> new ReplyRequest(interaction(), "thanks", null));
    assertField("target", () -> new ReplyRequest(null, "thanks", "k"));
  }

  @Test
  public void publishResultInvariants() {
    PublishResult done = PublishResult.published("123", URI.create("https://x.com/i/123"), NOW);
    assertTrue(done.isPublished());
    PublishResult pending = PublishResult.pending("100000001");
    assertFalse(pending.isPublished());
    assertNull(pending.platformPostId());
    assertThrows(IllegalArgumentException.class, () -> PublishResult.published(null, null, NOW));
    assertThrows(IllegalArgumentException.class, () -> PublishResult.published("1", null, null));
    assertThrows(IllegalArgumentException.class, () -> PublishResult.pending(" "));
    assertThrows(
        IllegalArgumentException.class,
        () -> new PublishResult(PublishResult.Status.PUBLISHED, "1", null, NOW, "job"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new PublishResult(PublishResult.Status.PENDING, null, null, NOW, "job"));
    assertThrows(
        IllegalArgumentException.class, () -> new PublishResult(null, "1", null, NOW, null));
  }

  @Test
  public void reconciliationTypes() {
    assertThrows(IllegalArgumentException.class, () -> new PostQuery(null, " ", "t", NOW));
    assertEquals("k", PostQuery.byAttempt("k", "text", NOW).idempotencyKey());
    assertEquals("1", PostQuery.byId("1").platformPostId());
    assertEquals(PostLookup.Outcome.FOUND, PostLookup.found("1", null, NOW).outcome());
    assertEquals(PostLookup.Outcome.NOT_FOUND, PostLookup.notFound().outcome());
    assertEquals("cannot read back", PostLookup.unknown("cannot read back").detail());
    assertThrows(IllegalArgumentException.class, () -> PostLookup.found(null, null, NOW));
    assertThrows(
        IllegalArgumentException.class, () -> new PostLookup(null, null, null, null, null));
  }

  @Test
  public void interactionsAndMetrics() {
    Interaction i = interaction();
    assertEquals(
        "",
        new Interaction(Interaction.Kind.DM, "d1", null, null, null, i.author(), null, NOW).text());
    assertThrows(
        IllegalArgumentException.class,
        () -> new Interaction(null, "c1", null, null, null, i.author(), "x", NOW));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Interaction(Interaction.Kind.COMMENT, " ", null, null, null, i.author(), "x", NOW));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Interaction(
                Interaction.Kind.COMMENT, "c1", null, null, null, i.author(), "x", null));
    assertThrows(IllegalArgumentException.class, () -> new Interaction.Author(null, "h", "H"));

    assertThrows(IllegalArgumentException.class, () -> InteractionQuery.first(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> InteractionQuery.first(InteractionQuery.MAX_LIMIT + 1));
    assertNull(new InteractionQuery(null, null, "", 10).cursor());

    assertThrows(IllegalArgumentException.class, () -> new MetricPoint(null, 1));
    assertThrows(IllegalArgumentException.class, () -> new MetricPoint(NOW, Double.NaN));
    assertThrows(
        IllegalArgumentException.class, () -> new MetricPoint(NOW, Double.POSITIVE_INFINITY));
    assertEquals(5.0, new MetricPoint(NOW, 5).value(), 0.0);
  }

  @Test
  public void webhookRequestKeepsRawBytesAndIgnoresHeaderCase() {
    byte[] body = "{\"update_id\":1}".getBytes(StandardCharsets.UTF_8);
    WebhookRequest r =
        WebhookRequest.of(
            Map.of("X-Telegram-Bot-Api-Secret-Token", "s3cret"),
            body,
            Map.of("timestamp", "1732456789"),
            NOW);
    body[0] = 'X';
    assertEquals('{', r.body()[0]);
    r.body()[0] = 'Y';
    assertEquals('{', r.body()[0]);
    assertEquals("s3cret", r.header("x-telegram-bot-api-secret-token"));
    assertEquals("1732456789", r.queryParameter("timestamp"));
    assertNull(r.queryParameter("TIMESTAMP"));
    assertNull(r.header("missing"));
    assertFalse("header values are not printed", r.toString().contains("s3cret"));
    assertEquals(0, new WebhookRequest(null, null, null, NOW).body().length);
    assertThrows(IllegalArgumentException.class, () -> new WebhookRequest(null, null, null, null));
  }

  @Test
  public void webhookVerdicts() {
    byte[] payload = "<xml/>".getBytes(StandardCharsets.UTF_8);
    WebhookVerdict ok = WebhookVerdict.accepted(payload, "msg-1", "success");
    payload[0] = 'X';
    assertArrayEquals("<xml/>".getBytes(StandardCharsets.UTF_8), ok.payload());
    assertFalse(ok.isRefused());
    assertFalse(WebhookVerdict.challenge("echo", "text/plain").isRefused());
    assertTrue(WebhookVerdict.forged("bad signature").isRefused());
    assertTrue(WebhookVerdict.replayed("timestamp 10 min old").isRefused());
    assertTrue(WebhookVerdict.malformed("no body").isRefused());
    assertThrows(IllegalArgumentException.class, () -> WebhookVerdict.accepted(null, null, null));
    assertThrows(IllegalArgumentException.class, () -> WebhookVerdict.forged(" "));
    assertThrows(IllegalArgumentException.class, () -> WebhookVerdict.challenge(null, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new WebhookVerdict(WebhookVerdict.Outcome.FORGED, payload, null, null, null, "bad"));
  }

  @Test
  public void undeclaredOperationsAreUnsupported() {
    PlatformConnector minimal =
        new PlatformConnector() {
          @Override
          public NetworkDescriptor descriptor() {
            return NetworkDescriptorTest.bluesky();
          }

          @Override
          public PublishResult publish(ChannelContext channel, PublishRequest request) {
            return PublishResult.published("1", null, NOW);
          }

          @Override
          public PostLookup fetchPost(ChannelContext channel, PostQuery query) {
            return PostLookup.unknown("test");
          }

          @Override
          public ConnectFlow connectFlow() {
            return ConnectFlow.redirect(ConnectMethod.OAUTH2_PKCE);
          }

          @Override
          public ConnectedAccount verifyCredentials(ChannelContext channel) {
            return new ConnectedAccount("a", "A", channel.credentials(), null);
          }
        };
    ChannelContext ctx = new ChannelContext("w", "c", "a", Credentials.ofToken("t"), null);
    assertEquals("socialweave.platform", PlatformConnector.NETWORK_PROPERTY);
    UnsupportedOperationException e =
        assertThrows(UnsupportedOperationException.class, () -> minimal.refreshCredentials(ctx));
    assertTrue(e.getMessage().contains("bluesky"));
    assertThrows(UnsupportedOperationException.class, () -> minimal.delete(ctx, "1"));
    assertThrows(
        UnsupportedOperationException.class,
        () -> minimal.fetchComments(ctx, InteractionQuery.first(10)));
    assertThrows(UnsupportedOperationException.class, () -> minimal.connect(Map.of("a", "b")));
    assertThrows(
        UnsupportedOperationException.class,
        () ->
            minimal.authorizationUrl(
                new AuthorizationRequest(URI.create("https://x/cb"), "state", "challenge")));
  }

  @Test
  public void connectFlowsTakeFieldsExactlyWhenTheyAreDirect() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ConnectFlow(ConnectMethod.OAUTH2, List.of(new ConnectField("a", "甲", "A", false))));
    assertThrows(
        IllegalArgumentException.class, () -> new ConnectFlow(ConnectMethod.APP_SECRET, null));
    assertTrue(ConnectMethod.OAUTH2_PKCE.isRedirect());
    assertEquals(" x ", ConnectField.required(Map.of("a", " x "), "a"));
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class, () -> ConnectField.required(Map.of("a", " "), "a"));
    assertEquals("a is required", missing.getMessage());
    ConnectedAccount account =
        new ConnectedAccount("1", "me", Credentials.ofToken("very-secret"), null);
    assertFalse(account.toString().contains("very-secret"));
  }

  private static Interaction interaction() {
    return new Interaction(
        Interaction.Kind.COMMENT,
        "c1",
        "p1",
        null,
        "p1",
        new Interaction.Author("u1", "alice", "Alice"),
        "nice",
        NOW);
  }

  private static void assertField(String field, org.junit.function.ThrowingRunnable run) {
    ValidationException e = assertThrows(field, ValidationException.class, run);
    assertEquals(field, e.field());
  }
}
