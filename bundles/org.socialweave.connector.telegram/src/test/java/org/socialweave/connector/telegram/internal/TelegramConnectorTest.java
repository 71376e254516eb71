package org.socialweave.connector.telegram.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
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
import org.socialweave.api.connector.PublishRequest;
import org.socialweave.api.connector.PublishResult;
import org.socialweave.api.connector.ReplyRequest;
import org.socialweave.api.connector.TextCounting;
import org.socialweave.connector.testkit.Leaks;
import org.socialweave.sandbox.Fault;
import org.socialweave.sandbox.Sandbox;
import org.socialweave.sandbox.TelegramMessage;
import org.socialweave.sandbox.TelegramPhoto;
import org.socialweave.sandbox.TelegramSandbox;

public class TelegramConnectorTest {

  private static final String TOKEN = "123456789:AAHsandboxTokenForTests_only-abcdefgh";
  private static final long PUBLIC_CHAT = -1001234567890L;
  private static final long PRIVATE_CHAT = -1009876543210L;
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private Sandbox sandbox;
  private TelegramSandbox telegram;
  private TelegramConnector connector;

  @Before
  public void startSandbox() throws IOException {
    sandbox = Sandbox.start(0);
    telegram = sandbox.telegram();
    telegram.addBot(TOKEN, "socialweave_bot");
    telegram.addChat(PUBLIC_CHAT, "socialweave_news");
    telegram.addChat(PRIVATE_CHAT, null);
    connector = connector(sandbox.baseUrl());
  }

  @After
  public void stopSandbox() {
    sandbox.close();
  }

