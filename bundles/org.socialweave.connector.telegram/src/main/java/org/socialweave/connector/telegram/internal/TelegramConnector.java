package org.socialweave.connector.telegram.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.socialweave.api.Page;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.ConnectField;
import org.socialweave.api.connector.ConnectFlow;
import org.socialweave.api.connector.ConnectMethod;
import org.socialweave.api.connector.ConnectedAccount;
import org.socialweave.api.connector.ConnectorException;
import org.socialweave.api.connector.Credentials;
import org.socialweave.api.connector.ErrorKind;
import org.socialweave.api.connector.Interaction;
import org.socialweave.api.connector.InteractionQuery;
import org.socialweave.api.connector.MediaRef;
import org.socialweave.api.connector.MediaRules;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.connector.Operation;
import org.socialweave.api.connector.PlatformConnector;
import org.socialweave.api.connector.PostLookup;
import org.socialweave.api.connector.PostQuery;
import org.socialweave.api.connector.PublishRequest;
import org.socialweave.api.connector.PublishResult;
import org.socialweave.api.connector.RateLimit;
import org.socialweave.api.connector.ReplyRequest;
import org.socialweave.api.connector.TextCounting;
import org.socialweave.api.connector.TextLimit;
import org.socialweave.connector.support.ConnectorHttp;
import org.socialweave.connector.support.MultipartBody;
import org.socialweave.connector.support.Redactor;
import org.socialweave.connector.support.RetryHints;
import org.socialweave.connector.support.TextCounter;

/**
 * The Telegram Bot API connector: posts text to a chat or channel with {@code sendMessage}, one
 * image with {@code sendPhoto}, 2 to {@value #MAX_IMAGES} images as an album with {@code
 * sendMediaGroup} (the post's text is the caption of the first photo), and deletes with {@code
 * deleteMessage}. Images are uploaded as {@code multipart/form-data} and checked before sending
 * against the Bot API's photo rules: at most {@value #MAX_IMAGE_BYTES} bytes, width plus height at
 * most {@value #MAX_IMAGE_SIDES_SUM} and a side ratio of at most {@value #MAX_IMAGE_RATIO} (when
 * the dimensions are known).
 *
 * <p>Platform post ids: the message id ({@code "42"}); an album is one message per photo, so its id
 * is its message ids comma-joined in order ({@code "42,43,44"}), the first being the post's message
 * (its {@code t.me} link) and {@link #delete} deleting every one of them. A reply in another chat
 * than the channel's (a private chat, the discussion group) is {@code <chat id>:<message id>}.
 *
 * <p>Channel settings: {@value #SETTING_CHAT_ID} (a numeric chat id or {@code @channelusername};
 * defaults to the channel's account id) and {@value #SETTING_PUBLIC_USERNAME} (the public username
 * of the chat, for {@code t.me} links when Telegram's answer does not carry one). The bot token is
 * the credentials' access token; it travels in the URL path, so it is redacted from everything this
 * connector reports. Request options: {@code parse_mode} ({@code HTML} or {@code MarkdownV2}) and
 * {@code disable_notification}.
 *
 * <p>Telegram cannot read a message back, so {@link #fetchPost} answers {@link
 * PostLookup.Outcome#UNKNOWN} and publish failures that may have created a message are {@link
 * ErrorKind#OUTCOME_UNKNOWN}.
 *
 * <p>Inbox: {@link #fetchMessages} reads the bot's updates with {@code getUpdates} (short polling,
 * {@code timeout=0}; the cursor is the next {@code offset}, the last {@code update_id} + 1, which
 * confirms and so forgets the updates before it on Telegram's side). Messages people send the bot
 * in a private chat are {@link Interaction.Kind#DM}s, messages in a group the bot is in (the
 * channel's discussion group) {@link Interaction.Kind#COMMENT}s; channel posts are the channel's
 * own and are skipped. An interaction's id is {@code <chat id>:<message id>}, as message ids are
 * unique only per chat. {@link #reply} answers with {@code sendMessage} and {@code
 * reply_parameters} in the chat of the message answered; a bare message id is a message of the
 * channel's chat. The Bot API refuses {@code getUpdates} while a webhook is set (409 Conflict):
 * that is {@link ErrorKind#PERMANENT} until the webhook is deleted.
 */
@Component(
    configurationPid = "org.socialweave.connector.telegram",
    property = PlatformConnector.NETWORK_PROPERTY + "=" + TelegramConnector.NETWORK_ID)
