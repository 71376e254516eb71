package org.socialweave.sandbox.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.socialweave.sandbox.Fault;
import org.socialweave.sandbox.TelegramMessage;
import org.socialweave.sandbox.TelegramPhoto;
import org.socialweave.sandbox.TelegramSandbox;

/** Telegram Bot API wire format: {@code /bot<token>/<method>}. */
public final class TelegramSimulator extends Simulator implements TelegramSandbox {

  private static final Pattern PATH = Pattern.compile("/bot([^/]+)/([A-Za-z]+)/?");
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Bot(long id, String username) {}

  /** A user's message to a bot, as {@code getUpdates} hands it out. */
  private record Update(
      String token, long updateId, long chatId, long messageId, JsonNode message) {}

  private record Chat(long id, String username) {
    String type() {
      if (id > 0) {
        return "private";
      }
      return String.valueOf(id).startsWith("-100") ? "channel" : "group";
    }
  }

  private final Object lock = new Object();
  private final Map<String, Bot> bots = new HashMap<>();
  private final Map<Long, Chat> chats = new HashMap<>();
  private final FaultQueue<Fault> faults = new FaultQueue<>();
  private final List<TelegramMessage> messages = new ArrayList<>();
  private final Map<Long, Long> lastMessageId = new HashMap<>();
  private final List<Update> updates = new ArrayList<>();
  private final Map<String, Long> confirmedOffset = new HashMap<>();
  private final Map<String, String> webhooks = new HashMap<>();
  private long nextUpdateId = 500_000_001L;
  private long nextUserId = 9_000_000_001L;
  private long nextBotId = 7_000_000_001L;
  private long nextMediaGroupId = 13_000_000_000_001L;

  // ---- TelegramSandbox ----

