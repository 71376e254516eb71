package org.socialweave.connector.mastodon.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.Page;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.ConnectorException;
import org.socialweave.api.connector.Credentials;
import org.socialweave.api.connector.ErrorKind;
import org.socialweave.api.connector.Interaction;
import org.socialweave.api.connector.InteractionQuery;
import org.socialweave.api.connector.MediaRef;
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
import org.socialweave.sandbox.MastodonMedia;
import org.socialweave.sandbox.MastodonSandbox;
import org.socialweave.sandbox.MastodonStatus;
import org.socialweave.sandbox.Sandbox;

public class MastodonConnectorTest {

  private static final String TOKEN = "ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0";
  private static final String INSTANCE = "social.example";
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private Sandbox sandbox;
  private MastodonSandbox mastodon;
  private URI instanceUrl;
  private MastodonConnector connector;

  @Before
  public void startSandbox() throws IOException {
    sandbox = Sandbox.start(0);
    mastodon = sandbox.mastodon();
    instanceUrl = mastodon.addInstance(INSTANCE);
    mastodon.addAccount(INSTANCE, TOKEN, "alice");
    connector =
        new MastodonConnector(
            Duration.ofSeconds(2),
            Duration.ofSeconds(10),
            Duration.ofMillis(10),
            Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @After
  public void stopSandbox() {
    sandbox.close();
  }

  private ChannelContext channel(String token) {
    return channel(token, instanceUrl.toString());
  }

  private static ChannelContext channel(String token, String instanceUrl) {
    return new ChannelContext(
        "ws-1",
        "ch-1",
        "109000000000000001",
        Credentials.ofToken(token),
        Map.of("instanceUrl", instanceUrl));
  }

  private static PublishRequest text(String key, String text) {
    return PublishRequest.text(key, text);
  }

  private ConnectorException publishFails(ChannelContext channel, PublishRequest request) {
    try {
      PublishResult result = connector.publish(channel, request);
      fail("expected a failure, got " + result);
      return null;
    } catch (ConnectorException e) {
      Leaks.assertRevealsNone(e, TOKEN);
      return e;
    }
  }

  // ---- descriptor ----

  @Test
  public void descriptorNamesMastodonAndItsLimits() {
    NetworkDescriptor d = connector.descriptor();
    assertEquals("mastodon", d.id());
    assertEquals("长毛象", d.nameZh());
    assertEquals("Mastodon", d.nameEn());
    assertEquals(500, d.text().maxLength());
    assertEquals(TextCounting.GRAPHEMES, d.text().counting());
    assertEquals(23, d.text().urlLength());
    assertTrue(d.supports(Operation.PUBLISH_TEXT));
    assertTrue(d.supports(Operation.DELETE));
    assertTrue(d.supports(Operation.FETCH_POST));
    assertTrue(d.supports(Operation.IDEMPOTENCY_KEY));
    assertTrue(d.supports(Operation.PUBLISH_IMAGE));
    assertTrue(d.supports(Operation.FETCH_COMMENTS));
    assertTrue(d.supports(Operation.FETCH_MESSAGES));
    assertTrue(d.supports(Operation.REPLY));
    assertFalse(d.supports(Operation.PUBLISH_VIDEO));
    assertEquals(4, d.media().maxImages());
    assertEquals(16L * 1024 * 1024, d.media().maxImageBytes());
    assertTrue(d.media().accepts("image/webp"));
    assertFalse(d.media().accepts("image/bmp"));
    assertFalse(d.rateLimits().isEmpty());
  }

  // ---- publish ----

  @Test
  public void publishReturnsStringIdUrlAndCreatedAt() {
    PublishResult result = connector.publish(channel(TOKEN), text("job-1", "你好, Mastodon 🐘"));

    assertTrue(result.isPublished());
    List<MastodonStatus> stored = mastodon.statuses(TOKEN);
    assertEquals(1, stored.size());
    MastodonStatus status = stored.get(0);
    assertEquals(status.id(), result.platformPostId());
    assertEquals(URI.create("https://social.example/@alice/" + status.id()), result.url());
    assertEquals(status.createdAt(), result.publishedAt());
    assertEquals("你好, Mastodon 🐘", status.text());
    assertEquals("job-1", status.idempotencyKey());
    assertEquals("public", status.visibility());
  }

  @Test
  public void publishSendsOptionsAndReplyId() {
    PublishResult first = connector.publish(channel(TOKEN), text("job-1", "first"));
    PublishRequest reply =
        PublishRequest.builder("job-2")
            .text("second")
            .inReplyTo(first.platformPostId())
            .options(Map.of("visibility", "Unlisted"))
            .build();
    connector.publish(channel(TOKEN), reply);
    MastodonStatus stored = mastodon.statuses(TOKEN).get(1);
    assertEquals(first.platformPostId(), stored.inReplyToId());
    assertEquals("unlisted", stored.visibility());
  }

  @Test
  public void instanceUrlWithTrailingSlashWorks() {
    PublishResult result =
        connector.publish(channel(TOKEN, instanceUrl + "/"), text("job-1", "slash"));
    assertTrue(result.isPublished());
  }

  @Test
  public void statusWithoutAStringIdOrValidDateIsOutcomeUnknown() {
    mastodon.inject(TOKEN, Fault.raw(200, "{\"created_at\":\"2026-01-01T00:00:00Z\"}"), 1);
    assertEquals(
        ErrorKind.OUTCOME_UNKNOWN, publishFails(channel(TOKEN), text("job-2", "x")).kind());
    mastodon.inject(TOKEN, Fault.raw(200, "{\"id\":123,\"created_at\":\"2026-01-01T00:00Z\"}"), 1);
    assertEquals(
        ErrorKind.OUTCOME_UNKNOWN, publishFails(channel(TOKEN), text("job-3", "x")).kind());
  }

  @Test
  public void rateLimitedCarriesResetFromIsoHeader() {
    mastodon.inject(TOKEN, Fault.rateLimited(120), 1);
    ConnectorException e = publishFails(channel(TOKEN), text("job-1", "x"));
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    assertEquals("429", e.networkCode());
    assertNotNull(e.retryAfter());
    // the sandbox sets X-RateLimit-Reset = its now + 120 s (the connector's clock is fixed apart)
    Instant expected = Instant.now().plusSeconds(120);
    assertTrue(
        e.retryAfter().toString(),
        Math.abs(Duration.between(expected, e.retryAfter()).getSeconds()) < 10);
    assertTrue(mastodon.statuses(TOKEN).isEmpty());
  }

  @Test
  public void validationFailureIsContentRejectedWithTheMessage() {
    mastodon.inject(
        TOKEN, Fault.error(422, "Validation failed: Text character limit of 500 exceeded"), 1);
    ConnectorException e = publishFails(channel(TOKEN), text("job-1", "x"));
    assertEquals(ErrorKind.CONTENT_REJECTED, e.kind());
    assertEquals("422", e.networkCode());
    assertEquals("Validation failed: Text character limit of 500 exceeded", e.networkMessage());
  }

  @Test
  public void unreachableInstanceIsTransient() {
    URI closed = sandbox.baseUrl();
    sandbox.close();
    ConnectorException e =
        publishFails(channel(TOKEN, closed + "/mastodon/" + INSTANCE), text("job-1", "x"));
    assertEquals(ErrorKind.TRANSIENT, e.kind());
  }

  @Test
  public void theContentWarningCountsTowardsTheLimit() {
    PublishRequest withCw =
        PublishRequest.builder("job-2")
            .text("a".repeat(490))
            .options(Map.of("spoiler_text", "b".repeat(11)))
            .build();
    ConnectorException e = publishFails(channel(TOKEN), withCw);
    assertEquals(ErrorKind.CONTENT_REJECTED, e.kind());
    assertEquals("TEXT_TOO_LONG", e.networkCode());
    assertEquals(0, mastodon.requestCount());
  }

  @Test
  public void everyUrlCountsTwentyThree() {
    String url = "https://example.com/" + "p".repeat(200);
    connector.publish(channel(TOKEN), text("job-2", "a".repeat(476) + " " + url));
    assertEquals(1, mastodon.statuses(TOKEN).size());
  }

  @Test
  public void missingOrBadInstanceUrlIsPermanent() {
    ChannelContext none =
        new ChannelContext("ws-1", "ch-1", "1", Credentials.ofToken(TOKEN), Map.of());
    assertEquals(ErrorKind.PERMANENT, publishFails(none, text("job-1", "x")).kind());
    assertEquals(
        ErrorKind.PERMANENT,
        publishFails(channel(TOKEN, "ftp://x.example"), text("j", "x")).kind());
    assertEquals(0, mastodon.requestCount());
  }

  // ---- images ----

  private static MediaRef image(String id, String mimeType, int size, String altText) {
    byte[] bytes = new byte[size];
    return new MediaRef(
        id, mimeType, size, null, null, null, altText, () -> new ByteArrayInputStream(bytes));
  }

  private static PublishRequest withImages(String text, MediaRef... media) {
    PublishRequest.Builder builder = PublishRequest.builder("job-media").text(text);
    for (MediaRef m : media) {
      builder.media(m);
    }
    return builder.build();
  }

  private void assertRefusedBeforeSending(PublishRequest request, String code) {
    ConnectorException e = publishFails(channel(TOKEN), request);
    assertEquals(ErrorKind.MEDIA_REJECTED, e.kind());
    assertEquals(code, e.networkCode());
    assertNotNull(e.networkMessage());
    assertEquals(0, mastodon.requestCount());
  }

  @Test
  public void oneImageProcessedAtOnceIsAttachedWithItsAltText() {
    PublishResult result =
        connector.publish(
            channel(TOKEN),
            withImages("a picture", image("m-1", "image/png", 321, "a red square")));

    MastodonStatus status = mastodon.statuses(TOKEN).get(0);
    assertEquals(status.id(), result.platformPostId());
    assertEquals("a picture", status.text());
    assertEquals("job-media", status.idempotencyKey());
    MastodonMedia media = status.attachments().get(0);
    assertEquals("image/png", media.mimeType());
    assertEquals(321, media.sizeBytes());
    assertEquals("a red square", media.description());
    assertEquals(2, mastodon.requestCount()); // the upload and the status
  }

  @Test
  public void anImageStillProcessingIsPolledUntilReady() {
    mastodon.mediaProcessingPolls(2);
    connector.publish(channel(TOKEN), withImages("later", image("m-1", "image/jpeg", 10, null)));

    MastodonStatus status = mastodon.statuses(TOKEN).get(0);
    assertEquals(1, status.attachments().size());
    assertNull(status.attachments().get(0).description());
    assertEquals(5, mastodon.requestCount()); // upload (202), 206, 206, 200, status
  }

  @Test
  public void processingThatNeverEndsGivesUpAfterBoundedPollsAsTransient() {
    mastodon.mediaProcessingPolls(MastodonConnector.MAX_MEDIA_POLLS + 1);
    ConnectorException e =
        publishFails(channel(TOKEN), withImages("x", image("m-1", "image/png", 10, null)));
    assertEquals(ErrorKind.TRANSIENT, e.kind());
    assertEquals(1 + MastodonConnector.MAX_MEDIA_POLLS, mastodon.requestCount());
    assertTrue(mastodon.statuses(TOKEN).isEmpty());
  }

  @Test
  public void aRetryAfterAnUnknownOutcomeUploadsAgainButKeepsTheOneStatus() {
    mastodon.inject(TOKEN, Fault.delay(Duration.ZERO), 1); // the upload goes through
    mastodon.inject(TOKEN, Fault.acceptThenDrop(), 1); // the status is created, the answer lost
    PublishRequest request = withImages("once", image("m-1", "image/png", 10, null));
    assertEquals(ErrorKind.OUTCOME_UNKNOWN, publishFails(channel(TOKEN), request).kind());

    PublishResult retried = connector.publish(channel(TOKEN), request);
    List<MastodonStatus> stored = mastodon.statuses(TOKEN);
    assertEquals(1, stored.size());
    assertEquals(stored.get(0).id(), retried.platformPostId());
    assertEquals(2, mastodon.media(TOKEN).size()); // the second upload is left unattached
  }

  @Test
  public void fourImagesWithoutTextKeepTheirOrder() {
    MediaRef[] four = new MediaRef[4];
    for (int i = 0; i < 4; i++) {
      four[i] = image("m-" + i, "image/png", 100 + i, "picture " + i);
    }
    connector.publish(channel(TOKEN), withImages("", four));

    MastodonStatus status = mastodon.statuses(TOKEN).get(0);
    assertEquals("", status.text());
    assertEquals(4, status.attachments().size());
    for (int i = 0; i < 4; i++) {
      assertEquals(100 + i, status.attachments().get(i).sizeBytes());
      assertEquals("picture " + i, status.attachments().get(i).description());
    }
  }

  @Test
  public void fiveImagesAreRefusedBeforeSending() {
    MediaRef[] five = new MediaRef[5];
    for (int i = 0; i < 5; i++) {
      five[i] = image("m-" + i, "image/png", 10, null);
    }
    assertRefusedBeforeSending(withImages("five", five), "TOO_MANY_IMAGES");
  }

  @Test
  public void unsupportedOrTooLargeImagesAndLongAltTextAreRefusedBeforeSending() {
    assertRefusedBeforeSending(
        withImages("bmp", image("m-1", "image/bmp", 10, null)), "UNSUPPORTED_TYPE");
    MediaRef huge =
        MediaRef.of(
            "m-2",
            "image/png",
            MastodonConnector.MAX_IMAGE_BYTES + 1,
            () -> {
              throw new AssertionError("a refused image is not read");
            });
    assertRefusedBeforeSending(withImages("huge", huge), "IMAGE_TOO_LARGE");
    assertRefusedBeforeSending(
        withImages("alt", image("m-3", "image/png", 10, "é".repeat(1501))), "ALT_TEXT_TOO_LONG");
  }

  @Test
  public void anUploadTheInstanceRefusesIsMediaRejected() {
    mastodon.inject(
        TOKEN,
        Fault.error(422, "Validation failed: File content type is invalid, File is invalid"),
        1);
    ConnectorException e =
        publishFails(channel(TOKEN), withImages("x", image("m-1", "image/png", 10, null)));
    assertEquals(ErrorKind.MEDIA_REJECTED, e.kind());
    assertEquals("422", e.networkCode());
    assertEquals(
        "Validation failed: File content type is invalid, File is invalid", e.networkMessage());
    assertTrue(mastodon.statuses(TOKEN).isEmpty());
  }

  @Test
  public void aRateLimitedUploadCarriesTheReset() {
    mastodon.inject(TOKEN, Fault.rateLimited(120), 1);
    ConnectorException e =
        publishFails(channel(TOKEN), withImages("x", image("m-1", "image/png", 10, null)));
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    assertNotNull(e.retryAfter());
    assertTrue(mastodon.statuses(TOKEN).isEmpty());
  }

  // ---- delete ----

  @Test
  public void deleteRefusesAnIdThatIsNotOne() {
    try {
      connector.delete(channel(TOKEN), "../accounts/1");
      fail("expected PERMANENT");
    } catch (ConnectorException e) {
      assertEquals(ErrorKind.PERMANENT, e.kind());
    }
    assertEquals(0, mastodon.requestCount());
  }

  // ---- fetchPost ----

  @Test
  public void fetchPostOfAnUnknownIdIsNotFound() {
    assertEquals(
        PostLookup.Outcome.NOT_FOUND,
        connector.fetchPost(channel(TOKEN), PostQuery.byId("999")).outcome());
  }

  @Test
  public void fetchPostByKeyAloneIsUnknown() {
    PostLookup lookup = connector.fetchPost(channel(TOKEN), PostQuery.byAttempt("job-1", "x", NOW));
    assertEquals(PostLookup.Outcome.UNKNOWN, lookup.outcome());
    assertNull(lookup.platformPostId());
    assertNotNull(lookup.detail());
  }

  // ---- inbox ----

  @Test
  public void commentsAreTheThreadsRepliesNewestFirstPagedLocally() {
    String post = connector.publish(channel(TOKEN), text("k-post", "Spring sale")).platformPostId();
    String bob = mastodon.addReply(INSTANCE, post, "bob", "Tom & Jerry <3");
    String own =
        connector
            .reply(channel(TOKEN), new ReplyRequest(comment(post, bob, "bob"), "thanks", "k-1"))
            .platformPostId();
    mastodon.advanceClock(Duration.ofMinutes(1));
    String carol = mastodon.addReply(INSTANCE, own, "carol", "line one\nline two");

    Page<Interaction> first =
        connector.fetchComments(channel(TOKEN), new InteractionQuery(post, null, null, 2));
    assertEquals(List.of(carol, own), ids(first));
    Interaction deep = first.items().get(0);
    assertEquals(Interaction.Kind.COMMENT, deep.kind());
    assertEquals(post, deep.platformPostId());
    assertEquals(post, deep.conversationId());
    assertEquals(own, deep.inReplyToId());
    assertEquals("carol", deep.author().handle());
    assertEquals("carol", deep.author().displayName());
    assertEquals("line one\nline two", deep.text());
    assertEquals(own, first.nextCursor());

    Page<Interaction> second =
        connector.fetchComments(
            channel(TOKEN), new InteractionQuery(post, null, first.nextCursor(), 2));
    assertEquals(List.of(bob), ids(second));
    assertEquals("Tom & Jerry <3", second.items().get(0).text());
    assertEquals(post, second.items().get(0).inReplyToId());
    assertNull(second.nextCursor());
    Page<Interaction> recent =
        connector.fetchComments(
            channel(TOKEN), new InteractionQuery(post, deep.createdAt(), null, 10));
    assertEquals(List.of(carol), ids(recent));
    assertNull(recent.nextCursor());
  }

  @Test
  public void commentsNeedAPostAndAValidCursor() {
    assertThrows(
        IllegalArgumentException.class,
        () -> connector.fetchComments(channel(TOKEN), InteractionQuery.first(10)));
    String post = connector.publish(channel(TOKEN), text("k-post", "hello")).platformPostId();
    ConnectorException e =
        assertThrows(
            ConnectorException.class,
            () ->
                connector.fetchComments(
                    channel(TOKEN), new InteractionQuery(post, null, "../x", 10)));
    assertEquals(ErrorKind.PERMANENT, e.kind());
  }

  @Test
  public void messagesAreTheLastStatusOfEachConversationPagedByTheLinkHeader() {
    String first = mastodon.addDirectMessage(TOKEN, "bob", "hi &amp; bye");
    mastodon.advanceClock(Duration.ofMinutes(1));
    String second = mastodon.addDirectMessage(TOKEN, "carol", "hello");
    mastodon.advanceClock(Duration.ofMinutes(1));
    String third = mastodon.addDirectMessage(TOKEN, "dave", "hey");

    Page<Interaction> page = connector.fetchMessages(channel(TOKEN), InteractionQuery.first(2));
    assertEquals(List.of(third, second), ids(page));
    Interaction dm = page.items().get(0);
    assertEquals(Interaction.Kind.DM, dm.kind());
    assertNull(dm.platformPostId());
    assertNull(dm.inReplyToId());
    assertNotNull(dm.conversationId());
    assertEquals("dave", dm.author().handle());
    assertEquals(second, page.nextCursor());

    Page<Interaction> rest =
        connector.fetchMessages(
            channel(TOKEN), new InteractionQuery(null, null, page.nextCursor(), 2));
    assertEquals(List.of(first), ids(rest));
    assertEquals("hi &amp; bye", rest.items().get(0).text());
    assertNull(rest.nextCursor());

    Instant since = page.items().get(1).createdAt();
    Page<Interaction> recent =
        connector.fetchMessages(channel(TOKEN), new InteractionQuery(null, since, null, 2));
    assertEquals(List.of(third, second), ids(recent));
    assertEquals(second, recent.nextCursor()); // nothing older seen yet
    Page<Interaction> done =
        connector.fetchMessages(
            channel(TOKEN), new InteractionQuery(null, since, recent.nextCursor(), 2));
    assertTrue(done.items().isEmpty());
    assertNull(done.nextCursor());
  }

  @Test
  public void aReplyToADirectMessageIsDirectMentionsTheAuthorAndIsIdempotent() {
    mastodon.addDirectMessage(TOKEN, "bob", "is the shop open?");
    Interaction dm =
        connector.fetchMessages(channel(TOKEN), InteractionQuery.first(10)).items().get(0);

    ReplyRequest answer = new ReplyRequest(dm, "yes, until 6", "k-answer");
    PublishResult reply = connector.reply(channel(TOKEN), answer);
    assertEquals(reply.platformPostId(), connector.reply(channel(TOKEN), answer).platformPostId());

    List<MastodonStatus> stored = mastodon.statuses(TOKEN);
    assertEquals(1, stored.size());
    MastodonStatus status = stored.get(0);
    assertEquals("@bob yes, until 6", status.text());
    assertEquals("direct", status.visibility());
    assertEquals(dm.platformId(), status.inReplyToId());
    assertEquals("k-answer", status.idempotencyKey());
    Interaction latest =
        connector.fetchMessages(channel(TOKEN), InteractionQuery.first(10)).items().get(0);
    assertEquals(reply.platformPostId(), latest.platformId());
    assertEquals(dm.conversationId(), latest.conversationId());
  }

  @Test
  public void statusHtmlBecomesPlainText() {
    assertEquals(
        "a & b <c>\nd\n\n\u00e9 https://example.com/x 😀",
        MastodonConnector.plainText(
            "<p>a &amp; b &lt;c&gt;<br />d</p><p>&#233; <a href=\"https://example.com/x\">"
                + "<span class=\"invisible\">https://</span><span>example.com/x</span></a>"
                + " &#x1F600;</p>"));
  }

  @Test
  public void inboxFailuresAreClassifiedWithoutTheToken() {
    mastodon.inject(TOKEN, Fault.serverError(503), 1);
    ConnectorException e =
        assertThrows(
            ConnectorException.class,
            () -> connector.fetchMessages(channel(TOKEN), InteractionQuery.first(10)));
    assertEquals(ErrorKind.TRANSIENT, e.kind());
    Leaks.assertRevealsNone(e, TOKEN);
    mastodon.revoke(TOKEN);
    e =
        assertThrows(
            ConnectorException.class,
            () ->
                connector.fetchComments(
                    channel(TOKEN), new InteractionQuery("110000000000000001", null, null, 10)));
    assertEquals(ErrorKind.AUTH_REVOKED, e.kind());
    Leaks.assertRevealsNone(e, TOKEN);
  }

  private static Interaction comment(String postId, String id, String handle) {
    return new Interaction(
        Interaction.Kind.COMMENT,
        id,
        postId,
        postId,
        postId,
        new Interaction.Author("1", handle, null),
        "",
        NOW);
  }

  private static List<String> ids(Page<Interaction> page) {
    return page.items().stream().map(Interaction::platformId).toList();
  }
}