@Designate(ocd = TelegramConnector.Config.class)
public class TelegramConnector implements PlatformConnector {

  static final String NETWORK_ID = "telegram";
  static final String SETTING_CHAT_ID = "chatId";
  static final String SETTING_PUBLIC_USERNAME = "publicUsername";
  static final int MAX_TEXT_LENGTH = 4096;
  static final int MAX_CAPTION_LENGTH = 1024;
  static final int MAX_IMAGES = 10;
  static final long MAX_IMAGE_BYTES = 10L * 1024 * 1024;
  static final int MAX_IMAGE_SIDES_SUM = 10_000;
  static final int MAX_IMAGE_RATIO = 20;

  /**
   * JPEG and PNG: the Bot API documents no list of photo formats; these two are the formats every
   * Telegram client sends as photos.
   */
  static final MediaRules MEDIA_RULES =
      new MediaRules(
          MAX_IMAGES, 0, Set.of("image/jpeg", "image/png"), MAX_IMAGE_BYTES, 0, false, false);

  /** Used when a 429 does not say how long to wait; Telegram's usual waits are seconds. */
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

  /** Anything shaped like a bot token ({@code 123456:ABC-...}), in case a proxy echoes another. */
  static final Redactor REDACTOR = new Redactor(Pattern.compile("\\d{5,}:[A-Za-z0-9_-]{20,}"));

  private static final ObjectMapper JSON = new ObjectMapper();

  static final String FIELD_BOT_TOKEN = "botToken";

  private static final ConnectFlow CONNECT_FLOW =
      new ConnectFlow(
          ConnectMethod.BOT_TOKEN,
          List.of(
              new ConnectField(FIELD_BOT_TOKEN, "机器人令牌 (BotFather)", "Bot token (BotFather)", true),
              new ConnectField(
                  SETTING_CHAT_ID,
                  "频道或群组 (@用户名或数字 ID)",
                  "Channel or group (@username or numeric id)",
                  false)));

  private static final NetworkDescriptor DESCRIPTOR =
      new NetworkDescriptor(
          NETWORK_ID,
          "电报",
          "Telegram",
          TextLimit.of(MAX_TEXT_LENGTH, TextCounting.UTF16_CODE_UNITS),
          TextLimit.of(MAX_CAPTION_LENGTH, TextCounting.UTF16_CODE_UNITS),
          MEDIA_RULES,
          List.of(
              RateLimit.rate(
                  "messages-per-chat-1s",
                  RateLimit.Scope.ACCOUNT,
                  1,
                  Duration.ofSeconds(1),
                  Operation.PUBLISH_TEXT,
                  Operation.PUBLISH_IMAGE,
                  Operation.PUBLISH_LINK),
              RateLimit.rate(
                  "messages-per-group-1min",
                  RateLimit.Scope.ACCOUNT,
                  20,
                  Duration.ofMinutes(1),
                  Operation.PUBLISH_TEXT,
                  Operation.PUBLISH_IMAGE,
                  Operation.PUBLISH_LINK),
              RateLimit.rate("bot-calls-1s", RateLimit.Scope.APP, 30, Duration.ofSeconds(1))),
          EnumSet.of(
              Operation.PUBLISH_TEXT,
              Operation.PUBLISH_IMAGE,
              Operation.PUBLISH_LINK,
              Operation.DELETE,
              Operation.FETCH_MESSAGES,
              Operation.REPLY));

  private final URI baseUrl;
  private final Duration requestTimeout;
  private final Clock clock;
  private final ConnectorHttp transport;

  /** Where the connector talks to: the real Bot API, or the sandbox in the demo distribution. */
  @ObjectClassDefinition(name = "SocialWeave Telegram connector")
  public @interface Config {
    @AttributeDefinition(description = "Base URL of the Bot API, without /bot<token>")
    String baseUrl() default "https://api.telegram.org";
  }

  /** The OSGi component, configured by {@code org.socialweave.connector.telegram}. */
  @Activate
  public TelegramConnector(Config config) {
    this(
        URI.create(config.baseUrl()),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Clock.systemUTC());
  }

  /** For tests and the sandbox: another base URL, timeouts and clock. */
  TelegramConnector(URI baseUrl, Duration connectTimeout, Duration requestTimeout, Clock clock) {
    String s = baseUrl.toString();
    this.baseUrl = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    this.requestTimeout = requestTimeout;
    this.clock = clock;
    HttpClient http = ConnectorHttp.client(this.baseUrl, connectTimeout);
    this.transport = new ConnectorHttp(NETWORK_ID, "Telegram", http, REDACTOR);
  }