  @Override
  public void addBot(String token, String username) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("token is required");
    }
    synchronized (lock) {
      bots.put(token, new Bot(nextBotId++, username == null ? "sandbox_bot" : username));
    }
  }

  @Override
  public void addChat(long chatId, String username) {
    synchronized (lock) {
      chats.put(chatId, new Chat(chatId, username));
    }
  }

  @Override
  public void revoke(String token) {
    synchronized (lock) {
      bots.remove(token);
    }
  }

  @Override
  public void inject(String token, Fault fault, int times) {
    faults.add(token, fault, times);
  }

  @Override
  public void clearFaults(String token) {
    faults.clear(token);
  }

  @Override
  public List<TelegramMessage> messages(String token) {
    synchronized (lock) {
      return messages.stream().filter(m -> m.botToken().equals(token)).toList();
    }
  }

  @Override
  public long receive(String token, long chatId, String fromUsername, String text) {
    synchronized (lock) {
      if (!bots.containsKey(token)) {
        throw new IllegalArgumentException("unknown bot");
      }
      Chat chat = chats.get(chatId);
      if (chat == null && chatId > 0) {
        chat = new Chat(chatId, fromUsername);
        chats.put(chatId, chat);
      }
      if (chat == null) {
        throw new IllegalArgumentException("unknown chat " + chatId);
      }
      long messageId = lastMessageId.merge(chatId, 1L, Long::sum);
      ObjectNode message = messageNode(chat, messageId, Instant.now());
      ObjectNode from = message.putObject("from");
      from.put("id", chatId > 0 ? chatId : nextUserId++);
      from.put("is_bot", false);
      from.put("first_name", fromUsername);
      from.put("username", fromUsername);
      message.put("text", text);
      updates.add(new Update(token, nextUpdateId++, chatId, messageId, message));
      return messageId;
    }
  }

  @Override
  public void reset() {
    synchronized (lock) {
      bots.clear();
      chats.clear();
      faults.reset();
      messages.clear();
      lastMessageId.clear();
      updates.clear();
      confirmedOffset.clear();
      webhooks.clear();
      requests.reset();
    }
  }

  // ---- HTTP ----

  private static Answer ok(JsonNode result) {
    ObjectNode env = JSON.createObjectNode();
    env.put("ok", true);
    env.set("result", result);
    return new Answer(200, "application/json", env.toString());
  }

  private static Answer error(int code, String description) {
    return error(code, description, null);
  }

  private static Answer error(int code, String description, Integer retryAfter) {
    ObjectNode env = JSON.createObjectNode();
    env.put("ok", false);
    env.put("error_code", code);
    env.put("description", description);
    if (retryAfter != null) {
      env.putObject("parameters").put("retry_after", retryAfter);
    }
    return new Answer(code, "application/json", env.toString());
  }

  @Override
  Answer internalError(RuntimeException e) {
    return error(500, "Internal Server Error: " + e.getClass().getSimpleName());
  }

  @Override
  Answer answer(HttpExchange exchange) throws IOException, InterruptedException {
    Matcher m = PATH.matcher(exchange.getRequestURI().getPath());
    if (!m.matches()) {
      return error(404, "Not Found");
    }
    String token = m.group(1);
    String method = m.group(2);
    requests.countKey(token);
    Map<String, String> params;
    Map<String, MultipartForm.Part> files = new HashMap<>();
    try {
      params = params(exchange, files);
    } catch (IllegalArgumentException e) {
      return error(400, "Bad Request: can't parse JSON");
    }

    Fault fault = faults.next(token);
    return play(fault, () -> call(token, method, params, files), TelegramSimulator::failure);
  }

  private static Answer failure(Fault fault) {
    switch (fault.type()) {
      case RATE_LIMITED:
        return error(
            429,
            "Too Many Requests: retry after " + fault.retryAfterSeconds(),
            fault.retryAfterSeconds());
      case SERVER_ERROR:
        return fault.status() == 500
            ? error(500, "Internal Server Error")
            : Answer.gatewayPage(fault.status());
      case ERROR:
        return error(fault.status(), fault.description());
      case RAW:
        return new Answer(fault.status(), "text/plain", fault.body());
      default:
        throw new IllegalStateException("unknown fault " + fault.type());
    }
  }

  private Answer call(
      String token,
      String method,
      Map<String, String> params,
      Map<String, MultipartForm.Part> files) {
    synchronized (lock) {
      Bot bot = bots.get(token);
      if (bot == null) {
        return error(401, "Unauthorized");
      }
      switch (method.toLowerCase(Locale.ROOT)) {
        case "getme":
          {
            ObjectNode me = JSON.createObjectNode();
            me.put("id", bot.id());
            me.put("is_bot", true);
            me.put("first_name", "Sandbox Bot");
            me.put("username", bot.username());
            return ok(me);
          }
        case "getupdates":
          return getUpdates(token, params);
        case "setwebhook":
          return setWebhook(token, params.get("url"));
        case "deletewebhook":
          return setWebhook(token, "");
        case "sendmessage":
          return sendMessage(token, params);
        case "sendphoto":
          return sendPhoto(token, params, files);
        case "sendmediagroup":
          return sendMediaGroup(token, params, files);
        case "deletemessage":
          return deleteMessage(token, params);
        default:
          return error(404, "Not Found");
      }
    }
  }

  /**
   * {@code getUpdates} without long polling: the bot's updates from {@code offset} on (at most
   * {@code limit}); an offset confirms, and forgets, every update before it. Refused with 409 while
   * a webhook is set, as Telegram does.
   */
  private Answer getUpdates(String token, Map<String, String> params) {
    if (webhooks.containsKey(token)) {
      return error(
          409,
          "Conflict: can't use getUpdates method while webhook is active;"
              + " use deleteWebhook to delete the webhook first");
    }
    long offset;
    int limit;
    try {
      offset = Long.parseLong(params.getOrDefault("offset", "0"));
      limit = Integer.parseInt(params.getOrDefault("limit", "100"));
    } catch (NumberFormatException e) {
      return error(400, "Bad Request: wrong parameter");
    }
    long confirmed = confirmedOffset.merge(token, offset, Math::max);
    ArrayNode result = JSON.createArrayNode();
    updates.stream()
        .filter(u -> u.token().equals(token) && u.updateId() >= confirmed)
        .limit(Math.max(1, Math.min(limit, 100)))
        .forEach(
            u -> {
              ObjectNode update = result.addObject();
              update.put("update_id", u.updateId());
              update.set("message", u.message());
            });
    return ok(result);
  }

  /** {@code setWebhook} with a URL sets it; an empty URL, or {@code deleteWebhook}, removes it. */
  private Answer setWebhook(String token, String url) {
    if (url == null || url.isEmpty()) {
      webhooks.remove(token);
    } else {
      webhooks.put(token, url);
    }
    return ok(JSON.getNodeFactory().booleanNode(true));
  }

  /** Whether {@code messageId} is in the chat: sent by the bot and not deleted, or received. */
  private boolean exists(String token, long chatId, long messageId) {
    return messages.stream()
            .anyMatch(
                m ->
                    m.botToken().equals(token)
                        && m.chatId() == chatId
                        && m.messageId() == messageId
                        && !m.deleted())
        || updates.stream()
            .anyMatch(
                u -> u.token().equals(token) && u.chatId() == chatId && u.messageId() == messageId);
  }

  private Answer sendMessage(String token, Map<String, String> params) {
    String chatRef = params.get("chat_id");
    if (chatRef == null || chatRef.isBlank()) {
      return error(400, "Bad Request: chat_id is empty");
    }
    String text = params.get("text");
    if (text == null || text.isEmpty()) {
      return error(400, "Bad Request: message text is empty");
    }
    String parseMode = params.get("parse_mode");
    if (parseMode != null && parseMode.isEmpty()) {
      parseMode = null;
    }
    String shown = entitiesParsed(text, parseMode);
    if (shown == null) {
      return error(400, "Bad Request: unsupported parse_mode");
    }
    if (shown.trim().isEmpty()) {
      return error(400, "Bad Request: message text is empty");
    }
    if (shown.length() > MAX_MESSAGE_LENGTH) {
      return error(400, "Bad Request: message is too long");
    }
    Chat chat = resolveChat(chatRef);
    if (chat == null) {
      return error(400, "Bad Request: chat not found");
    }
    Long replyTo = null;
    if (params.containsKey("reply_parameters")) {
      JsonNode reply;
      try {
        reply = JSON.readTree(params.get("reply_parameters"));
      } catch (IOException e) {
        return error(400, "Bad Request: can't parse reply parameters JSON object");
      }
      Chat replyChat =
          reply.hasNonNull("chat_id") ? resolveChat(reply.path("chat_id").asText()) : chat;
      if (replyChat == null || !exists(token, replyChat.id(), reply.path("message_id").asLong())) {
        return error(400, "Bad Request: message to be replied not found");
      }
      replyTo = reply.path("message_id").asLong();
    }
    long messageId = lastMessageId.merge(chat.id(), 1L, Long::sum);
    Instant date = Instant.ofEpochSecond(Instant.now().getEpochSecond());
    messages.add(
        new TelegramMessage(
            token, chat.id(), messageId, text, parseMode, date, false, List.of(), null, replyTo));

    ObjectNode result = messageNode(chat, messageId, date);
    result.put("text", shown);
    return ok(result);
  }

  /** The text as shown after entity parsing, or {@code null} for an unknown parse mode. */
  private static String entitiesParsed(String text, String parseMode) {
    if (parseMode == null) {
      return text;
    }
    if (parseMode.equalsIgnoreCase("HTML")) {
      return stripHtml(text);
    }
    if (parseMode.equalsIgnoreCase("MarkdownV2") || parseMode.equals("Markdown")) {
      return text.replaceAll("\\\\(.)", "$1").replaceAll("[*_~`|]", "");
    }
    return null;
  }

  /** A Message's common fields: id, chat and date. */
  private static ObjectNode messageNode(Chat chat, long messageId, Instant date) {
    ObjectNode result = JSON.createObjectNode();
    result.put("message_id", messageId);
    ObjectNode chatNode = result.putObject("chat");
    chatNode.put("id", chat.id());
    chatNode.put("type", chat.type());
    if (chat.username() != null) {
      chatNode.put("username", chat.username());
    }
    if (!chat.type().equals("private")) {
      chatNode.put("title", chat.username() == null ? "Chat " + chat.id() : chat.username());
    }
    result.put("date", date.getEpochSecond());
    return result;
  }

  /**
   * {@code sendPhoto}: one photo uploaded as the multipart part {@code photo} (or named by {@code
   * attach://<part>}), with an optional caption of at most {@value
   * TelegramSandbox#MAX_CAPTION_LENGTH} UTF-16 code units after entity parsing.
   */
  private Answer sendPhoto(
      String token, Map<String, String> params, Map<String, MultipartForm.Part> files) {
    String chatRef = params.get("chat_id");
    if (chatRef == null || chatRef.isBlank()) {
      return error(400, "Bad Request: chat_id is empty");
    }
    MultipartForm.Part file = files.get("photo");
    if (file == null && params.containsKey("photo")) {
      String ref = params.get("photo");
      file = ref.startsWith("attach://") ? files.get(ref.substring("attach://".length())) : null;
      if (file == null) {
        return error(400, "Bad Request: wrong file identifier/HTTP URL specified");
      }
    }
    if (file == null) {
      return error(400, "Bad Request: there is no photo in the request");
    }
    Caption caption = caption(params.get("caption"), params.get("parse_mode"));
    if (caption.error() != null) {
      return caption.error();
    }
    Chat chat = resolveChat(chatRef);
    if (chat == null) {
      return error(400, "Bad Request: chat not found");
    }
    return ok(storePhoto(token, chat, file, caption, null));
  }

  /**
   * {@code sendMediaGroup}: {@code media} is a JSON array of 2 to {@value
   * TelegramSandbox#MAX_MEDIA_GROUP_SIZE} InputMediaPhoto whose {@code media} is {@code
   * attach://<part>}; answers the array of the messages sent, one per photo.
   */
  private Answer sendMediaGroup(
      String token, Map<String, String> params, Map<String, MultipartForm.Part> files) {
    String chatRef = params.get("chat_id");
    if (chatRef == null || chatRef.isBlank()) {
      return error(400, "Bad Request: chat_id is empty");
    }
    if (params.get("media") == null) {
      return error(400, "Bad Request: parameter \"media\" is required");
    }
    JsonNode media;
    try {
      media = JSON.readTree(params.get("media"));
    } catch (IOException e) {
      return error(400, "Bad Request: can't parse JSON");
    }
    if (media == null || !media.isArray()) {
      return error(400, "Bad Request: can't parse JSON");
    }
    if (media.isEmpty()) {
      return error(400, "Bad Request: there are no messages to send");
    }
    if (media.size() > MAX_MEDIA_GROUP_SIZE) {
      return error(400, "Bad Request: too many messages to send as an album");
    }
    if (media.size() < 2) {
      return error(400, "Bad Request: media must include 2-10 items");
    }
    List<MultipartForm.Part> photos = new ArrayList<>();
    List<Caption> captions = new ArrayList<>();
    for (JsonNode item : media) {
      String type = item.path("type").asText("");
      if (!type.equals("photo")) {
        return error(
            400, "Bad Request: can't parse InputMedia: type \"" + type + "\" is unsupported");
      }
      String ref = item.path("media").asText("");
      if (!ref.startsWith("attach://")) {
        return error(400, "Bad Request: wrong file identifier/HTTP URL specified");
      }
      MultipartForm.Part file = files.get(ref.substring("attach://".length()));
      if (file == null) {
        return error(400, "Bad Request: can't parse InputMedia: media not found");
      }
      Caption caption =
          caption(item.path("caption").asText(null), item.path("parse_mode").asText(null));
      if (caption.error() != null) {
        return caption.error();
      }
      photos.add(file);
      captions.add(caption);
    }
    Chat chat = resolveChat(chatRef);
    if (chat == null) {
      return error(400, "Bad Request: chat not found");
    }
    String mediaGroupId = String.valueOf(nextMediaGroupId++);
    ArrayNode sent = JSON.createArrayNode();
    for (int i = 0; i < photos.size(); i++) {
      sent.add(storePhoto(token, chat, photos.get(i), captions.get(i), mediaGroupId));
    }
    return ok(sent);
  }

  /**
   * A photo's caption as sent and as shown; {@code error} is Telegram's answer when it is refused.
   */
  private record Caption(String text, String parseMode, String shown, Answer error) {}

  private static Caption caption(String text, String parseMode) {
    String raw = text == null ? "" : text;
    String mode = parseMode == null || parseMode.isEmpty() ? null : parseMode;
    String shown = entitiesParsed(raw, mode);
    if (shown == null) {
      return new Caption(raw, mode, null, error(400, "Bad Request: unsupported parse_mode"));
    }
    if (shown.length() > MAX_CAPTION_LENGTH) {
      return new Caption(raw, mode, shown, error(400, "Bad Request: message caption is too long"));
    }
    return new Caption(raw, mode, shown, null);
  }

  /** Stores a photo message and answers it as a Message with its {@code photo} sizes. */
  private ObjectNode storePhoto(
      String token, Chat chat, MultipartForm.Part file, Caption caption, String mediaGroupId) {
    long messageId = lastMessageId.merge(chat.id(), 1L, Long::sum);
    Instant date = Instant.ofEpochSecond(Instant.now().getEpochSecond());
    TelegramPhoto photo =
        new TelegramPhoto(file.filename(), file.contentType(), file.content().length);
    messages.add(
        new TelegramMessage(
            token,
            chat.id(),
            messageId,
            caption.text(),
            caption.parseMode(),
            date,
            false,
            List.of(photo),
            mediaGroupId,
            null));
    ObjectNode result = messageNode(chat, messageId, date);
    if (mediaGroupId != null) {
      result.put("media_group_id", mediaGroupId);
    }
    ObjectNode size = result.putArray("photo").addObject();
    size.put("file_id", "sandbox-photo-" + chat.id() + "-" + messageId);
    size.put("file_unique_id", "sandbox-" + messageId);
    size.put("file_size", photo.sizeBytes());
    if (!caption.shown().isEmpty()) {
      result.put("caption", caption.shown());
    }
    return result;
  }

  private Answer deleteMessage(String token, Map<String, String> params) {
    Chat chat = params.get("chat_id") == null ? null : resolveChat(params.get("chat_id"));
    if (chat == null) {
      return error(400, "Bad Request: chat not found");
    }
    long messageId;
    try {
      messageId = Long.parseLong(params.getOrDefault("message_id", ""));
    } catch (NumberFormatException e) {
      return error(400, "Bad Request: message identifier is not specified");
    }
    for (int i = 0; i < messages.size(); i++) {
      TelegramMessage msg = messages.get(i);
      if (msg.botToken().equals(token)
          && msg.chatId() == chat.id()
          && msg.messageId() == messageId
          && !msg.deleted()) {
        messages.set(
            i,
            new TelegramMessage(
                token,
                msg.chatId(),
                messageId,
                msg.text(),
                msg.parseMode(),
                msg.date(),
                true,
                msg.photos(),
                msg.mediaGroupId(),
                msg.replyToMessageId()));
        return ok(JSON.getNodeFactory().booleanNode(true));
      }
    }
    return error(400, "Bad Request: message to delete not found");
  }

  private Chat resolveChat(String ref) {
    String r = ref.trim();
    if (r.startsWith("@")) {
      String name = r.substring(1);
      for (Iterator<Chat> it = chats.values().iterator(); it.hasNext(); ) {
        Chat chat = it.next();
        if (name.equalsIgnoreCase(chat.username())) {
          return chat;
        }
      }
      return null;
    }
    try {
      return chats.get(Long.parseLong(r));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String stripHtml(String html) {
    return html.replaceAll("<[^>]*>", "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
  }

  /**
   * Query, then form, JSON or multipart body; a later value of a key wins, as in Telegram. A
   * multipart body's file parts go to {@code files} by name, its plain fields to the parameters.
   */
  private static Map<String, String> params(
      HttpExchange exchange, Map<String, MultipartForm.Part> files) throws IOException {
    Map<String, List<String>> form = FormBodies.query(exchange);
    byte[] body = FormBodies.body(exchange);
    boolean json = body.length > 0 && FormBodies.isJson(exchange);
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    boolean multipart = body.length > 0 && MultipartForm.isMultipart(contentType);
    if (body.length > 0 && !json && !multipart) {
      FormBodies.parseForm(new String(body, StandardCharsets.UTF_8), form);
    }
    Map<String, String> params = new HashMap<>();
    form.forEach((key, values) -> params.put(key, values.get(values.size() - 1)));
    if (multipart) {
      for (MultipartForm.Part part : MultipartForm.parse(contentType, body)) {
        if (part.filename() == null) {
          params.put(part.name(), part.text());
        } else {
          files.put(part.name(), part);
        }
      }
    }
    if (json) {
      JsonNode node;
      try {
        node = JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalArgumentException("bad JSON");
      }
      if (node != null && node.isObject()) {
        node.fields()
            .forEachRemaining(
                e ->
                    params.put(
                        e.getKey(),
                        e.getValue().isValueNode()
                            ? e.getValue().asText()
                            : e.getValue().toString()));
      }
    }
    return params;
  }
}
