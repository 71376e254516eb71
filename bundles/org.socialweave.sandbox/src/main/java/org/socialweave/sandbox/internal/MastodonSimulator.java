package org.socialweave.sandbox.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.BreakIterator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.socialweave.sandbox.Fault;
import org.socialweave.sandbox.MastodonMedia;
import org.socialweave.sandbox.MastodonSandbox;
import org.socialweave.sandbox.MastodonStatus;

/** Mastodon REST wire format under {@code /mastodon/<instance>/api/v1/...} (and v2 media). */
public final class MastodonSimulator extends Simulator implements MastodonSandbox {

  /** The path prefix the sandbox routes here. */
  public static final String PREFIX = "/mastodon/";

  private static final Pattern PATH = Pattern.compile("/mastodon/([A-Za-z0-9.-]+)(/.*)?");
  private static final Pattern STATUS_PATH = Pattern.compile("/api/v1/statuses/([^/]+)/?");
  private static final Pattern CONTEXT_PATH = Pattern.compile("/api/v1/statuses/([^/]+)/context/?");
  private static final Pattern MEDIA_PATH = Pattern.compile("/api/v1/media/([^/]+)/?");
  private static final Pattern URL = Pattern.compile("https?://\\S+");
  private static final Set<String> VISIBILITIES = Set.of("public", "unlisted", "private", "direct");
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Account(String instance, String id, String username) {}

  private record KeyedStatus(String statusId, Instant at) {}

  /** A direct-message thread as its owner sees it, with the account writing to them. */
  private static final class Conversation {
    final String id;
    final String ownerToken;
    final String otherUsername;
    final List<String> statusIds = new ArrayList<>();

    Conversation(String id, String ownerToken, String otherUsername, String firstStatusId) {
      this.id = id;
      this.ownerToken = ownerToken;
      this.otherUsername = otherUsername;
      statusIds.add(firstStatusId);
    }

    String lastStatusId() {
      return statusIds.get(statusIds.size() - 1);
    }
  }

  /** An upload: whose, how many polls until processed, and the status it is attached to. */
  private static final class Upload {
    final String accessToken;
    final String instance;
    final MastodonMedia media;
    int pollsLeft;
    String statusId;

    Upload(String accessToken, String instance, MastodonMedia media, int pollsLeft) {
      this.accessToken = accessToken;
      this.instance = instance;
      this.media = media;
      this.pollsLeft = pollsLeft;
    }
  }

  private final URI sandboxUrl;
  private final Object lock = new Object();
  private final Set<String> instances = new java.util.HashSet<>();
  private final Map<String, Account> accounts = new HashMap<>();
  private final Map<String, String> accountIds = new HashMap<>();
  private final List<Conversation> conversations = new ArrayList<>();
  private final FaultQueue<Fault> faults = new FaultQueue<>();
  private final List<MastodonStatus> statuses = new ArrayList<>();
  private final Map<String, KeyedStatus> idempotency = new HashMap<>();
  private final List<Upload> uploads = new ArrayList<>();
  private final SimClock clock = new SimClock(ChronoUnit.MILLIS);
  private long nextStatusId = 110_000_000_000_000_001L;
  private long nextAccountId = 109_000_000_000_000_001L;
  private long nextMediaId = 111_000_000_000_000_001L;
  private long nextConversationId = 1;
  private int processingPolls;

  public MastodonSimulator(URI sandboxUrl) {
    this.sandboxUrl = sandboxUrl;
  }

  // ---- MastodonSandbox ----

  @Override
  public URI addInstance(String instance) {
    if (instance == null || !instance.matches("[A-Za-z0-9.-]+")) {
      throw new IllegalArgumentException("not a host name: " + instance);
    }
    synchronized (lock) {
      instances.add(instance.toLowerCase(Locale.ROOT));
    }
    return instanceUrl(instance);
  }