  @Override
  public NetworkDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public ConnectFlow connectFlow() {
    return CONNECT_FLOW;
  }

  @Override
  public ConnectedAccount connect(Map<String, String> fields) {
    String token = ConnectField.required(fields, FIELD_BOT_TOKEN);
    String chatId = fields.get(SETTING_CHAT_ID);
    if (chatId == null || !chatId.trim().matches("-?\\d{1,20}|@[A-Za-z0-9_]{4,32}")) {
      throw new IllegalArgumentException(
          SETTING_CHAT_ID + " must be a numeric chat id or @channelusername");
    }
    Credentials credentials = Credentials.ofToken(token.trim());
    ChannelContext probe =
        new ChannelContext(
            "connect",
            "connect",
            chatId.trim(),
            credentials,
            Map.of(SETTING_CHAT_ID, chatId.trim()));
    return verifyCredentials(probe);
  }

  /** Asks {@code getMe}: the bot's token works; the channel is named by its chat and bot. */
  @Override
  public ConnectedAccount verifyCredentials(ChannelContext channel) {
    JsonNode bot = call(token(channel), "getMe", JSON.createObjectNode(), false);
    String botName = bot.path("username").asText("");
    if (botName.isBlank()) {
      throw ConnectorException.builder(ErrorKind.TRANSIENT, NETWORK_ID)
          .networkMessage("getMe answered ok without the bot's username")
          .rawResponse(bot.toString())
          .build();
    }
    String chatId = chatId(channel);
    Map<String, String> settings = new HashMap<>(channel.settings());
    settings.put(SETTING_CHAT_ID, chatId);
    if (chatId.startsWith("@")) {
      settings.putIfAbsent(SETTING_PUBLIC_USERNAME, chatId.substring(1));
    }
    return new ConnectedAccount(
        chatId, chatId + " (@" + botName + ")", channel.credentials(), settings);
  }

  @Override
  public PublishResult publish(ChannelContext channel, PublishRequest request) {
    Set<Operation> required = request.requiredOperations();
    for (Operation operation : required) {
      if (!DESCRIPTOR.supports(operation)) {
        throw new UnsupportedOperationException("telegram does not support " + operation);
      }
    }
    String text = request.text();
    if (request.link() != null && !text.contains(request.link().toString())) {
      text = text.isBlank() ? request.link().toString() : text + "\n\n" + request.link();
    }
    String parseMode = parseMode(request.options().get("parse_mode"));
    List<MediaRef> media = request.media();
    checkMedia(media);
    checkLength(text, parseMode, media.isEmpty() ? MAX_TEXT_LENGTH : MAX_CAPTION_LENGTH);
    String token = token(channel);
    boolean silent = "true".equalsIgnoreCase(request.options().get("disable_notification"));
    if (media.isEmpty()) {
      ObjectNode body = JSON.createObjectNode();
      body.put("chat_id", chatId(channel));
      body.put("text", text);
      if (parseMode != null) {
        body.put("parse_mode", parseMode);
      }
      if (silent) {
        body.put("disable_notification", true);
      }
      return published(
          channel, token, "sendMessage", List.of(call(token, "sendMessage", body, true)));
    }
    MultipartBody body = new MultipartBody().text("chat_id", chatId(channel));
    if (silent) {
      body.text("disable_notification", "true");
    }
    if (media.size() == 1) {
      if (!text.isBlank()) {
        body.text("caption", text);
      }
      if (parseMode != null) {
        body.text("parse_mode", parseMode);
      }
      body.file("photo", filename(0, media.get(0)), media.get(0));
      return published(channel, token, "sendPhoto", List.of(call(token, "sendPhoto", body)));
    }
    ArrayNode items = JSON.createArrayNode();
    for (int i = 0; i < media.size(); i++) {
      ObjectNode item = items.addObject();
      item.put("type", "photo");
      item.put("media", "attach://file" + i);
      if (i == 0 && !text.isBlank()) {
        item.put("caption", text);
        if (parseMode != null) {
          item.put("parse_mode", parseMode);
        }
      }
    }
    body.text("media", items.toString());
    for (int i = 0; i < media.size(); i++) {
      body.file("file" + i, filename(i, media.get(i)), media.get(i));
    }
    JsonNode sent = call(token, "sendMediaGroup", body);
    List<JsonNode> messages = new ArrayList<>();
    sent.forEach(messages::add);
    if (!sent.isArray() || messages.size() != media.size()) {
      throw ConnectorException.builder(ErrorKind.OUTCOME_UNKNOWN, NETWORK_ID)
          .networkMessage(
              "sendMediaGroup answered ok without one message per photo (" + media.size() + ")")
          .rawResponse(REDACTOR.redact(sent.toString(), token))
          .build();
    }
    return published(channel, token, "sendMediaGroup", messages);
  }