  private static TelegramConnector connector(URI baseUrl) {
    return new TelegramConnector(
        baseUrl, Duration.ofSeconds(2), Duration.ofSeconds(10), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static ChannelContext channel(String chatId, String token) {
    return new ChannelContext(
        "ws-1", "ch-1", chatId, Credentials.ofToken(token), Map.of("chatId", chatId));
  }

  private static ChannelContext publicChannel() {
    return channel(String.valueOf(PUBLIC_CHAT), TOKEN);
  }

  private static PublishRequest text(String text) {
    return PublishRequest.text("job-1", text);
  }

  /** A PNG of {@code size} bytes (its content is only read when sent). */
  private static MediaRef image(String id, String mimeType, long size) {
    return MediaRef.of(id, mimeType, size, () -> new ByteArrayInputStream(new byte[(int) size]));
  }

  /** A post of {@code count} PNG images, 3 bytes each, with {@code caption}. */
  private static PublishRequest photos(int count, String caption) {
    PublishRequest.Builder builder = PublishRequest.builder("job-1").text(caption);
    for (int i = 0; i < count; i++) {
      builder.media(image("img-" + i, "image/png", 3));
    }
    return builder.build();
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
  public void descriptorNamesTelegramAndItsLimits() {
    NetworkDescriptor d = connector.descriptor();
    assertEquals("telegram", d.id());
    assertEquals("电报", d.nameZh());
    assertEquals("Telegram", d.nameEn());
    assertEquals(4096, d.text().maxLength());
    assertEquals(TextCounting.UTF16_CODE_UNITS, d.text().counting());
    assertEquals(1024, d.captionLimit().maxLength());
    assertTrue(d.supports(Operation.PUBLISH_TEXT));
    assertTrue(d.supports(Operation.DELETE));
    assertFalse(d.supports(Operation.FETCH_POST));
    assertFalse(d.supports(Operation.IDEMPOTENCY_KEY));
    assertTrue(d.supports(Operation.FETCH_MESSAGES));
    assertTrue(d.supports(Operation.REPLY));
    assertFalse(d.supports(Operation.FETCH_COMMENTS));
    assertFalse(d.rateLimits().isEmpty());
    assertTrue(d.supports(Operation.PUBLISH_IMAGE));
    assertFalse(d.supports(Operation.PUBLISH_VIDEO));
    assertEquals(10, d.media().maxImages());
    assertEquals(10L * 1024 * 1024, d.media().maxImageBytes());
    assertTrue(d.media().accepts("image/jpeg"));
    assertTrue(d.media().accepts("image/png"));
    assertFalse(d.media().accepts("image/gif"));
  }

  // ---- photos ----

  @Test
  public void onePhotoIsUploadedWithSendPhotoAndItsCaption() {
    PublishRequest request =
        PublishRequest.builder("job-1")
            .text("a <b>cat</b>")
            .media(image("cat", "image/jpeg", 2048))
            .options(Map.of("parse_mode", "HTML"))
            .build();
    PublishResult result = connector.publish(publicChannel(), request);

    assertEquals("1", result.platformPostId());
    assertEquals(URI.create("https://t.me/socialweave_news/1"), result.url());
    TelegramMessage sent = telegram.messages(TOKEN).get(0);
    assertEquals("a <b>cat</b>", sent.text());
    assertEquals("HTML", sent.parseMode());
    assertEquals(List.of(new TelegramPhoto("file0.jpeg", "image/jpeg", 2048)), sent.photos());
    assertNull(sent.mediaGroupId());
  }

  @Test
  public void severalPhotosAreOneAlbumWithTheCaptionOnTheFirst() {
    PublishResult result = connector.publish(publicChannel(), photos(3, "three cats"));

    assertEquals("1,2,3", result.platformPostId());
    assertEquals(URI.create("https://t.me/socialweave_news/1"), result.url());
    List<TelegramMessage> sent = telegram.messages(TOKEN);
    assertEquals(List.of("three cats", "", ""), sent.stream().map(TelegramMessage::text).toList());
    assertNotNull(sent.get(0).mediaGroupId());
    assertTrue(sent.stream().allMatch(m -> sent.get(0).mediaGroupId().equals(m.mediaGroupId())));
    assertEquals(List.of(new TelegramPhoto("file2.png", "image/png", 3)), sent.get(2).photos());
    assertEquals(1, telegram.requestCount());
  }

  @Test
  public void deletingAnAlbumDeletesEveryMessageOfIt() {
    String id = connector.publish(publicChannel(), photos(3, "gone soon")).platformPostId();
    connector.publish(publicChannel(), text("stays"));

    connector.delete(publicChannel(), id);

    assertEquals(
        List.of(true, true, true, false),
        telegram.messages(TOKEN).stream().map(TelegramMessage::deleted).toList());
    connector.delete(publicChannel(), id); // already gone: deleting is idempotent
  }

  @Test
  public void moreThanTenPhotosAreRefusedBeforeSending() {
    ConnectorException e = publishFails(publicChannel(), photos(11, "too many"));
    assertEquals(ErrorKind.MEDIA_REJECTED, e.kind());
    assertEquals("TOO_MANY_IMAGES", e.networkCode());
    assertTrue(e.networkMessage(), e.networkMessage().contains("at most 10"));
    assertEquals(0, telegram.requestCount());
  }

  @Test
  public void aCaptionOver1024UnitsIsRefusedBeforeSendingOrByTelegramWithMarkup() {
    ConnectorException local = publishFails(publicChannel(), photos(2, "😀".repeat(513)));
    assertEquals(ErrorKind.CONTENT_REJECTED, local.kind());
    assertEquals("CAPTION_TOO_LONG", local.networkCode());
    assertEquals(0, telegram.requestCount());

    PublishRequest markup =
        PublishRequest.builder("job-1")
            .text("<i>" + "a".repeat(1025) + "</i>")
            .media(image("a", "image/png", 3))
            .options(Map.of("parse_mode", "HTML"))
            .build();
    ConnectorException remote = publishFails(publicChannel(), markup);
    assertEquals(ErrorKind.CONTENT_REJECTED, remote.kind());
    assertEquals("Bad Request: message caption is too long", remote.networkMessage());
    assertTrue(telegram.messages(TOKEN).isEmpty());
  }

  @Test
  public void photosTelegramCannotTakeAreRefusedWithTheReasonBeforeSending() {
    PublishRequest gif = PublishRequest.builder("job-1").media(image("g", "image/gif", 3)).build();
    ConnectorException badType = publishFails(publicChannel(), gif);
    assertEquals(ErrorKind.MEDIA_REJECTED, badType.kind());
    assertEquals("UNSUPPORTED_TYPE", badType.networkCode());
    assertTrue(badType.networkMessage(), badType.networkMessage().contains("image/gif"));

    MediaRef huge =
        MediaRef.of(
            "huge",
            "image/jpeg",
            10L * 1024 * 1024 + 1,
            () -> {
              throw new AssertionError("a refused photo is never read");
            });
    ConnectorException tooLarge =
        publishFails(publicChannel(), PublishRequest.builder("job-1").media(huge).build());
    assertEquals("TOO_LARGE", tooLarge.networkCode());

    MediaRef banner = new MediaRef("banner", "image/png", 3, 4200, 200, null, null, () -> null);
    ConnectorException ratio =
        publishFails(publicChannel(), PublishRequest.builder("job-1").media(banner).build());
    assertEquals(ErrorKind.MEDIA_REJECTED, ratio.kind());
    assertEquals("BAD_DIMENSIONS", ratio.networkCode());
    assertEquals(0, telegram.requestCount());
  }

  @Test
  public void rateLimitedPhotoWaitsForTelegramsRetryAfter() {
    telegram.inject(TOKEN, Fault.rateLimited(17), 1);
    ConnectorException e = publishFails(publicChannel(), photos(1, "later"));
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    assertEquals(NOW.plusSeconds(17), e.retryAfter());
    assertTrue(telegram.messages(TOKEN).isEmpty());
    assertEquals("1", connector.publish(publicChannel(), photos(1, "now")).platformPostId());
  }

  // ---- publish ----

  @Test
  public void publishReturnsMessageIdAndTmeUrlOfAPublicChat() {
    PublishResult result = connector.publish(publicChannel(), text("你好, Telegram 👋"));

    assertTrue(result.isPublished());
    assertEquals("1", result.platformPostId());
    assertEquals(URI.create("https://t.me/socialweave_news/1"), result.url());
    assertNotNull(result.publishedAt());
    List<TelegramMessage> sent = telegram.messages(TOKEN);
    assertEquals(1, sent.size());
    assertEquals("你好, Telegram 👋", sent.get(0).text());
    assertEquals(PUBLIC_CHAT, sent.get(0).chatId());

    PublishResult second = connector.publish(publicChannel(), text("second"));
    assertEquals("2", second.platformPostId());
    assertEquals(URI.create("https://t.me/socialweave_news/2"), second.url());
  }

  @Test
  public void publishByChannelUsernameWorksToo() {
    PublishResult result = connector.publish(channel("@socialweave_news", TOKEN), text("hi"));
    assertEquals(URI.create("https://t.me/socialweave_news/1"), result.url());
    assertEquals(PUBLIC_CHAT, telegram.messages(TOKEN).get(0).chatId());
  }

  @Test
  public void publishToAPrivateChatHasNoUrl() {
    PublishResult result =
        connector.publish(channel(String.valueOf(PRIVATE_CHAT), TOKEN), text("private"));
    assertEquals("1", result.platformPostId());
    assertNull(result.url());
  }

  @Test
  public void aLinkIsAppendedToTheText() {
    PublishRequest request =
        PublishRequest.builder("job-1")
            .text("Read this")
            .link(URI.create("https://example.org/a"))
            .build();
    connector.publish(publicChannel(), request);
    assertEquals("Read this\n\nhttps://example.org/a", telegram.messages(TOKEN).get(0).text());
  }

  @Test
  public void tooLongAfterEntityParsingIsContentRejectedByTelegram() {
    PublishRequest request =
        PublishRequest.builder("job-1")
            .text("<b>" + "a".repeat(4097) + "</b>")
            .options(Map.of("parse_mode", "HTML"))
            .build();
    ConnectorException e = publishFails(publicChannel(), request);
    assertEquals(ErrorKind.CONTENT_REJECTED, e.kind());
    assertEquals("400", e.networkCode());
    assertTrue(e.networkMessage().contains("message is too long"));
    assertEquals(1, telegram.requestCount());
    assertTrue(telegram.messages(TOKEN).isEmpty());
  }

  @Test
  public void htmlMarkupDoesNotCountTowardsTheLimit() {
    PublishRequest request =
        PublishRequest.builder("job-1")
            .text("<b>" + "a".repeat(4096) + "</b>")
            .options(Map.of("parse_mode", "HTML"))
            .build();
    connector.publish(publicChannel(), request);
    assertEquals("HTML", telegram.messages(TOKEN).get(0).parseMode());
  }

  // ---- errors ----

  @Test
  public void credentialsWithoutTokenAreAuthRevokedWithoutARequest() {
    ChannelContext channel =
        new ChannelContext(
            "ws-1", "ch-1", "x", Credentials.ofSecrets(Map.of("webhookToken", "s")), Map.of());
    assertEquals(ErrorKind.AUTH_REVOKED, publishFails(channel, text("hi")).kind());
    assertEquals(0, telegram.requestCount());
  }

  @Test
  public void forbiddenAndChatNotFoundArePermanent() {
    telegram.inject(
        TOKEN, Fault.error(403, "Forbidden: bot is not a member of the channel chat"), 1);
    ConnectorException e = publishFails(publicChannel(), text("hi"));
    assertEquals(ErrorKind.PERMANENT, e.kind());
    assertEquals("403", e.networkCode());

    ConnectorException notFound = publishFails(channel("-100424242", TOKEN), text("hi"));
    assertEquals(ErrorKind.PERMANENT, notFound.kind());
    assertEquals("Bad Request: chat not found", notFound.networkMessage());
  }

  @Test
  public void okWithoutResultIsNeverTakenForSuccess() {
    telegram.inject(TOKEN, Fault.raw(200, "{\"ok\":true}"), 1);
    ConnectorException e = publishFails(publicChannel(), text("hi"));
    assertEquals(ErrorKind.OUTCOME_UNKNOWN, e.kind());
    assertEquals("{\"ok\":true}", e.rawResponse());
  }

  @Test
  public void malformedErrorIsPermanentWithTheRawAnswer() {
    telegram.inject(TOKEN, Fault.raw(418, "I'm a teapot, token " + TOKEN), 1);
    ConnectorException e = publishFails(publicChannel(), text("hi"));
    assertEquals(ErrorKind.PERMANENT, e.kind());
    assertEquals("I'm a teapot, token <redacted>", e.rawResponse());
  }

  @Test
  public void unreachableNetworkIsTransient() {
    URI closed = sandbox.baseUrl();
    sandbox.close();
    TelegramConnector offline = connector(closed);
    try {
      offline.publish(publicChannel(), text("hi"));
      fail();
    } catch (ConnectorException e) {
      Leaks.assertRevealsNone(e, TOKEN);
      assertEquals(ErrorKind.TRANSIENT, e.kind());
    }
  }

  // ---- delete and fetch ----

  @Test
  public void redactRemovesTheTokenAndTokenShapedStrings() {
    String other = "555555555:AAAnotherBotTokenShapedString_123456";
    assertEquals(
        "a <redacted> b <redacted>",
        TelegramConnector.REDACTOR.redact("a " + TOKEN + " b " + other, TOKEN));
  }

  // ---- inbox ----

  private static final long USER = 4242L;
  private static final long GROUP = -4007L;

  @Test(timeout = 10_000)
  public void fetchMessagesPagesThroughUpdatesWithTheOffset() {
    telegram.addChat(GROUP, null);
    long dm = telegram.receive(TOKEN, USER, "alice", "hello bot");
    telegram.receive(TOKEN, GROUP, "bob", "nice post");
    telegram.receive(TOKEN, USER, "alice", "are you there?");

    Page<Interaction> first = connector.fetchMessages(publicChannel(), InteractionQuery.first(2));
    assertEquals(2, first.items().size());
    Interaction hello = first.items().get(0);
    assertEquals(Interaction.Kind.DM, hello.kind());
    assertEquals(USER + ":" + dm, hello.platformId());
    assertEquals(String.valueOf(USER), hello.conversationId());
    assertEquals("alice", hello.author().handle());
    assertEquals("hello bot", hello.text());
    Interaction comment = first.items().get(1);
    assertEquals(Interaction.Kind.COMMENT, comment.kind());
    assertEquals(String.valueOf(GROUP), comment.conversationId());
    assertEquals("bob", comment.author().handle());

    Page<Interaction> second =
        connector.fetchMessages(
            publicChannel(), new InteractionQuery(null, null, first.nextCursor(), 2));
    assertEquals(
        List.of("are you there?"), second.items().stream().map(Interaction::text).toList());
    // the offset confirmed the earlier updates: Telegram forgets them
    assertEquals(
        List.of("are you there?"),
        connector.fetchMessages(publicChannel(), InteractionQuery.first(10)).items().stream()
            .map(Interaction::text)
            .toList());
    Page<Interaction> empty =
        connector.fetchMessages(
            publicChannel(), new InteractionQuery(null, null, second.nextCursor(), 2));
    assertTrue(empty.items().isEmpty());
    assertEquals(second.nextCursor(), empty.nextCursor());
  }

  @Test(timeout = 10_000)
  public void messagesBeforeSinceAreSkippedButConfirmed() {
    telegram.receive(TOKEN, USER, "alice", "old news");
    Page<Interaction> page =
        connector.fetchMessages(
            publicChannel(),
            new InteractionQuery(null, Instant.now().plus(Duration.ofHours(1)), null, 10));
    assertTrue(page.items().isEmpty());
    assertNotNull("the cursor moves past what was skipped", page.nextCursor());
  }

  @Test(timeout = 10_000)
  public void aCursorThatIsNoOffsetIsPermanentWithoutARequest() {
    try {
      connector.fetchMessages(publicChannel(), new InteractionQuery(null, null, "abc", 10));
      fail();
    } catch (ConnectorException e) {
      assertEquals(ErrorKind.PERMANENT, e.kind());
      assertEquals(0, telegram.requestCount());
    }
  }

  @Test(timeout = 10_000)
  public void replyQuotesTheMessageInItsChat() {
    telegram.receive(TOKEN, USER, "alice", "hello bot");
    Interaction hello =
        connector.fetchMessages(publicChannel(), InteractionQuery.first(10)).items().get(0);

    PublishResult reply =
        connector.reply(publicChannel(), new ReplyRequest(hello, "hi alice", "reply-1"));

    TelegramMessage sent = telegram.messages(TOKEN).get(0);
    assertEquals(USER, sent.chatId());
    assertEquals("hi alice", sent.text());
    assertEquals(Long.valueOf(hello.platformId().split(":")[1]), sent.replyToMessageId());
    assertEquals(USER + ":" + sent.messageId(), reply.platformPostId());
    assertNull("no t.me link into a private chat", reply.url());

    connector.delete(publicChannel(), reply.platformPostId());
    assertTrue(telegram.messages(TOKEN).get(0).deleted());
  }

  @Test(timeout = 10_000)
  public void replyToAMessageTelegramDoesNotKnowIsPermanent() {
    Interaction gone =
        new Interaction(
            Interaction.Kind.DM,
            USER + ":77",
            null,
            String.valueOf(USER),
            null,
            new Interaction.Author(String.valueOf(USER), "alice", null),
            "gone",
            NOW);
    telegram.receive(TOKEN, USER, "alice", "makes the private chat");
    try {
      connector.reply(publicChannel(), new ReplyRequest(gone, "hi", "reply-1"));
      fail();
    } catch (ConnectorException e) {
      assertEquals(ErrorKind.PERMANENT, e.kind());
      assertEquals("Bad Request: message to be replied not found", e.networkMessage());
    }
  }

  @Test(timeout = 10_000)
  public void getUpdatesWhileAWebhookIsSetIsPermanentAndSaysWhy() throws Exception {
    HttpRequest setWebhook =
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/bot" + TOKEN + "/setWebhook"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"https://example.org/hook\"}"))
            .build();
    assertEquals(
        200,
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(setWebhook, HttpResponse.BodyHandlers.ofString())
            .statusCode());
    try {
      connector.fetchMessages(publicChannel(), InteractionQuery.first(10));
      fail();
    } catch (ConnectorException e) {
      Leaks.assertRevealsNone(e, TOKEN);
      assertEquals(ErrorKind.PERMANENT, e.kind());
      assertEquals("409", e.networkCode());
      assertTrue(e.networkMessage(), e.networkMessage().contains("delete the webhook"));
    }
  }
}
