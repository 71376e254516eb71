package org.socialweave.connector.mastodon.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
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
 * The Mastodon connector: publishes statuses with {@code POST /api/v1/statuses}, deletes with
 * {@code DELETE /api/v1/statuses/:id} and reads a status back with {@code GET
 * /api/v1/statuses/:id}, on the channel's own instance.
 *
 * <p>Channel settings: {@value #SETTING_INSTANCE_URL} (required: the instance's base URL, e.g.
 * {@code https://mastodon.social}; paths such as {@code /api/v1/statuses} are relative to it). The
 * access token is the credentials' access token (Mastodon tokens do not expire and cannot be
 * refreshed); it travels only in the {@code Authorization: Bearer} header and is redacted from
 * everything this connector reports. Request options: {@code visibility} ({@code public}, {@code
 * unlisted}, {@code private}, {@code direct}), {@code spoiler_text} (the content warning; it counts
 * towards the limit), {@code language} and {@code sensitive}; {@link PublishRequest#inReplyTo()}
 * becomes {@code in_reply_to_id}.
 *
 * <p><b>Images.</b> Up to {@value #MAX_IMAGES} images per status ({@code
 * configuration.statuses.max_media_attachments}); a status with images may have no text. Each is
 * uploaded with {@code POST /api/v2/media} (multipart {@code file}, and {@code description} from
 * {@link MediaRef#altText()}). Mastodon answers 200 with the processed MediaAttachment, or 202 with
 * {@code url: null} while it processes in the background; then {@code GET /api/v1/media/:id} is
 * polled (206 while processing, 200 when ready) every {@code mediaPollInterval}, at most {@value
 * #MAX_MEDIA_POLLS} times, before a still unprocessed upload fails {@link ErrorKind#TRANSIENT}. The
 * ids go to the status as {@code media_ids}. Types, the {@value #MAX_IMAGE_BYTES}-byte size and the
 * {@value #MAX_DESCRIPTION_LENGTH}-character alt text are Mastodon 4.x's defaults ({@code
 * configuration.media_attachments}); media outside them are refused before anything is sent, and a
 * 422 from an upload ({@code "Validation failed: File content type is invalid"}) is {@link
 * ErrorKind#MEDIA_REJECTED}. Instances with other limits are not yet read from {@code
 * /api/v2/instance}. Uploads carry no idempotency key: a retry uploads again, which leaves the
 * earlier uploads unattached and is harmless.
 *
 * <p><b>Idempotency.</b> Every status creation sends the request's {@link
 * PublishRequest#idempotencyKey()} as Mastodon's {@code Idempotency-Key} header. Mastodon remembers
 * the key for one hour per account and answers a repeated key with the status it created the first
 * time instead of creating another. So after an {@link ErrorKind#OUTCOME_UNKNOWN} (the connection
 * dropped or timed out after sending, or a 2xx answer could not be read) the caller may publish
 * again <em>with the same key within the hour</em>: it gets the one status, created once, with the
 * same id. After the hour, or with another key, it must reconcile with {@link #fetchPost} first.
 * Mastodon documents this as best effort (a race behind reverse proxies was fixed in
 * mastodon#21840). The same reasoning makes a 5xx answer {@link ErrorKind#TRANSIENT}: retrying with
 * the same key cannot duplicate.
 *
 * <p>The text limit is upstream Mastodon's 500 grapheme clusters with every URL counting 23 ({@link
 * TextCounter.Measure#MASTODON}); text over it is refused before sending. Instances that raise the
 * limit are not yet read from {@code /api/v2/instance}.
 *
 * <p><b>Inbox.</b> Comments are the replies to a status, read with {@code GET
 * /api/v1/statuses/:id/context}; direct messages are the {@code last_status} of each conversation
 * of {@code GET /api/v1/conversations}; both become {@link Interaction}s with the status's {@code
 * content} HTML turned into plain text. {@link #reply} publishes a status with {@code
 * in_reply_to_id} (see there).
 */
@Component(property = PlatformConnector.NETWORK_PROPERTY + "=" + MastodonConnector.NETWORK_ID)
public class MastodonConnector implements PlatformConnector {

  static final String NETWORK_ID = "mastodon";
  static final String SETTING_INSTANCE_URL = "instanceUrl";
  static final int MAX_CHARACTERS = 500;
  static final int MAX_IMAGES = 4;
  static final long MAX_IMAGE_BYTES = 16L * 1024 * 1024;
  static final int MAX_DESCRIPTION_LENGTH = 1500;

  /** How often a processing upload is polled before the publish gives up. */
  static final int MAX_MEDIA_POLLS = 30;

  /** {@code IMAGE_MIME_TYPES} of Mastodon 4.x's {@code supported_mime_types}. */
  static final Set<String> IMAGE_TYPES =
      Set.of(
          "image/jpeg",
          "image/png",
          "image/gif",
          "image/webp",
          "image/heic",
          "image/heif",
          "image/avif");

  /** Used when a 429 does not say when the window resets: Mastodon's windows are 5 minutes. */
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofMinutes(5);

  static final Redactor REDACTOR = new Redactor(Pattern.compile("(?i)(bearer\\s+)[^\\s\",]+"));
  private static final Pattern STATUS_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Set<String> VISIBILITIES = Set.of("public", "unlisted", "private", "direct");
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String FIELD_ACCESS_TOKEN = "accessToken";

  /** The largest {@code limit} of {@code GET /api/v1/conversations}. */
  static final int MAX_CONVERSATIONS_LIMIT = 40;

  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?next\"?");
  private static final Pattern MAX_ID = Pattern.compile("[?&]max_id=([A-Za-z0-9_-]{1,64})(?:&|$)");
  private static final Pattern LINE_BREAK = Pattern.compile("(?i)<br\\s*/?>");
  private static final Pattern PARAGRAPH_BREAK = Pattern.compile("(?i)</p>\\s*<p[^>]*>");
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern ENTITY =
      Pattern.compile("&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-z]+);");

  private static final ConnectFlow CONNECT_FLOW =
      new ConnectFlow(
          ConnectMethod.ACCESS_TOKEN,
          List.of(
              new ConnectField(
                  SETTING_INSTANCE_URL, "实例地址 (https://...)", "Instance URL (https://...)", false),
              new ConnectField(
                  FIELD_ACCESS_TOKEN,
                  "访问令牌 (首选项 > 开发 > 应用)",
                  "Access token (Preferences > Development > application)",
                  true)));

  private static final NetworkDescriptor DESCRIPTOR =
      new NetworkDescriptor(
          NETWORK_ID,
          "长毛象",
          "Mastodon",
          new TextLimit(MAX_CHARACTERS, TextCounting.GRAPHEMES, 0, TextCounter.MASTODON_URL_LENGTH),
          null,
          new MediaRules(MAX_IMAGES, 0, IMAGE_TYPES, MAX_IMAGE_BYTES, 0, false, false),
          List.of(
              RateLimit.rate(
                  "requests-per-account-5min", RateLimit.Scope.ACCOUNT, 300, Duration.ofMinutes(5)),
              RateLimit.rate(
                  "deletes-per-account-30min",
                  RateLimit.Scope.ACCOUNT,
                  30,
                  Duration.ofMinutes(30),
                  Operation.DELETE),
              RateLimit.rate(
                  "media-uploads-per-account-30min",
                  RateLimit.Scope.ACCOUNT,
                  30,
                  Duration.ofMinutes(30),
                  Operation.PUBLISH_IMAGE)),
          EnumSet.of(
              Operation.PUBLISH_TEXT,
              Operation.PUBLISH_IMAGE,
              Operation.PUBLISH_LINK,
              Operation.DELETE,
              Operation.FETCH_POST,
              Operation.FETCH_COMMENTS,
              Operation.FETCH_MESSAGES,
              Operation.REPLY,
              Operation.IDEMPOTENCY_KEY));

  private final Duration requestTimeout;
  private final Duration mediaPollInterval;
  private final Clock clock;
  private final ConnectorHttp transport;

  /** The OSGi component. */
  public MastodonConnector() {
    this(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(1), Clock.systemUTC());
  }

  /** For tests: other timeouts, media poll interval and clock. */
  MastodonConnector(
      Duration connectTimeout, Duration requestTimeout, Duration mediaPollInterval, Clock clock) {
    this.requestTimeout = requestTimeout;
    this.mediaPollInterval = mediaPollInterval;
    this.clock = clock;
    this.transport =
        new ConnectorHttp(
            NETWORK_ID, "the instance", ConnectorHttp.client(connectTimeout), REDACTOR);
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
    String instance = ConnectField.required(fields, SETTING_INSTANCE_URL);
    String token = ConnectField.required(fields, FIELD_ACCESS_TOKEN);
    Map<String, String> settings = Map.of(SETTING_INSTANCE_URL, instance.trim());
    ChannelContext probe =
        new ChannelContext(
            "connect", "connect", "connect", Credentials.ofToken(token.trim()), settings);
    return verifyCredentials(probe);
  }

  /** Asks {@code verify_credentials}: the account's id and its {@code @user@instance} name. */
  @Override
  public ConnectedAccount verifyCredentials(ChannelContext channel) {
    URI base = instanceUrl(channel);
    String token = token(channel);
    HttpRequest request = request(base, "/api/v1/accounts/verify_credentials", token).GET().build();
    JsonNode account = send(request, token, "GET /api/v1/accounts/verify_credentials", false);
    String id = account.path("id").asText("");
    String acct = account.path("acct").asText("");
    if (!STATUS_ID.matcher(id).matches() || acct.isBlank()) {
      throw ConnectorException.builder(ErrorKind.TRANSIENT, NETWORK_ID)
          .networkMessage("verify_credentials answered without the account's id and acct")
          .rawResponse(REDACTOR.redact(account.toString(), token))
          .build();
    }
    String name = acct.contains("@") ? acct : acct + "@" + base.getHost();
    Map<String, String> settings = new HashMap<>(channel.settings());
    settings.put(SETTING_INSTANCE_URL, base.toString());
    return new ConnectedAccount(id, "@" + name, channel.credentials(), settings);
  }

  @Override
  public PublishResult publish(ChannelContext channel, PublishRequest request) {
    for (Operation operation : request.requiredOperations()) {
      if (!DESCRIPTOR.supports(operation)) {
        throw new UnsupportedOperationException("mastodon does not support " + operation);
      }
    }
    String text = request.text();
    if (request.link() != null && !text.contains(request.link().toString())) {
      text = text.isBlank() ? request.link().toString() : text + "\n\n" + request.link();
    }
    String spoiler = request.options().get("spoiler_text");
    spoiler = spoiler == null || spoiler.isBlank() ? null : spoiler;
    int length =
        TextCounter.count(text, TextCounter.Measure.MASTODON)
            + (spoiler == null ? 0 : TextCounter.count(spoiler, TextCounter.Measure.MASTODON));
    if (length > MAX_CHARACTERS) {
      throw ConnectorException.contentRejected(
          NETWORK_ID,
          "TEXT_TOO_LONG",
          "the text"
              + (spoiler == null ? "" : " and content warning")
              + " count "
              + length
              + " characters; Mastodon takes at most "
              + MAX_CHARACTERS,
          null);
    }
    if (text.isBlank() && request.media().isEmpty()) {
      throw ConnectorException.contentRejected(
          NETWORK_ID, "EMPTY_TEXT", "a Mastodon status needs text or images", null);
    }
    checkMedia(request.media());
    ObjectNode body = JSON.createObjectNode();
    body.put("status", text);
    String visibility = request.options().get("visibility");
    if (visibility != null && !visibility.isBlank()) {
      String v = visibility.trim().toLowerCase(Locale.ROOT);
      if (!VISIBILITIES.contains(v)) {
        throw ConnectorException.contentRejected(
            NETWORK_ID,
            "BAD_VISIBILITY",
            "visibility must be public, unlisted, private or direct",
            null);
      }
      body.put("visibility", v);
    }
    if (spoiler != null) {
      body.put("spoiler_text", spoiler);
    }
    String language = request.options().get("language");
    if (language != null && !language.isBlank()) {
      body.put("language", language.trim());
    }
    if ("true".equalsIgnoreCase(request.options().get("sensitive"))) {
      body.put("sensitive", true);
    }
    if (request.inReplyTo() != null && !request.inReplyTo().isBlank()) {
      body.put("in_reply_to_id", statusId(request.inReplyTo()));
    }
    URI base = instanceUrl(channel);
    String token = token(channel);
    if (!request.media().isEmpty()) {
      ArrayNode mediaIds = body.putArray("media_ids");
      for (int i = 0; i < request.media().size(); i++) {
        mediaIds.add(upload(base, token, request.media().get(i), i + 1));
      }
    }
    HttpRequest.Builder http =
        request(base, "/api/v1/statuses", token)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", request.idempotencyKey())
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    JsonNode status = send(http.build(), token, "POST /api/v1/statuses", true);
    return toResult(status, token, true);
  }

  @Override
  public void delete(ChannelContext channel, String platformPostId) {
    String id = statusId(platformPostId);
    URI base = instanceUrl(channel);
    String token = token(channel);
    HttpRequest request = request(base, "/api/v1/statuses/" + encode(id), token).DELETE().build();
    try {
      send(request, token, "DELETE /api/v1/statuses/:id", false);
    } catch (ConnectorException e) {
      if ("404".equals(e.networkCode())) {
        return; // already gone: deleting is idempotent
      }
      throw e;
    }
  }

  /**
   * By id: {@code GET /api/v1/statuses/:id}, found or not found (404, which includes deleted). By
   * idempotency key alone Mastodon has no lookup; the answer is {@link PostLookup.Outcome#UNKNOWN}
   * and the safe move is to publish again with the same key within the hour (see the class
   * comment).
   */
  @Override
  public PostLookup fetchPost(ChannelContext channel, PostQuery query) {
    if (query.platformPostId() == null || query.platformPostId().isBlank()) {
      return PostLookup.unknown(
          "Mastodon cannot look a status up by Idempotency-Key; publishing again with the same"
              + " key within one hour returns the original status without creating another");
    }
    String id = statusId(query.platformPostId());
    URI base = instanceUrl(channel);
    String token = token(channel);
    HttpRequest request = request(base, "/api/v1/statuses/" + encode(id), token).GET().build();
    JsonNode status;
    try {
      status = send(request, token, "GET /api/v1/statuses/:id", false);
    } catch (ConnectorException e) {
      if ("404".equals(e.networkCode())) {
        return PostLookup.notFound();
      }
      throw e;
    }
    PublishResult result = toResult(status, token, false);
    return PostLookup.found(result.platformPostId(), result.url(), result.publishedAt());
  }

  // ---- inbox ----

  /**
   * The replies to {@link InteractionQuery#platformPostId()} at any depth, the account's own
   * included: the {@code descendants} of {@code GET /api/v1/statuses/:id/context}. That call is not
   * paginated (it answers the whole thread at once), so paging is local: each page reads the thread
   * again, sorts it newest first by id (Mastodon's ids grow with time), keeps the replies older
   * than the cursor and returns at most {@code limit}; the cursor is the id of the last reply
   * returned. Mastodon cannot list the comments of all the account's statuses at once (only through
   * notifications), so a query without a post id is refused.
   *
   * @throws IllegalArgumentException when the query names no post
   */
  @Override
  public Page<Interaction> fetchComments(ChannelContext channel, InteractionQuery query) {
    if (query.platformPostId() == null) {
      throw new IllegalArgumentException("Mastodon reads the comments of one status at a time");
    }
    String id = statusId(query.platformPostId());
    String before = query.cursor() == null ? null : statusId(query.cursor());
    URI base = instanceUrl(channel);
    String token = token(channel);
    String what = "GET /api/v1/statuses/:id/context";
    HttpRequest request =
        request(base, "/api/v1/statuses/" + encode(id) + "/context", token).GET().build();
    JsonNode context = send(request, token, what, false);
    JsonNode descendants = context.path("descendants");
    if (!descendants.isArray()) {
      throw malformed(
          200,
          REDACTOR.redact(context.toString(), token),
          what,
          false,
          "a Context without descendants");
    }
    List<Interaction> replies = new ArrayList<>();
    for (JsonNode status : descendants) {
      Interaction reply = interaction(Interaction.Kind.COMMENT, status, id, id, token);
      if ((before == null || compareIds(reply.platformId(), before) < 0) && since(query, reply)) {
        replies.add(reply);
      }
    }
    replies.sort(
        Comparator.comparing(Interaction::platformId, MastodonConnector::compareIds).reversed());
    List<Interaction> page =
        List.copyOf(replies.subList(0, Math.min(query.limit(), replies.size())));
    String next = replies.size() > page.size() ? page.get(page.size() - 1).platformId() : null;
    return new Page<>(page, next);
  }

  /**
   * The latest message of each direct conversation, most recent first: {@code GET
   * /api/v1/conversations} with {@code limit} (at most {@value #MAX_CONVERSATIONS_LIMIT}) and the
   * cursor as {@code max_id}; the next cursor is the {@code max_id} of the answer's {@code Link}
   * header {@code rel="next"}. Earlier messages of a conversation are not listed. With {@link
   * InteractionQuery#since()}, paging stops at the first conversation older than it.
   */
  @Override
  public Page<Interaction> fetchMessages(ChannelContext channel, InteractionQuery query) {
    URI base = instanceUrl(channel);
    String token = token(channel);
    String path =
        "/api/v1/conversations?limit="
            + Math.min(query.limit(), MAX_CONVERSATIONS_LIMIT)
            + (query.cursor() == null ? "" : "&max_id=" + encode(statusId(query.cursor())));
    String what = "GET /api/v1/conversations";
    HttpResponse<String> response =
        transport.send(request(base, path, token).GET().build(), token, what, false);
    JsonNode conversations = interpret(response, token, what, false, ErrorKind.CONTENT_REJECTED);
    String raw = REDACTOR.redact(conversations.toString(), token);
    if (!conversations.isArray()) {
      throw malformed(response.statusCode(), raw, what, false, "not a list of Conversations");
    }
    List<Interaction> messages = new ArrayList<>();
    boolean older = false;
    for (JsonNode conversation : conversations) {
      JsonNode last = conversation.path("last_status");
      if (last.isObject()) {
        String conversationId = conversation.path("id").asText(null);
        Interaction message = interaction(Interaction.Kind.DM, last, null, conversationId, token);
        if (since(query, message)) {
          messages.add(message);
        } else {
          older = true;
        }
      }
    }
    String next = null;
    Matcher link = NEXT_LINK.matcher(response.headers().firstValue("Link").orElse(""));
    if (!older && link.find()) {
      Matcher maxId = MAX_ID.matcher(link.group(1));
      if (!maxId.find()) {
        throw malformed(response.statusCode(), raw, what, false, "a next link without max_id");
      }
      next = maxId.group(1);
    }
    return new Page<>(List.copyOf(messages), next);
  }

  /**
   * Answers with a status in reply to the target ({@code in_reply_to_id}), published as {@link
   * #publish} does, so with the request's key as {@code Idempotency-Key}. A reply to a direct
   * message is itself {@code direct}; Mastodon delivers a direct status only to the accounts it
   * mentions, so the author's handle is put in front unless the text mentions it already.
   */
  @Override
  public PublishResult reply(ChannelContext channel, ReplyRequest request) {
    Interaction target = request.target();
    PublishRequest.Builder status =
        PublishRequest.builder(request.idempotencyKey()).inReplyTo(target.platformId());
    String text = request.text();
    if (target.kind() == Interaction.Kind.DM) {
      String handle = target.author().handle();
      if (handle != null && !text.contains("@" + handle)) {
        text = "@" + handle + " " + text;
      }
      status.options(Map.of("visibility", "direct"));
    }
    return publish(channel, status.text(text).build());
  }

  /** A Status entity as an interaction; a status without id, author or time is malformed. */
  private static Interaction interaction(
      Interaction.Kind kind, JsonNode status, String postId, String conversationId, String token) {
    String raw = REDACTOR.redact(status.toString(), token);
    String id = status.path("id").asText("");
    JsonNode account = status.path("account");
    String authorId = account.path("id").asText("");
    if (!STATUS_ID.matcher(id).matches() || authorId.isBlank()) {
      throw malformed(200, raw, "status", false, "a Status without an id or an account id");
    }
    String displayName = account.path("display_name").asText("");
    return new Interaction(
        kind,
        id,
        postId,
        conversationId,
        status.path("in_reply_to_id").asText(null),
        new Interaction.Author(
            authorId,
            account.path("acct").asText(null),
            displayName.isBlank() ? null : displayName),
        plainText(status.path("content").asText("")),
        createdAt(status, raw, false));
  }

  private static boolean since(InteractionQuery query, Interaction interaction) {
    return query.since() == null || !interaction.createdAt().isBefore(query.since());
  }

  /** Mastodon's ids are numbers as strings: a shorter one is smaller. */
  private static int compareIds(String a, String b) {
    return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
  }

  /** A status's {@code content} HTML as plain text: paragraphs, line breaks and entities. */
  static String plainText(String html) {
    String text = PARAGRAPH_BREAK.matcher(html).replaceAll("\n\n");
    text = TAG.matcher(LINE_BREAK.matcher(text).replaceAll("\n")).replaceAll("");
    return ENTITY.matcher(text).replaceAll(entity -> Matcher.quoteReplacement(unescape(entity)));
  }

  private static String unescape(MatchResult entity) {
    String name = entity.group(1);
    if (name.startsWith("#")) {
      boolean hex = name.startsWith("#x");
      int codePoint = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
      return Character.isValidCodePoint(codePoint) ? Character.toString(codePoint) : entity.group();
    }
    return switch (name) {
      case "amp" -> "&";
      case "lt" -> "<";
      case "gt" -> ">";
      case "quot" -> "\"";
      case "apos" -> "'";
      case "nbsp" -> "\u00a0";
      default -> entity.group();
    };
  }

  // ---- images ----

  /** Refuses what Mastodon would refuse, before anything is sent. */
  private static void checkMedia(List<MediaRef> media) {
    if (media.size() > MAX_IMAGES) {
      throw ConnectorException.mediaRejected(
          NETWORK_ID,
          "TOO_MANY_IMAGES",
          "the status has " + media.size() + " images; Mastodon takes at most " + MAX_IMAGES,
          null);
    }
    for (MediaRef m : media) {
      if (!DESCRIPTOR.media().accepts(m.mimeType())) {
        throw ConnectorException.mediaRejected(
            NETWORK_ID,
            "UNSUPPORTED_TYPE",
            m.id() + " is " + m.mimeType() + "; Mastodon statuses take " + IMAGE_TYPES,
            null);
      }
      if (m.sizeBytes() > MAX_IMAGE_BYTES) {
        throw ConnectorException.mediaRejected(
            NETWORK_ID,
            "IMAGE_TOO_LARGE",
            m.id() + " has " + m.sizeBytes() + " bytes; the limit is " + MAX_IMAGE_BYTES,
            null);
      }
      String alt = m.altText();
      if (alt != null && alt.codePointCount(0, alt.length()) > MAX_DESCRIPTION_LENGTH) {
        throw ConnectorException.mediaRejected(
            NETWORK_ID,
            "ALT_TEXT_TOO_LONG",
            "the alt text of "
                + m.id()
                + " has more than "
                + MAX_DESCRIPTION_LENGTH
                + " characters",
            null);
      }
    }
  }

  /**
   * Uploads one image with {@code POST /api/v2/media} and answers its id once processed. Not a
   * write in the {@link ErrorKind#OUTCOME_UNKNOWN} sense: an upload of unknown fate only leaves an
   * unattached attachment behind, so it is {@link ErrorKind#TRANSIENT}.
   */
  private String upload(URI base, String token, MediaRef media, int position) {
    String extension = media.mimeType().substring(media.mimeType().indexOf('/') + 1);
    MultipartBody body =
        new MultipartBody().file("file", "image" + position + "." + extension, media);
    if (media.altText() != null && !media.altText().isBlank()) {
      body.text("description", media.altText());
    }
    String what = "POST /api/v2/media";
    HttpRequest request =
        request(base, "/api/v2/media", token)
            .header("Content-Type", body.contentType())
            .POST(body.publisher())
            .build();
    HttpResponse<String> response = transport.send(request, token, what, false);
    JsonNode attachment = interpret(response, token, what, false, ErrorKind.MEDIA_REJECTED);
    String id = attachment.path("id").asText("");
    if (!STATUS_ID.matcher(id).matches()) {
      throw malformed(
          response.statusCode(),
          REDACTOR.redact(attachment.toString(), token),
          what,
          false,
          "a MediaAttachment without an id");
    }
    if (!processed(response, attachment)) {
      awaitProcessing(base, token, id);
    }
    return id;
  }

  /**
   * Polls {@code GET /api/v1/media/:id} until 200 with a {@code url}, a bounded number of times.
   */
  private void awaitProcessing(URI base, String token, String id) {
    String what = "GET /api/v1/media/:id";
    for (int poll = 0; poll < MAX_MEDIA_POLLS; poll++) {
      try {
        Thread.sleep(mediaPollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ConnectorException.transientFailure(
            NETWORK_ID, "interrupted while media " + id + " was processing", e);
      }
      HttpRequest request = request(base, "/api/v1/media/" + encode(id), token).GET().build();
      HttpResponse<String> response = transport.send(request, token, what, false);
      if (response.statusCode() != 206
          && processed(
              response, interpret(response, token, what, false, ErrorKind.MEDIA_REJECTED))) {
        return;
      }
    }
    throw ConnectorException.transientFailure(
        NETWORK_ID,
        "media " + id + " was still processing after " + MAX_MEDIA_POLLS + " polls",
        null);
  }

  private static boolean processed(HttpResponse<String> response, JsonNode attachment) {
    return response.statusCode() == 200 && attachment.path("url").isTextual();
  }

  // ---- HTTP and error classification ----

  private HttpRequest.Builder request(URI base, String path, String token) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(requestTimeout)
        .version(
            "http".equalsIgnoreCase(base.getScheme())
                ? HttpClient.Version.HTTP_1_1
                : HttpClient.Version.HTTP_2)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
  }

  /**
   * Sends and answers the parsed JSON of a 2xx.
   *
   * @param write whether the call creates something, so that an unknown fate after sending is
   *     {@link ErrorKind#OUTCOME_UNKNOWN} rather than {@link ErrorKind#TRANSIENT}
   */
  private JsonNode send(HttpRequest request, String token, String what, boolean write) {
    HttpResponse<String> response = transport.send(request, token, what, write);
    return interpret(response, token, what, write, ErrorKind.CONTENT_REJECTED);
  }

  /**
   * The parsed JSON of a 2xx, or the failure.
   *
   * @param refused the kind of a 422 that is not a wait for processing: what the call sends was
   *     refused
   */
  private JsonNode interpret(
      HttpResponse<String> response, String token, String what, boolean write, ErrorKind refused) {
    int status = response.statusCode();
    String raw = REDACTOR.redact(response.body() == null ? "" : response.body(), token);
    JsonNode json = parse(raw);
    if (status >= 200 && status < 300) {
      if (json == null) {
        throw malformed(status, raw, what, write, "not a JSON object or array");
      }
      return json;
    }
    String error = json == null ? null : json.path("error").asText(null);
    String networkCode = String.valueOf(status);
    String message = error == null ? "HTTP " + status : error;
    if (status == 401) {
      throw ConnectorException.builder(ErrorKind.AUTH_REVOKED, NETWORK_ID)
          .networkCode(networkCode)
          .networkMessage(error == null ? "the access token was refused" : error)
          .rawResponse(raw)
          .build();
    }
    if (status == 429) {
      Instant reset =
          RetryHints.parse(response.headers().map(), clock)
              .orElseGet(() -> clock.instant().plus(DEFAULT_RETRY_AFTER));
      throw ConnectorException.builder(ErrorKind.RATE_LIMITED, NETWORK_ID)
          .retryAfter(reset)
          .networkCode(networkCode)
          .networkMessage(message)
          .rawResponse(raw)
          .build();
    }
    if (status >= 500) {
      throw ConnectorException.builder(ErrorKind.TRANSIENT, NETWORK_ID)
          .networkCode(networkCode)
          .networkMessage(message)
          .rawResponse(raw)
          .build();
    }
    if (status == 422) {
      boolean processing =
          error != null && error.toLowerCase(Locale.ROOT).contains("not finished processing");
      throw ConnectorException.builder(processing ? ErrorKind.TRANSIENT : refused, NETWORK_ID)
          .networkCode(networkCode)
          .networkMessage(message)
          .rawResponse(raw)
          .build();
    }
    // 400, 403, 404, 410 ...: a person or a changed request is needed.
    throw ConnectorException.builder(ErrorKind.PERMANENT, NETWORK_ID)
        .networkCode(networkCode)
        .networkMessage(message)
        .rawResponse(raw)
        .build();
  }

  /** A Status entity as a result; a 2xx without a usable one is malformed. */
  private PublishResult toResult(JsonNode status, String token, boolean write) {
    JsonNode id = status.path("id");
    String raw = REDACTOR.redact(status.toString(), token);
    if (!id.isTextual() || !STATUS_ID.matcher(id.asText()).matches()) {
      throw malformed(200, raw, "status", write, "a Status without a string id");
    }
    Instant createdAt = createdAt(status, raw, write);
    URI url = null;
    String u = status.path("url").asText(null);
    if (u == null || u.isBlank()) {
      u = status.path("uri").asText(null);
    }
    if (u != null && (u.startsWith("https://") || u.startsWith("http://"))) {
      try {
        url = URI.create(u);
      } catch (IllegalArgumentException e) {
        url = null;
      }
    }
    return PublishResult.published(id.asText(), url, createdAt);
  }

  private static Instant createdAt(JsonNode status, String raw, boolean write) {
    try {
      return Instant.parse(status.path("created_at").asText(""));
    } catch (DateTimeParseException e) {
      throw malformed(200, raw, "status", write, "a Status without a valid created_at");
    }
  }

  /**
   * A 2xx answer that is not what Mastodon sends. After a write the status may exist (a proxy may
   * have mangled a success), so the outcome is unknown; after a read it is transient.
   */
  private static ConnectorException malformed(
      int status, String raw, String what, boolean write, String detail) {
    return ConnectorException.builder(
            write ? ErrorKind.OUTCOME_UNKNOWN : ErrorKind.TRANSIENT, NETWORK_ID)
        .networkCode(String.valueOf(status))
        .networkMessage(what + ": " + detail + " (HTTP " + status + ")")
        .rawResponse(raw)
        .build();
  }

  private static JsonNode parse(String raw) {
    try {
      JsonNode node = JSON.readTree(raw);
      return node != null && (node.isObject() || node.isArray()) ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static URI instanceUrl(ChannelContext channel) {
    String setting = channel.setting(SETTING_INSTANCE_URL);
    if (setting == null || setting.isBlank()) {
      throw ConnectorException.permanent(
          NETWORK_ID, "NO_INSTANCE_URL", "the channel has no " + SETTING_INSTANCE_URL, null);
    }
    String s = setting.trim();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    URI uri;
    try {
      uri = URI.create(s);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null
        || uri.getHost() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null
        || !("https".equalsIgnoreCase(uri.getScheme())
            || "http".equalsIgnoreCase(uri.getScheme()))) {
      throw ConnectorException.permanent(
          NETWORK_ID, "BAD_INSTANCE_URL", "not an http(s) instance URL: " + s, null);
    }
    return uri;
  }

  private static String token(ChannelContext channel) {
    String token = channel.credentials().accessToken();
    if (token == null || token.isBlank()) {
      throw ConnectorException.authRevoked(NETWORK_ID, "NO_TOKEN", null);
    }
    if (token.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw ConnectorException.authRevoked(NETWORK_ID, "MALFORMED_TOKEN", null);
    }
    return token;
  }

  private static String statusId(String id) {
    if (id == null || !STATUS_ID.matcher(id).matches()) {
      throw ConnectorException.permanent(
          NETWORK_ID, "BAD_STATUS_ID", "not a Mastodon status id: " + id, null);
    }
    return id;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