  /**
   * Telegram counts after entity parsing: plain text is counted as is; with markup the raw text may
   * be longer than what counts, so Telegram decides (400 "message is too long", "message caption is
   * too long").
   */
  private static void checkLength(String text, String parseMode, int max) {
    int length = TextCounter.utf16Units(text);
    if (parseMode == null && length > max) {
      throw ConnectorException.contentRejected(
          NETWORK_ID,
          max == MAX_TEXT_LENGTH ? "TEXT_TOO_LONG" : "CAPTION_TOO_LONG",
          (max == MAX_TEXT_LENGTH ? "the text has " : "the caption has ")
              + length
              + " UTF-16 code units; Telegram takes at most "
              + max,
          null);
    }
  }

  /** Refuses, before sending, the images the Bot API's photo upload would refuse. */
  private static void checkMedia(List<MediaRef> media) {
    if (media.size() > MAX_IMAGES) {
      throw ConnectorException.mediaRejected(
          NETWORK_ID,
          "TOO_MANY_IMAGES",
          "an album takes at most " + MAX_IMAGES + " photos, got " + media.size(),
          null);
    }
    for (MediaRef image : media) {
      if (!MEDIA_RULES.accepts(image.mimeType())) {
        throw ConnectorException.mediaRejected(
            NETWORK_ID,
            "UNSUPPORTED_TYPE",
            image.id() + ": Telegram photos are JPEG or PNG, not " + image.mimeType(),
            null);
      }
      if (image.sizeBytes() > MAX_IMAGE_BYTES) {
        throw ConnectorException.mediaRejected(
            NETWORK_ID,
            "TOO_LARGE",
            image.id()
                + " has "
                + image.sizeBytes()
                + " bytes; a Telegram photo is at most 10 MB ("
                + MAX_IMAGE_BYTES
                + " bytes)",
            null);
      }
      if (image.width() != null && image.height() != null) {
        int longer = Math.max(image.width(), image.height());
        int shorter = Math.min(image.width(), image.height());
        if (image.width() + image.height() > MAX_IMAGE_SIDES_SUM
            || longer > (long) shorter * MAX_IMAGE_RATIO) {
          throw ConnectorException.mediaRejected(
              NETWORK_ID,
              "BAD_DIMENSIONS",
              image.id()
                  + " is "
                  + image.width()
                  + "x"
                  + image.height()
                  + "; a Telegram photo's width plus height is at most "
                  + MAX_IMAGE_SIDES_SUM
                  + " and its ratio at most "
                  + MAX_IMAGE_RATIO,
              null);
        }
      }
    }
  }

  /** {@code file0.jpeg}: a safe part file name, whatever the media's id. */
  private static String filename(int index, MediaRef media) {
    return "file" + index + "." + media.mimeType().substring(media.mimeType().indexOf('/') + 1);
  }

  /**
   * The result of the messages {@code method} sent: their ids comma-joined, the first message's
   * date and {@code t.me} link.
   */
  private PublishResult published(
      ChannelContext channel, String token, String method, List<JsonNode> messages) {
    List<String> ids = new ArrayList<>();
    for (JsonNode message : messages) {
      JsonNode messageId = message.path("message_id");
      if (!messageId.canConvertToLong() || !messageId.isIntegralNumber()) {
        throw ConnectorException.builder(ErrorKind.OUTCOME_UNKNOWN, NETWORK_ID)
            .networkMessage(method + " answered ok without a message_id")
            .rawResponse(REDACTOR.redact(message.toString(), token))
            .build();
      }
      ids.add(String.valueOf(messageId.asLong()));
    }
    JsonNode result = messages.get(0);
    long date = result.path("date").asLong(0);
    Instant publishedAt = date > 0 ? Instant.ofEpochSecond(date) : clock.instant();
    JsonNode chat = result.path("chat");
    if ("private".equals(chat.path("type").asText())) {
      // a reply in a private chat: the username is the user's and t.me has no link to it
      return PublishResult.published(String.join(",", ids), null, publishedAt);
    }
    String username = chat.path("username").asText(null);
    if (username == null || username.isBlank()) {
      username = channel.setting(SETTING_PUBLIC_USERNAME);
    }
    URI url = null;
    if (username != null && !username.isBlank()) {
      String name = username.startsWith("@") ? username.substring(1) : username;
      if (name.matches("[A-Za-z0-9_]{4,32}")) {
        url = URI.create("https://t.me/" + name + "/" + ids.get(0));
      }
    }
    return PublishResult.published(String.join(",", ids), url, publishedAt);
  }