  @Override
  public URI instanceUrl(String instance) {
    synchronized (lock) {
      if (instance == null || !instances.contains(instance.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("unknown instance: " + instance);
      }
    }
    return URI.create(sandboxUrl + PREFIX + instance.toLowerCase(Locale.ROOT));
  }

  @Override
  public void addAccount(String instance, String accessToken, String username) {
    if (accessToken == null || accessToken.isBlank()) {
      throw new IllegalArgumentException("accessToken is required");
    }
    if (username == null || !username.matches("[A-Za-z0-9_]+")) {
      throw new IllegalArgumentException("not a user name: " + username);
    }
    synchronized (lock) {
      String host = instance.toLowerCase(Locale.ROOT);
      if (!instances.contains(host)) {
        throw new IllegalArgumentException("unknown instance: " + instance);
      }
      accounts.put(accessToken, new Account(host, accountId(host, username), username));
    }
  }

  @Override
  public String addReply(String instance, String statusId, String fromUsername, String text) {
    synchronized (lock) {
      String host = instance.toLowerCase(Locale.ROOT);
      MastodonStatus parent = find(host, statusId);
      if (parent == null) {
        throw new IllegalArgumentException("unknown status on " + instance + ": " + statusId);
      }
      return addForeign(host, fromUsername, text, "public", statusId).id();
    }
  }

  @Override
  public String addDirectMessage(String accessToken, String fromUsername, String text) {
    synchronized (lock) {
      Account to = accounts.get(accessToken);
      if (to == null) {
        throw new IllegalArgumentException("unknown access token");
      }
      String id = addForeign(to.instance(), fromUsername, text, "direct", null).id();
      conversations.add(
          new Conversation(String.valueOf(nextConversationId++), accessToken, fromUsername, id));
      return id;
    }
  }

  /** A status of another account, created now; the caller holds the lock. */
  private MastodonStatus addForeign(
      String instance, String username, String text, String visibility, String inReplyToId) {
    if (username == null || !username.matches("[A-Za-z0-9_]+")) {
      throw new IllegalArgumentException("not a user name: " + username);
    }
    MastodonStatus status =
        new MastodonStatus(
            instance,
            null,
            username,
            String.valueOf(nextStatusId++),
            text,
            visibility,
            inReplyToId,
            List.of(),
            null,
            clock.now(),
            false,
            List.of());
    statuses.add(status);
    return status;
  }

  /** The stable id of a user name on an instance; the caller holds the lock. */
  private String accountId(String instance, String username) {
    return accountIds.computeIfAbsent(
        instance + "\n" + username, k -> String.valueOf(nextAccountId++));
  }

  @Override
  public void revoke(String accessToken) {
    synchronized (lock) {
      accounts.remove(accessToken);
    }
  }

  @Override
  public void inject(String accessToken, Fault fault, int times) {
    faults.add(accessToken, fault, times);
  }

  @Override
  public void clearFaults(String accessToken) {
    faults.clear(accessToken);
  }

  @Override
  public List<MastodonStatus> statuses(String accessToken) {
    synchronized (lock) {
      return statuses.stream().filter(s -> accessToken.equals(s.accessToken())).toList();
    }
  }

  @Override
  public void mediaProcessingPolls(int polls) {
    if (polls < 0) {
      throw new IllegalArgumentException("polls must not be negative");
    }
    synchronized (lock) {
      processingPolls = polls;
    }
  }

  @Override
  public List<MastodonMedia> media(String accessToken) {
    synchronized (lock) {
      return uploads.stream()
          .filter(u -> u.accessToken.equals(accessToken))
          .map(u -> u.media)
          .toList();
    }
  }

  @Override
  public void advanceClock(Duration duration) {
    clock.advance(duration);
  }

  @Override
  public void reset() {
    synchronized (lock) {
      instances.clear();
      accounts.clear();
      accountIds.clear();
      conversations.clear();
      faults.reset();
      statuses.clear();
      idempotency.clear();
      uploads.clear();
      processingPolls = 0;
      requests.reset();
      clock.reset();
    }
  }

  // ---- HTTP ----

  private static Answer json(int status, JsonNode body) {
    return new Answer(status, "application/json; charset=utf-8", body.toString());
  }

  private static Answer error(int status, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", message);
    return json(status, body);
  }

  private record Call(
      String method,
      String instance,
      String path,
      String token,
      String idempotencyKey,
      Map<String, List<String>> params,
      Map<String, MultipartForm.Part> parts) {}

  @Override
  Answer internalError(RuntimeException e) {
    return error(500, "Internal Server Error: " + e.getClass().getSimpleName());
  }

  @Override
  Answer answer(HttpExchange exchange) throws IOException, InterruptedException {
    Matcher m = PATH.matcher(exchange.getRequestURI().getPath());
    if (!m.matches()) {
      return error(404, "Record not found");
    }
    String instance = m.group(1).toLowerCase(Locale.ROOT);
    String path = m.group(2) == null ? "/" : m.group(2);
    synchronized (lock) {
      if (!instances.contains(instance)) {
        return error(404, "Record not found");
      }
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String token = null;
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = authorization.substring(7).trim();
    }
    requests.countKey(token);
    Map<String, List<String>> params;
    Map<String, MultipartForm.Part> parts = new HashMap<>();
    try {
      params = params(exchange, parts);
    } catch (IllegalArgumentException e) {
      return error(400, "Error while parsing request body");
    }
    Call call =
        new Call(
            exchange.getRequestMethod().toUpperCase(Locale.ROOT),
            instance,
            path,
            token,
            exchange.getRequestHeaders().getFirst("Idempotency-Key"),
            params,
            parts);

    Fault fault = token == null ? null : faults.next(token);
    return play(fault, () -> dispatch(call), this::failure);
  }

  private Answer failure(Fault fault) {
    switch (fault.type()) {
      case RATE_LIMITED:
        {
          Instant reset = clock.now().plusSeconds(fault.retryAfterSeconds());
          return error(429, "Too many requests")
              .with(
                  Map.of(
                      "X-RateLimit-Limit", "300",
                      "X-RateLimit-Remaining", "0",
                      "X-RateLimit-Reset", reset.toString()));
        }
      case SERVER_ERROR:
        return fault.status() == 500
            ? error(500, "We're sorry, but something went wrong on our end.")
            : Answer.gatewayPage(fault.status());
      case ERROR:
        return error(fault.status(), fault.description());
      case RAW:
        return new Answer(fault.status(), "application/json", fault.body());
      default:
        throw new IllegalStateException("unknown fault " + fault.type());
    }
  }

  private Answer dispatch(Call call) {
    synchronized (lock) {
      Account account = call.token() == null ? null : accounts.get(call.token());
      if (account != null && !account.instance().equals(call.instance())) {
        account = null; // a token of another instance
      }
      boolean publicRead = call.token() == null && call.method().equals("GET");
      if (account == null && !publicRead) {
        return error(401, "The access token is invalid");
      }
      String path = call.path();
      if (path.equals("/api/v1/accounts/verify_credentials") && call.method().equals("GET")) {
        return json(200, accountJson(account));
      }
      if (path.matches("/api/v1/statuses/?") && call.method().equals("POST")) {
        return postStatus(call, account);
      }
      Matcher m = STATUS_PATH.matcher(path);
      if (m.matches()) {
        String id = m.group(1);
        if (call.method().equals("GET")) {
          MastodonStatus status = find(call.instance(), id);
          return status == null
              ? error(404, "Record not found")
              : json(200, statusJson(status, false));
        }
        if (call.method().equals("DELETE")) {
          MastodonStatus status = find(call.instance(), id);
          if (status == null || !call.token().equals(status.accessToken())) {
            return error(404, "Record not found");
          }
          statuses.set(statuses.indexOf(status), status.asDeleted());
          return json(200, statusJson(status, true));
        }
      }
      Matcher context = CONTEXT_PATH.matcher(path);
      if (context.matches() && call.method().equals("GET")) {
        return context(call.instance(), context.group(1));
      }
      if (path.matches("/api/v1/conversations/?") && call.method().equals("GET")) {
        return account == null ? error(401, "The access token is invalid") : conversations(call);
      }
      if (path.matches("/api/v2/media/?") && call.method().equals("POST")) {
        return upload(call, account);
      }
      Matcher media = MEDIA_PATH.matcher(path);
      if (media.matches() && call.method().equals("GET")) {
        return account == null
            ? error(401, "The access token is invalid")
            : mediaStatus(call, media.group(1));
      }
      return error(404, "Record not found");
    }
  }

  private Answer postStatus(Call call, Account account) {
    Instant now = clock.now();
    String key = call.idempotencyKey();
    String scopedKey = key == null || key.isEmpty() ? null : call.token() + "\n" + key;
    if (scopedKey != null) {
      KeyedStatus seen = idempotency.get(scopedKey);
      if (seen != null
          && now.isBefore(seen.at().plus(Duration.ofMinutes(IDEMPOTENCY_WINDOW_MINUTES)))) {
        MastodonStatus original = byId(seen.statusId());
        if (original != null) {
          return json(200, statusJson(original, false));
        }
      }
    }
    String text = FormBodies.first(call.params(), "status");
    text = text == null ? "" : text;
    List<String> mediaIds = call.params().getOrDefault("media_ids[]", List.of());
    if (text.isBlank() && mediaIds.isEmpty()) {
      return error(422, "Validation failed: Text can't be blank");
    }
    String spoiler = FormBodies.first(call.params(), "spoiler_text");
    int length = countable(text) + (spoiler == null ? 0 : countable(spoiler));
    if (length > MAX_CHARACTERS) {
      return error(
          422, "Validation failed: Text character limit of " + MAX_CHARACTERS + " exceeded");
    }
    if (mediaIds.size() > 4) {
      return error(422, "Validation failed: You can't attach more than 4 files");
    }
    List<Upload> attached = new ArrayList<>();
    Answer refused = attachable(call, mediaIds, attached);
    if (refused != null) {
      return refused;
    }
    String visibility = FormBodies.first(call.params(), "visibility");
    if (visibility == null || visibility.isEmpty()) {
      visibility = "public";
    }
    if (!VISIBILITIES.contains(visibility)) {
      return error(422, "Validation failed: Visibility is not included in the list");
    }
    String inReplyTo = FormBodies.first(call.params(), "in_reply_to_id");
    if (inReplyTo != null && inReplyTo.isEmpty()) {
      inReplyTo = null;
    }
    if (inReplyTo != null && find(call.instance(), inReplyTo) == null) {
      return error(404, "Record not found");
    }
    String id = String.valueOf(nextStatusId++);
    MastodonStatus status =
        new MastodonStatus(
            call.instance(),
            call.token(),
            account.username(),
            id,
            text,
            visibility,
            inReplyTo,
            mediaIds,
            key,
            now,
            false,
            attached.stream().map(u -> u.media).toList());
    attached.forEach(u -> u.statusId = id);
    statuses.add(status);
    if (visibility.equals("direct") && inReplyTo != null) {
      for (Conversation conversation : conversations) {
        if (conversation.ownerToken.equals(call.token())
            && conversation.statusIds.contains(inReplyTo)) {
          conversation.statusIds.add(id);
        }
      }
    }
    if (scopedKey != null) {
      idempotency.put(scopedKey, new KeyedStatus(id, now));
    }
    return json(200, statusJson(status, false));
  }

  private MastodonStatus byId(String id) {
    for (MastodonStatus s : statuses) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    return null;
  }

  private MastodonStatus find(String instance, String id) {
    MastodonStatus s = byId(id);
    return s == null || s.deleted() || !s.instance().equals(instance) ? null : s;
  }

  /** {@code GET /api/v1/statuses/:id/context}: the thread above and below, oldest first. */
  private Answer context(String instance, String id) {
    MastodonStatus status = find(instance, id);
    if (status == null) {
      return error(404, "Record not found");
    }
    ObjectNode node = JSON.createObjectNode();
    List<MastodonStatus> ancestors = new ArrayList<>();
    for (MastodonStatus s = find(instance, status.inReplyToId());
        s != null;
        s = find(instance, s.inReplyToId())) {
      ancestors.add(0, s);
    }
    ArrayNode up = node.putArray("ancestors");
    ancestors.forEach(s -> up.add(statusJson(s, false)));
    ArrayNode down = node.putArray("descendants");
    Set<String> thread = new java.util.HashSet<>(Set.of(id));
    for (MastodonStatus s : statuses) {
      if (!s.deleted() && s.inReplyToId() != null && thread.contains(s.inReplyToId())) {
        thread.add(s.id());
        down.add(statusJson(s, false));
      }
    }
    return json(200, node);
  }

  /**
   * {@code GET /api/v1/conversations}: the caller's conversations, most recent last status first,
   * paged by {@code max_id} on the last status id as Mastodon's {@code AccountConversation}.
   */
  private Answer conversations(Call call) {
    String limitParam = FormBodies.first(call.params(), "limit");
    int limit;
    try {
      limit = limitParam == null ? 20 : Integer.parseInt(limitParam);
    } catch (NumberFormatException e) {
      return error(400, "limit is not a number");
    }
    limit = Math.max(1, Math.min(limit, MAX_CONVERSATIONS_LIMIT));
    String maxId = FormBodies.first(call.params(), "max_id");
    List<Conversation> page =
        conversations.stream()
            .filter(c -> c.ownerToken.equals(call.token()))
            .filter(c -> maxId == null || compareIds(c.lastStatusId(), maxId) < 0)
            .sorted((a, b) -> compareIds(b.lastStatusId(), a.lastStatusId()))
            .limit(limit)
            .toList();
    ArrayNode body = JSON.createArrayNode();
    for (Conversation c : page) {
      ObjectNode node = body.addObject();
      node.put("id", c.id);
      node.put("unread", false);
      ObjectNode other = node.putArray("accounts").addObject();
      other.put("id", accountId(call.instance(), c.otherUsername));
      other.put("username", c.otherUsername);
      other.put("acct", c.otherUsername);
      node.set("last_status", statusJson(byId(c.lastStatusId()), false));
    }
    Answer answer = json(200, body);
    if (page.size() < limit) {
      return answer;
    }
    String next =
        instanceUrl(call.instance())
            + "/api/v1/conversations?limit="
            + limit
            + "&max_id="
            + page.get(page.size() - 1).lastStatusId();
    return answer.with(Map.of("Link", "<" + next + ">; rel=\"next\""));
  }

  /** Mastodon's ids are numbers as strings: a shorter one is smaller. */
  private static int compareIds(String a, String b) {
    return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
  }

  private ObjectNode accountJson(Account account) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", account.id());
    node.put("username", account.username());
    node.put("acct", account.username());
    node.put("display_name", account.username());
    node.put("url", "https://" + account.instance() + "/@" + account.username());
    return node;
  }