  /**
   * Deletes the message, or every message of an album ({@code "42,43,44"}), in the channel's chat
   * or, for a reply elsewhere, the chat its id names ({@code "4242:7"}).
   */
  @Override
  public void delete(ChannelContext channel, String platformPostId) {
    MessageRef ref = messageRef(channel, platformPostId);
    String token = token(channel);
    for (long messageId : ref.messageIds()) {
      ObjectNode body = JSON.createObjectNode();
      body.put("chat_id", ref.chatId());
      body.put("message_id", messageId);
      try {
        call(token, "deleteMessage", body, false);
      } catch (ConnectorException e) {
        String message = e.networkMessage() == null ? "" : e.networkMessage();
        if (!"400".equals(e.networkCode())
            || !message.toLowerCase(Locale.ROOT).contains("message to delete not found")) {
          throw e;
        }
        // already gone: deleting is idempotent, also after a partly done album
      }
    }
  }

  @Override
  public PostLookup fetchPost(ChannelContext channel, PostQuery query) {
    return PostLookup.unknown(
        "Telegram bots cannot read messages back; check the chat by hand before publishing again");
  }

  @Override
  public Page<Interaction> fetchMessages(ChannelContext channel, InteractionQuery query) {
    ObjectNode body = JSON.createObjectNode();
    body.put("timeout", 0);
    body.put("limit", query.limit());
    body.putArray("allowed_updates").add("message").add("channel_post");
    if (query.cursor() != null) {
      try {
        body.put("offset", Long.parseLong(query.cursor()));
      } catch (NumberFormatException e) {
        throw ConnectorException.permanent(
            NETWORK_ID, "BAD_CURSOR", "not a getUpdates offset: " + query.cursor(), null);
      }
    }
    String token = token(channel);
    JsonNode updates = call(token, "getUpdates", body, false);
    List<Interaction> items = new ArrayList<>();
    String next = query.cursor();
    for (JsonNode update : updates) {
      next = String.valueOf(update.path("update_id").asLong() + 1);
      Interaction interaction = interaction(update.path("message"));
      if (interaction != null
          && (query.since() == null || !interaction.createdAt().isBefore(query.since()))) {
        items.add(interaction);
      }
    }
    return new Page<>(items, next);
  }

  /** A private or group message as an interaction; {@code null} for anything else. */
  private static Interaction interaction(JsonNode message) {
    JsonNode from = message.path("from");
    if (!message.path("message_id").isIntegralNumber() || !from.path("id").isIntegralNumber()) {
      return null;
    }
    String chatId = String.valueOf(message.path("chat").path("id").asLong());
    boolean isPrivate = "private".equals(message.path("chat").path("type").asText());
    JsonNode replyTo = message.path("reply_to_message").path("message_id");
    String name =
        (from.path("first_name").asText("") + " " + from.path("last_name").asText("")).trim();
    return new Interaction(
        isPrivate ? Interaction.Kind.DM : Interaction.Kind.COMMENT,
        chatId + ":" + message.path("message_id").asLong(),
        null,
        chatId,
        replyTo.isIntegralNumber() ? chatId + ":" + replyTo.asLong() : null,
        new Interaction.Author(
            String.valueOf(from.path("id").asLong()),
            from.path("username").asText(null),
            name.isEmpty() ? null : name),
        message.has("text") ? message.path("text").asText() : message.path("caption").asText(""),
        Instant.ofEpochSecond(message.path("date").asLong()));
  }

  /**
   * Answers in the chat of the message replied to, quoting it with {@code reply_parameters} (the
   * first message of an album). The answer's id names its chat when that is not the channel's.
   */
  @Override
  public PublishResult reply(ChannelContext channel, ReplyRequest request) {
    MessageRef ref = messageRef(channel, request.target().platformId());
    checkLength(request.text(), null, MAX_TEXT_LENGTH);
    ObjectNode body = JSON.createObjectNode();
    body.put("chat_id", ref.chatId());
    body.put("text", request.text());
    body.putObject("reply_parameters")
        .put("message_id", ref.messageIds().get(0))
        .put("chat_id", ref.chatId());
    String token = token(channel);
    PublishResult sent =
        published(channel, token, "sendMessage", List.of(call(token, "sendMessage", body, true)));
    if (ref.chatId().equals(chatId(channel))) {
      return sent;
    }
    return PublishResult.published(
        ref.chatId() + ":" + sent.platformPostId(), sent.url(), sent.publishedAt());
  }

  /**
   * Messages of one chat: {@code <chat id>:<message ids>}, or the ids alone in the channel's chat.
   */
  private record MessageRef(String chatId, List<Long> messageIds) {}

  private static MessageRef messageRef(ChannelContext channel, String id) {
    List<Long> messageIds = new ArrayList<>();
    try {
      int colon = id.lastIndexOf(':');
      for (String messageId : id.substring(colon + 1).split(",", -1)) {
        messageIds.add(Long.parseLong(messageId));
      }
      return new MessageRef(colon < 0 ? chatId(channel) : id.substring(0, colon), messageIds);
    } catch (NumberFormatException | NullPointerException e) {
      throw ConnectorException.permanent(
          NETWORK_ID, "BAD_MESSAGE_ID", "not a Telegram message id: " + id, null);
    }
  }

  // ---- HTTP and error classification ----