  private ObjectNode statusJson(MastodonStatus status, boolean withSource) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", status.id());
    node.put("created_at", status.createdAt().toString());
    node.put(
        "uri",
        "https://" + status.instance() + "/users/" + status.acct() + "/statuses/" + status.id());
    node.put("url", "https://" + status.instance() + "/@" + status.acct() + "/" + status.id());
    node.put("visibility", status.visibility());
    if (status.inReplyToId() == null) {
      node.putNull("in_reply_to_id");
    } else {
      node.put("in_reply_to_id", status.inReplyToId());
    }
    node.put("content", "<p>" + escapeHtml(status.text()).replace("\n", "<br />") + "</p>");
    if (withSource) {
      node.put("text", status.text());
    }
    ArrayNode media = node.putArray("media_attachments");
    for (MastodonMedia attachment : status.attachments()) {
      media.add(mediaJson(status.instance(), attachment, true));
    }
    ObjectNode account = node.putObject("account");
    account.put("id", accountId(status.instance(), status.acct()));
    account.put("username", status.acct());
    account.put("acct", status.acct());
    account.put("display_name", status.acct());
    return node;
  }

  // ---- media ----

  /** {@code POST /api/v2/media}: validates the {@code file} part as Mastodon's model does. */
  private Answer upload(Call call, Account account) {
    MultipartForm.Part file = call.parts().get("file");
    if (file == null || file.filename() == null) {
      return error(422, "Validation failed: File can't be blank");
    }
    String type =
        file.contentType() == null
            ? ""
            : file.contentType().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!SUPPORTED_IMAGE_TYPES.contains(type)) {
      return error(422, "Validation failed: File content type is invalid, File is invalid");
    }
    if (file.content().length > IMAGE_SIZE_LIMIT) {
      return error(422, "Validation failed: File file size must be less than 16 MB");
    }
    MultipartForm.Part descriptionPart = call.parts().get("description");
    String description = descriptionPart == null ? null : descriptionPart.text();
    if (description != null
        && description.codePointCount(0, description.length()) > DESCRIPTION_LIMIT) {
      return error(
          422,
          "Validation failed: Description is too long (maximum is "
              + DESCRIPTION_LIMIT
              + " characters)");
    }
    MastodonMedia media =
        new MastodonMedia(
            String.valueOf(nextMediaId++),
            type,
            file.content().length,
            description == null || description.isEmpty() ? null : description);
    Upload upload = new Upload(call.token(), account.instance(), media, processingPolls);
    uploads.add(upload);
    boolean ready = upload.pollsLeft == 0;
    return json(ready ? 200 : 202, mediaJson(upload.instance, media, ready));
  }

  /**
   * {@code GET /api/v1/media/:id}: the caller's unattached upload, 206 while processing (each call
   * counts one poll), 200 when ready.
   */
  private Answer mediaStatus(Call call, String id) {
    Upload upload = ownUpload(call, id);
    if (upload == null || upload.statusId != null) {
      return error(404, "Record not found");
    }
    if (upload.pollsLeft > 0) {
      upload.pollsLeft--;
      return json(206, mediaJson(upload.instance, upload.media, false));
    }
    return json(200, mediaJson(upload.instance, upload.media, true));
  }

  /**
   * Checks {@code media_ids[]} as Mastodon's {@code PostStatusService} does and collects the
   * uploads into {@code attached}; answers the 422 to send, or {@code null}.
   */
  private Answer attachable(Call call, List<String> mediaIds, List<Upload> attached) {
    List<String> notFound = new ArrayList<>();
    for (String id : mediaIds) {
      Upload upload = ownUpload(call, id);
      if (upload == null || upload.statusId != null || attached.contains(upload)) {
        notFound.add(id);
      } else {
        attached.add(upload);
      }
    }
    if (!notFound.isEmpty()) {
      return error(
          422,
          "Media "
              + String.join(", ", notFound)
              + " not found or already attached to another post");
    }
    if (attached.stream().anyMatch(u -> u.pollsLeft > 0)) {
      return error(
          422, "Cannot attach files that have not finished processing. Try again in a moment!");
    }
    return null;
  }

  private Upload ownUpload(Call call, String id) {
    for (Upload upload : uploads) {
      if (upload.media.id().equals(id)
          && upload.accessToken.equals(call.token())
          && upload.instance.equals(call.instance())) {
        return upload;
      }
    }
    return null;
  }

  /** A MediaAttachment entity; {@code url} is null until processed. */
  private static ObjectNode mediaJson(String instance, MastodonMedia media, boolean processed) {
    String files = "https://" + instance + "/system/media_attachments/files/" + media.id() + "/";
    String extension = media.mimeType().substring(media.mimeType().indexOf('/') + 1);
    ObjectNode node = JSON.createObjectNode();
    node.put("id", media.id());
    node.put("type", "image");
    if (processed) {
      node.put("url", files + "original/" + media.id() + "." + extension);
    } else {
      node.putNull("url");
    }
    node.put("preview_url", files + "small/" + media.id() + "." + extension);
    node.putNull("remote_url");
    node.putObject("meta");
    node.put("description", media.description());
    node.putNull("blurhash");
    return node;
  }

  /** Mastodon's countable length: grapheme clusters, every URL 23. */
  static int countable(String text) {
    Matcher m = URL.matcher(text);
    StringBuilder replaced = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(replaced, "x".repeat(CHARACTERS_RESERVED_PER_URL));
    }
    m.appendTail(replaced);
    BreakIterator it = BreakIterator.getCharacterInstance(Locale.ROOT);
    it.setText(replaced.toString());
    int count = 0;
    while (it.next() != BreakIterator.DONE) {
      count++;
    }
    return count;
  }

  private static String escapeHtml(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** The query and form or JSON parameters; a multipart body's parts go to {@code parts}. */
  private static Map<String, List<String>> params(
      HttpExchange exchange, Map<String, MultipartForm.Part> parts) throws IOException {
    Map<String, List<String>> params = FormBodies.query(exchange);
    byte[] body = FormBodies.body(exchange);
    if (body.length == 0) {
      return params;
    }
    if (FormBodies.isJson(exchange)) {
      JsonNode node;
      try {
        node = JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalArgumentException("bad JSON");
      }
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      node.fields()
          .forEachRemaining(
              e -> {
                String key = e.getKey();
                JsonNode value = e.getValue();
                if (value.isArray()) {
                  String name = key.endsWith("[]") ? key : key + "[]";
                  List<String> list = params.computeIfAbsent(name, k -> new ArrayList<>());
                  value.forEach(v -> list.add(v.asText()));
                } else if (!value.isNull()) {
                  params
                      .computeIfAbsent(key, k -> new ArrayList<>())
                      .add(value.isValueNode() ? value.asText() : value.toString());
                }
              });
    } else if (MultipartForm.isMultipart(exchange.getRequestHeaders().getFirst("Content-Type"))) {
      MultipartForm.parse(exchange.getRequestHeaders().getFirst("Content-Type"), body)
          .forEach(part -> parts.put(part.name(), part));
    } else {
      FormBodies.parseForm(new String(body, StandardCharsets.UTF_8), params);
    }
    return params;
  }
}