  /**
   * Calls {@code method} and answers the envelope's {@code result}.
   *
   * @param write whether the call creates something, so that an unknown fate after sending is
   *     {@link ErrorKind#OUTCOME_UNKNOWN} rather than {@link ErrorKind#TRANSIENT}
   */
  private JsonNode call(String token, String method, ObjectNode body, boolean write) {
    return call(
        token,
        method,
        "application/json",
        HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8),
        write);
  }

  /** Uploads {@code multipart/form-data}: a write. */
  private JsonNode call(String token, String method, MultipartBody body) {
    return call(token, method, body.contentType(), body.publisher(), true);
  }

  private JsonNode call(
      String token,
      String method,
      String contentType,
      HttpRequest.BodyPublisher body,
      boolean write) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/bot" + token + "/" + method))
            .timeout(requestTimeout)
            .header("Content-Type", contentType)
            .header("Accept", "application/json")
            .POST(body)
            .build();
    HttpResponse<String> response = transport.send(request, token, method, write);
    return interpret(response.statusCode(), response.body(), token, method, write);
  }

  JsonNode interpret(int status, String rawBody, String token, String method, boolean write) {
    String raw = REDACTOR.redact(rawBody == null ? "" : rawBody, token);
    JsonNode envelope = parse(raw);
    boolean hasEnvelope = envelope != null && envelope.path("ok").isBoolean();

    if (hasEnvelope && envelope.path("ok").asBoolean()) {
      if (status >= 200 && status < 300 && envelope.has("result")) {
        return envelope.get("result");
      }
      throw malformed(status, raw, method, write, "ok:true without a result");
    }

    int code = status;
    String description = null;
    if (hasEnvelope) {
      JsonNode errorCode = envelope.path("error_code");
      if (errorCode.isIntegralNumber()) {
        code = errorCode.asInt();
      }
      description = envelope.path("description").asText(null);
    }
    String networkCode = String.valueOf(code);
    String lower = description == null ? "" : description.toLowerCase(Locale.ROOT);

    if (code == 401 || status == 401) {
      return fail(
          ConnectorException.builder(ErrorKind.AUTH_REVOKED, NETWORK_ID)
              .networkCode(networkCode)
              .networkMessage(description == null ? "the bot token was refused" : description)
              .rawResponse(raw));
    }
    if (code == 429 || status == 429) {
      long seconds =
          hasEnvelope && envelope.path("parameters").path("retry_after").canConvertToLong()
              ? envelope.path("parameters").path("retry_after").asLong()
              : DEFAULT_RETRY_AFTER.toSeconds();
      return fail(
          ConnectorException.builder(ErrorKind.RATE_LIMITED, NETWORK_ID)
              .retryAfter(RetryHints.afterSeconds(seconds, clock))
              .networkCode(networkCode)
              .networkMessage(description)
              .rawResponse(raw));
    }
    if (status >= 500 || code >= 500) {
      return fail(
          ConnectorException.builder(ErrorKind.TRANSIENT, NETWORK_ID)
              .networkCode(networkCode)
              .networkMessage(description == null ? "HTTP " + status : description)
              .rawResponse(raw));
    }
    if (!hasEnvelope) {
      throw malformed(status, raw, method, write, "not a Telegram answer");
    }
    if (code == 400
        && (lower.contains("message is too long")
            || lower.contains("text is too long")
            || lower.contains("message caption is too long")
            || lower.contains("can't parse entities")
            || lower.contains("message text is empty"))) {
      return fail(
          ConnectorException.builder(ErrorKind.CONTENT_REJECTED, NETWORK_ID)
              .networkCode(networkCode)
              .networkMessage(description)
              .rawResponse(raw));
    }
    if (code == 400
        && (lower.contains("photo_invalid_dimensions")
            || lower.contains("image_process_failed")
            || lower.contains("can't parse inputmedia")
            || lower.contains("messages to send as an album")
            || lower.contains("there is no photo in the request"))) {
      return fail(
          ConnectorException.builder(ErrorKind.MEDIA_REJECTED, NETWORK_ID)
              .networkCode(networkCode)
              .networkMessage(description)
              .rawResponse(raw));
    }
    if (code == 409 && lower.contains("webhook is active")) {
      return fail(
          ConnectorException.builder(ErrorKind.PERMANENT, NETWORK_ID)
              .networkCode(networkCode)
              .networkMessage(
                  description
                      + " (the bot has a webhook: Telegram hands out updates either to the webhook"
                      + " or to getUpdates; delete the webhook to read messages here)")
              .rawResponse(raw));
    }
    // 400 chat not found, 403 bot blocked / not a member, 404 ...: a person must act.
    return fail(
        ConnectorException.builder(ErrorKind.PERMANENT, NETWORK_ID)
            .networkCode(networkCode)
            .networkMessage(description == null ? "HTTP " + status : description)
            .rawResponse(raw));
  }

  private static JsonNode fail(ConnectorException.Builder builder) {
    throw builder.build();
  }

  /**
   * An answer that is not Telegram's envelope. After a write the message may exist (a proxy may
   * have mangled a success), so the outcome is unknown; otherwise a 2xx is transient and the rest
   * permanent.
   */
  private static ConnectorException malformed(
      int status, String raw, String method, boolean write, String what) {
    ErrorKind kind;
    if (write && status >= 200 && status < 300) {
      kind = ErrorKind.OUTCOME_UNKNOWN;
    } else if (status >= 200 && status < 300) {
      kind = ErrorKind.TRANSIENT;
    } else {
      kind = ErrorKind.PERMANENT;
    }
    return ConnectorException.builder(kind, NETWORK_ID)
        .networkCode(String.valueOf(status))
        .networkMessage(method + ": " + what + " (HTTP " + status + ")")
        .rawResponse(raw)
        .build();
  }

  private static JsonNode parse(String raw) {
    try {
      JsonNode node = JSON.readTree(raw);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String parseMode(String option) {
    if (option == null || option.isBlank()) {
      return null;
    }
    String mode = option.trim();
    if (mode.equalsIgnoreCase("HTML")) {
      return "HTML";
    }
    if (mode.equalsIgnoreCase("MarkdownV2")) {
      return "MarkdownV2";
    }
    throw ConnectorException.contentRejected(
        NETWORK_ID, "BAD_PARSE_MODE", "parse_mode must be HTML or MarkdownV2", null);
  }

  private static String token(ChannelContext channel) {
    String token = channel.credentials().accessToken();
    if (token == null || token.isBlank()) {
      throw ConnectorException.authRevoked(NETWORK_ID, "NO_TOKEN", null);
    }
    if (token.contains("/") || token.contains("?") || token.contains("#") || token.contains(" ")) {
      throw ConnectorException.authRevoked(NETWORK_ID, "MALFORMED_TOKEN", null);
    }
    return token;
  }

  private static String chatId(ChannelContext channel) {
    String chatId = channel.setting(SETTING_CHAT_ID);
    return chatId == null || chatId.isBlank() ? channel.accountId() : chatId.trim();
  }
}
