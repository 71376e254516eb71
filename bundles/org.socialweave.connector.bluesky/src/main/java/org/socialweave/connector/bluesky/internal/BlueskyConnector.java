package org.socialweave.connector.bluesky.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
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
import org.socialweave.api.connector.MetricNames;
import org.socialweave.api.connector.MetricPoint;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.connector.Operation;
import org.socialweave.api.connector.PlatformConnector;
import org.socialweave.api.connector.PostLookup;
import org.socialweave.api.connector.PostQuery;
import org.socialweave.api.connector.PublishRequest;
import org.socialweave.api.connector.PublishResult;
import org.socialweave.api.connector.RateLimit;
import org.socialweave.api.connector.ReplyRequest;
import org.socialweave.api.connector.TextLimit;
import org.socialweave.connector.support.ConnectorHttp;
import org.socialweave.connector.support.Redactor;
import org.socialweave.connector.support.RetryHints;
import org.socialweave.connector.support.TextCounter;

/**
 * The Bluesky connector: AT Protocol XRPC against the account's PDS.
 *
 * <p><b>Connecting.</b> {@link ConnectMethod#APP_PASSWORD}: the handle (or e-mail) and an app
 * password go to {@code com.atproto.server.createSession} at the configured service ({@code
 * serviceUrl}, {@code https://bsky.social} by default). The app password is not kept: the
 * credentials are the session, {@code accessJwt} (about two hours) as the access token and {@code
 * refreshJwt} (about 90 days) as the refresh token, with expiry times read from the JWTs' {@code
 * exp} (the payload is decoded, the signature is not checked: only the PDS can). Attributes: {@code
 * did} and {@code handle}. The account id is the DID. When the session names the account's PDS
 * ({@code didDoc} service {@code #atproto_pds}), its endpoint is recorded as the channel setting
 * {@value #SETTING_PDS_URL} and later calls go there; the endpoint is taken only when it is {@code
 * https}, or has the scheme, host and port of the service itself (the sandbox), so that a forged
 * DID document cannot send the tokens elsewhere.
 *
 * <p><b>Sessions.</b> The connector never refreshes on its own (it keeps no state, and the PDS
 * rotates the refresh token): an expired access token, known from {@code accessExpiresAt} before
 * calling or from the PDS's {@code 400 ExpiredToken}, is {@link ErrorKind#AUTH_EXPIRED}, and {@link
 * #refreshCredentials} calls {@code refreshSession} with the refresh token; a refused refresh
 * ({@code ExpiredToken}, {@code InvalidToken}, a revoked app password) is {@link
 * ErrorKind#AUTH_REVOKED}. An access token the PDS cannot verify ({@code InvalidToken}) is also
 * {@link ErrorKind#AUTH_EXPIRED}: a refresh settles whether the session is still good.
 *
 * <p><b>Publishing.</b> {@code com.atproto.repo.createRecord} of an {@code app.bsky.feed.post} with
 * {@code text}, {@code createdAt}, {@code langs} (request option {@code langs}, comma-separated BCP
 * 47 tags, at most 3; {@code language} is accepted too), {@code facets} for links, mentions
 * (resolved to DIDs with {@code com.atproto.identity.resolveHandle}; a handle that does not resolve
 * stays plain text) and hashtags at UTF-8 byte offsets ({@link RichText}), and an embed: up to 4
 * images uploaded with {@code com.atproto.repo.uploadBlob} ({@code app.bsky.embed.images}, alt text
 * from the media, aspect ratio when known), or else a link card for {@link PublishRequest#link()}
 * ({@code app.bsky.embed.external}; title from {@link PublishRequest#title()}, description from the
 * option {@code linkDescription}; the connector fetches no page). With images the link is added to
 * the text instead. {@link PublishRequest#inReplyTo()} (an AT-URI) and thread parts become {@code
 * reply} references ({@code root} and {@code parent}, each {@code {uri,cid}}). Text is checked
 * before sending: at most 300 graphemes and 3000 UTF-8 bytes per post. The platform post id is the
 * post's AT-URI, {@code at://<did>/app.bsky.feed.post/<rkey>}; its URL is {@code
 * https://bsky.app/profile/<handle>/post/<rkey>}.
 *
 * <p><b>Idempotency.</b> Every record is created under a record key derived from the idempotency
 * key ({@link RecordKeys}; thread part {@code n} under its own), so a retry addresses the same
 * record and cannot create a second one. A lost or unreadable answer to {@code createRecord} is
 * {@link ErrorKind#OUTCOME_UNKNOWN}: {@link #fetchPost} with {@link PostQuery#byAttempt} answers
 * found or not found from the key alone, and publishing again with the same key is safe. If an
 * earlier attempt did create the post, the PDS refuses the duplicate key (the reference PDS answers
 * a bare {@code 500}; other servers may answer {@code 409} or "already exists"); on such an answer,
 * and on any 5xx, the connector reads the record at that key with {@code getRecord} and answers it
 * as published when it is there, else the refusal stands (a 5xx is {@link ErrorKind#TRANSIENT}). A
 * thread that failed half-way is completed by publishing it again with the same key: the parts that
 * exist are found, the others created.
 *
 * <p><b>Errors.</b> XRPC answers {@code {"error","message"}}: {@code 429} is {@link
 * ErrorKind#RATE_LIMITED} until {@code RateLimit-Reset} (epoch seconds), or {@link
 * ErrorKind#QUOTA_EXHAUSTED} when {@code RateLimit-Policy} names a window of a day or more; 5xx is
 * {@link ErrorKind#TRANSIENT}; {@code InvalidRequest} of a record is {@link
 * ErrorKind#CONTENT_REJECTED}; blob errors and {@code 413} are {@link ErrorKind#MEDIA_REJECTED};
 * {@code 401} is {@link ErrorKind#AUTH_REVOKED}; other 4xx are {@link ErrorKind#PERMANENT}. Tokens
 * (anything shaped like a JWT or following {@code Bearer}) and the app password are redacted from
 * everything reported.
 *
 * <p><b>Reading.</b> {@link #fetchPost} uses {@code com.atproto.repo.getRecord} ({@code
 * RecordNotFound} is not found); {@link #fetchMetrics} {@code app.bsky.feed.getPosts} (likes,
 * reposts, replies, quotes, bookmarks) or, for the account, {@code app.bsky.actor.getProfile}
 * (followers); {@link #fetchComments} the replies of one post from {@code
 * app.bsky.feed.getPostThread} (the account's own replies left out, paged locally); {@link #reply}
 * posts an answer with {@code reply} references to the comment and its thread's root.
 */
@Component(
    configurationPid = "org.socialweave.connector.bluesky",
    property = PlatformConnector.NETWORK_PROPERTY + "=" + BlueskyConnector.NETWORK_ID)
@Designate(ocd = BlueskyConnector.Config.class)
public class BlueskyConnector implements PlatformConnector {

  static final String NETWORK_ID = "bluesky";
  static final String SETTING_PDS_URL = "pdsUrl";
  static final String FIELD_IDENTIFIER = "identifier";
  static final String FIELD_APP_PASSWORD = "appPassword";
  static final String ATTR_DID = "did";
  static final String ATTR_HANDLE = "handle";
  static final String POST = "app.bsky.feed.post";
  static final int MAX_GRAPHEMES = TextCounter.BLUESKY_MAX_GRAPHEMES;
  static final int MAX_BYTES = TextCounter.BLUESKY_MAX_UTF8_BYTES;
  static final int MAX_IMAGES = 4;

  /**
   * The largest image sent. The current Lexicon allows 2,000,000 bytes (since April 2026); PDSes
   * that validate with an older Lexicon refuse more than 1,000,000, so the connector keeps to that.
   */
  static final long MAX_IMAGE_BYTES = 1_000_000;

  static final int MAX_LANGS = 3;
  static final int MAX_MENTIONS = 20;
  static final int THREAD_DEPTH = 10;

  /** Used when a 429 does not say when the window resets: Bluesky's short windows are 5 minutes. */
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofMinutes(5);

  /** An access token closer than this to its {@code exp} counts as expired. */
  static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);

  /** Assumed when an access JWT has no readable {@code exp}; short, so a refresh comes early. */
  static final Duration UNKNOWN_ACCESS_LIFETIME = Duration.ofMinutes(15);

  static final Redactor REDACTOR =
      new Redactor(
          Pattern.compile(
              "(?i)(bearer\\s+)[^\\s\",]+|eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"));

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter CREATED_AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern LANGUAGE =
      Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*|[xX](-[A-Za-z0-9]{1,8})+");
  private static final Pattern POLICY_WINDOW = Pattern.compile("(?i)\\bw=(\\d{1,10})");
  private static final Set<String> IMAGE_TYPES =
      Set.of("image/jpeg", "image/png", "image/webp", "image/gif");

  private static final ConnectFlow CONNECT_FLOW =
      new ConnectFlow(
          ConnectMethod.APP_PASSWORD,
          List.of(
              new ConnectField(
                  FIELD_IDENTIFIER,
                  "用户名或邮箱 (例如 name.bsky.social)",
                  "Handle or e-mail (e.g. name.bsky.social)",
                  false),
              new ConnectField(
                  FIELD_APP_PASSWORD,
                  "应用专用密码 (设置 > 隐私与安全 > 应用专用密码)",
                  "App password (Settings > Privacy and security > App passwords)",
                  true)));

  private static final NetworkDescriptor DESCRIPTOR =
      new NetworkDescriptor(
          NETWORK_ID,
          "蓝天",
          "Bluesky",
          TextLimit.graphemesAndBytes(MAX_GRAPHEMES, MAX_BYTES),
          null,
          new MediaRules(MAX_IMAGES, 0, IMAGE_TYPES, MAX_IMAGE_BYTES, 0, true, false),
          List.of(
              // Repository writes cost points per account: 5,000 an hour and 35,000 a day, a
              // create 3, a delete 1.
              RateLimit.rate(
                  "record-creates-per-account-1h",
                  RateLimit.Scope.ACCOUNT,
                  1666,
                  Duration.ofHours(1),
                  Operation.PUBLISH_TEXT,
                  Operation.PUBLISH_IMAGE,
                  Operation.PUBLISH_LINK,
                  Operation.PUBLISH_THREAD,
                  Operation.REPLY),
              RateLimit.quota(
                  "record-creates-per-account-24h",
                  RateLimit.Scope.ACCOUNT,
                  11666,
                  Duration.ofDays(1),
                  Operation.PUBLISH_TEXT,
                  Operation.PUBLISH_IMAGE,
                  Operation.PUBLISH_LINK,
                  Operation.PUBLISH_THREAD,
                  Operation.REPLY),
              RateLimit.rate(
                  "record-deletes-per-account-1h",
                  RateLimit.Scope.ACCOUNT,
                  5000,
                  Duration.ofHours(1),
                  Operation.DELETE),
              RateLimit.rate(
                  "requests-per-ip-5min", RateLimit.Scope.APP, 3000, Duration.ofMinutes(5))),
          EnumSet.of(
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
              Operation.IDEMPOTENCY_KEY));

  /** Where sessions are created: the entryway or a self-hosted PDS. */
  @ObjectClassDefinition(name = "SocialWeave Bluesky connector")
  public @interface Config {
    @AttributeDefinition(
        description =
            "Base URL of the PDS or entryway that creates sessions (paths /xrpc/<nsid> below it)")
    String serviceUrl() default "https://bsky.social";
  }

  private final URI serviceUrl;
  private final Duration requestTimeout;
  private final Clock clock;
  private final ConnectorHttp transport;

  /** The OSGi component, configured by {@code org.socialweave.connector.bluesky}. */
  @Activate
  public BlueskyConnector(Config config) {
    this(
        URI.create(config.serviceUrl()),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Clock.systemUTC());
  }

  /** For tests and the sandbox: another service URL, timeouts and clock. */
  BlueskyConnector(URI serviceUrl, Duration connectTimeout, Duration requestTimeout, Clock clock) {
    this.serviceUrl = baseUrl(serviceUrl.toString());
    if (this.serviceUrl == null) {
      throw new IllegalArgumentException("not an http(s) service URL: " + serviceUrl);
    }
    this.requestTimeout = requestTimeout;
    this.clock = clock;
    this.transport =
        new ConnectorHttp(NETWORK_ID, "the PDS", ConnectorHttp.client(connectTimeout), REDACTOR);
  }

  @Override
  public NetworkDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public ConnectFlow connectFlow() {
    return CONNECT_FLOW;
  }

  // ---- sessions ----

  @Override
  public ConnectedAccount connect(Map<String, String> fields) {
    String identifier = ConnectField.required(fields, FIELD_IDENTIFIER);
    String password = ConnectField.required(fields, FIELD_APP_PASSWORD);
    String id = identifier.strip();
    if (id.startsWith("@")) {
      id = id.substring(1);
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("identifier", id);
    body.put("password", password.strip());
    Response r =
        call(
            serviceUrl,
            "POST",
            "com.atproto.server.createSession",
            Map.of(),
            json(body),
            "application/json",
            null,
            password.strip(),
            false);
    if (!r.ok()) {
      if ("AuthFactorTokenRequired".equals(r.error())) {
        throw ConnectorException.builder(ErrorKind.AUTH_REVOKED, NETWORK_ID)
            .networkCode(r.error())
            .networkMessage(
                "the account asks for a sign-in code: use an app password, not the account password")
            .rawResponse(r.raw())
            .build();
      }
      throw failure(r, "createSession", Call.SESSION);
    }
    JsonNode session = r.json();
    String did = session.path("did").asText("");
    String handle = session.path("handle").asText("");
    String access = session.path("accessJwt").asText("");
    String refresh = session.path("refreshJwt").asText("");
    if (!did.startsWith("did:") || handle.isBlank() || access.isBlank() || refresh.isBlank()) {
      throw malformed(r, "createSession", "a session without did, handle or tokens", false);
    }
    if (session.has("active") && !session.path("active").asBoolean(true)) {
      String status = session.path("status").asText("inactive");
      throw ConnectorException.permanent(
          NETWORK_ID,
          "Account" + capitalise(status),
          "the account is " + status + " and cannot post",
          r.raw());
    }
    Credentials credentials =
        new Credentials(
            access,
            refresh,
            accessExpiry(access),
            expiry(refresh),
            Set.of(),
            Map.of(),
            Map.of(ATTR_DID, did, ATTR_HANDLE, handle));
    Map<String, String> settings = new HashMap<>();
    URI pds = pdsEndpoint(session.path("didDoc"));
    if (pds != null) {
      settings.put(SETTING_PDS_URL, pds.toString());
    }
    return new ConnectedAccount(did, "@" + handle, credentials, settings);
  }

  /** Asks {@code getSession}: the account's DID and current handle. */
  @Override
  public ConnectedAccount verifyCredentials(ChannelContext channel) {
    Session s = session(channel);
    Response r =
        call(
            s.base,
            "GET",
            "com.atproto.server.getSession",
            Map.of(),
            null,
            null,
            s.token,
            null,
            false);
    if (!r.ok()) {
      throw failure(r, "getSession", Call.READ);
    }
    String did = r.json().path("did").asText("");
    String handle = r.json().path("handle").asText("");
    if (!did.startsWith("did:") || handle.isBlank()) {
      throw malformed(r, "getSession", "a session without did or handle", false);
    }
    if (!did.equals(s.did)) {
      throw ConnectorException.permanent(
          NETWORK_ID,
          "WRONG_ACCOUNT",
          "the session belongs to " + did + ", not to the channel's " + s.did,
          r.raw());
    }
    Credentials credentials =
        channel.credentials().withAttributes(Map.of(ATTR_DID, did, ATTR_HANDLE, handle));
    Map<String, String> settings = new HashMap<>(channel.settings());
    URI pds = pdsEndpoint(r.json().path("didDoc"));
    if (pds != null) {
      settings.put(SETTING_PDS_URL, pds.toString());
    }
    return new ConnectedAccount(did, "@" + handle, credentials, settings);
  }

  @Override
  public Credentials refreshCredentials(ChannelContext channel) {
    Credentials current = channel.credentials();
    String refresh = current.refreshToken();
    if (refresh == null || refresh.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw ConnectorException.authRevoked(NETWORK_ID, "NO_REFRESH_TOKEN", null);
    }
    Response r =
        call(
            base(channel),
            "POST",
            "com.atproto.server.refreshSession",
            Map.of(),
            null,
            null,
            refresh,
            null,
            false);
    if (!r.ok()) {
      throw failure(r, "refreshSession", Call.REFRESH);
    }
    String access = r.json().path("accessJwt").asText("");
    String rotated = r.json().path("refreshJwt").asText("");
    String did = r.json().path("did").asText("");
    String handle = r.json().path("handle").asText("");
    if (access.isBlank() || !did.startsWith("did:")) {
      throw malformed(r, "refreshSession", "a session without did or access token", false);
    }
    if (!did.equals(channel.accountId())) {
      throw ConnectorException.permanent(
          NETWORK_ID,
          "WRONG_ACCOUNT",
          "the session belongs to " + did + ", not to the channel's " + channel.accountId(),
          r.raw());
    }
    Map<String, String> attributes = new HashMap<>();
    attributes.put(ATTR_DID, did);
    if (!handle.isBlank()) {
      attributes.put(ATTR_HANDLE, handle);
    }
    return current
        .refreshed(
            access,
            accessExpiry(access),
            rotated.isBlank() ? null : rotated,
            rotated.isBlank() ? null : expiry(rotated))
        .withAttributes(attributes);
  }

  // ---- publishing ----

  @Override
  public PublishResult publish(ChannelContext channel, PublishRequest request) {
    for (Operation operation : request.requiredOperations()) {
      if (!DESCRIPTOR.supports(operation)) {
        throw new UnsupportedOperationException("bluesky does not support " + operation);
      }
    }
    List<String> langs = langs(request.options());
    List<Draft> drafts = new ArrayList<>();
    String headText = request.text();
    ObjectNode card = null;
    if (request.link() != null) {
      String link = request.link().toString();
      if (request.media().isEmpty()) {
        card = JSON.createObjectNode();
        card.put("$type", "app.bsky.embed.external");
        ObjectNode external = card.putObject("external");
        external.put("uri", link);
        external.put("title", request.title() == null ? "" : request.title());
        String description = request.options().get("linkDescription");
        external.put("description", description == null ? "" : description);
      } else if (!headText.contains(link)) {
        headText = headText.isBlank() ? link : headText + "\n\n" + link;
      }
    }
    drafts.add(new Draft(headText, request.media(), card));
    for (PublishRequest.Part part : request.threadParts()) {
      drafts.add(new Draft(part.text(), part.media(), null));
    }
    for (int i = 0; i < drafts.size(); i++) {
      checkDraft(drafts.get(i), drafts.size() == 1 ? "the text" : "part " + (i + 1));
    }
    Session s = session(channel);
    Reply reply = null;
    if (request.inReplyTo() != null) {
      reply = replyTo(s, request.inReplyTo());
    }
    Created head = null;
    Created previous = null;
    for (int i = 0; i < drafts.size(); i++) {
      Reply refs = reply;
      if (previous != null) {
        ObjectNode root = reply != null ? reply.root : strongRef(head.uri, head.cid);
        refs = new Reply(root, strongRef(previous.uri, previous.cid));
      }
      Created created =
          create(s, RecordKeys.tid(request.idempotencyKey(), i), drafts.get(i), langs, refs);
      if (head == null) {
        head = created;
      }
      previous = created;
    }
    return PublishResult.published(head.uri, postUrl(s, head.uri), head.createdAt);
  }

  @Override
  public PublishResult reply(ChannelContext channel, ReplyRequest request) {
    Draft draft = new Draft(request.text(), List.of(), null);
    checkDraft(draft, "the reply");
    Session s = session(channel);
    Reply refs = replyTo(s, request.target().platformId());
    Created created =
        create(s, RecordKeys.tid(request.idempotencyKey(), 0), draft, List.of(), refs);
    return PublishResult.published(created.uri, postUrl(s, created.uri), created.createdAt);
  }

  /** One post to create: its text, images and the link card of a head post. */
  private record Draft(String text, List<MediaRef> media, ObjectNode card) {}

  /** The {@code reply} references of a post: the thread's root and the post answered. */
  private record Reply(ObjectNode root, ObjectNode parent) {}

  /** A created (or found) post. */
  private record Created(String uri, String cid, Instant createdAt) {}

  private static void checkDraft(Draft draft, String what) {
    int graphemes = TextCounter.graphemes(draft.text());
    int bytes = TextCounter.utf8Bytes(draft.text());
    if (graphemes > MAX_GRAPHEMES || bytes > MAX_BYTES) {
      throw ConnectorException.contentRejected(
          NETWORK_ID,
          "TEXT_TOO_LONG",
          what
              + " has "
              + graphemes
              + " graphemes and "
              + bytes
              + " UTF-8 bytes; Bluesky takes at most "
              + MAX_GRAPHEMES
              + " graphemes and "
              + MAX_BYTES
              + " bytes",
          null);
    }
    if (draft.text().isBlank() && draft.media().isEmpty() && draft.card() == null) {
      throw ConnectorException.contentRejected(
          NETWORK_ID, "EMPTY_POST", what + " needs text, images or a link", null);
    }
    if (draft.media().size() > MAX_IMAGES) {
      throw ConnectorException.mediaRejected(
          NETWORK_ID,
          "TOO_MANY_IMAGES",
          what + " has " + draft.media().size() + " images; Bluesky takes at most " + MAX_IMAGES,
          null);
    }
    for (MediaRef media : draft.media()) {
      if (!DESCRIPTOR.media().accepts(media.mimeType())) {
        throw ConnectorException.mediaRejected(
            NETWORK_ID,
            "UNSUPPORTED_TYPE",
            media.id() + " is " + media.mimeType() + "; Bluesky posts take " + IMAGE_TYPES,
            null);
      }
      if (media.sizeBytes() > MAX_IMAGE_BYTES) {
        throw ConnectorException.mediaRejected(
            NETWORK_ID,
            "IMAGE_TOO_LARGE",
            media.id() + " has " + media.sizeBytes() + " bytes; the limit is " + MAX_IMAGE_BYTES,
            null);
      }
    }
  }

  private static List<String> langs(Map<String, String> options) {
    String value = options.get("langs");
    if (value == null || value.isBlank()) {
      value = options.get("language");
    }
    if (value == null || value.isBlank()) {
      return List.of();
    }
    List<String> langs = new ArrayList<>();
    for (String tag : value.split(",")) {
      String t = tag.strip();
      if (t.isEmpty()) {
        continue;
      }
      if (!LANGUAGE.matcher(t).matches()) {
        throw ConnectorException.contentRejected(
            NETWORK_ID, "BAD_LANGS", "not a BCP 47 language tag: " + t, null);
      }
      if (!langs.contains(t)) {
        langs.add(t);
      }
    }
    if (langs.size() > MAX_LANGS) {
      throw ConnectorException.contentRejected(
          NETWORK_ID, "BAD_LANGS", "a post names at most " + MAX_LANGS + " languages", null);
    }
    return langs;
  }

  /** The references of a reply to {@code uri}: its root (or itself) and itself. */
  private Reply replyTo(Session s, String uri) {
    AtUri target = AtUri.parse(uri);
    if (target == null || !POST.equals(target.collection())) {
      throw ConnectorException.permanent(
          NETWORK_ID, "BAD_POST_ID", "not the AT-URI of a Bluesky post: " + uri, null);
    }
    JsonNode record = getRecord(s.base, target, s.token);
    if (record == null) {
      throw ConnectorException.permanent(
          NETWORK_ID, "RecordNotFound", "the post replied to does not exist: " + uri, null);
    }
    ObjectNode parent = strongRef(record.path("uri").asText(), record.path("cid").asText());
    JsonNode root = record.path("value").path("reply").path("root");
    boolean hasRoot = root.path("uri").isTextual() && root.path("cid").isTextual();
    return new Reply(
        hasRoot ? strongRef(root.get("uri").asText(), root.get("cid").asText()) : parent, parent);
  }

  /** Creates one post at {@code rkey}, or finds it there when an earlier attempt created it. */
  private Created create(Session s, String rkey, Draft draft, List<String> langs, Reply reply) {
    AtUri uri = new AtUri(s.did, POST, rkey);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // createdAt has milliseconds
    ObjectNode record = JSON.createObjectNode();
    record.put("$type", POST);
    record.put("text", draft.text());
    record.put("createdAt", CREATED_AT.format(now));
    if (!langs.isEmpty()) {
      ArrayNode l = record.putArray("langs");
      langs.forEach(l::add);
    }
    ArrayNode facets = facets(s, draft.text());
    if (!facets.isEmpty()) {
      record.set("facets", facets);
    }
    if (reply != null) {
      ObjectNode r = record.putObject("reply");
      r.set("root", reply.root);
      r.set("parent", reply.parent);
    }
    if (!draft.media().isEmpty()) {
      ObjectNode embed = record.putObject("embed");
      embed.put("$type", "app.bsky.embed.images");
      ArrayNode images = embed.putArray("images");
      for (MediaRef media : draft.media()) {
        ObjectNode image = images.addObject();
        image.put("alt", media.altText() == null ? "" : media.altText());
        image.set("image", uploadBlob(s, media));
        if (media.width() != null && media.height() != null) {
          image.putObject("aspectRatio").put("width", media.width()).put("height", media.height());
        }
      }
    } else if (draft.card() != null) {
      record.set("embed", draft.card());
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("repo", s.did);
    body.put("collection", POST);
    body.put("rkey", rkey);
    body.set("record", record);
    // A lost answer (timeout, dropped connection) is OUTCOME_UNKNOWN from the transport.
    Response r =
        call(
            s.base,
            "POST",
            "com.atproto.repo.createRecord",
            Map.of(),
            json(body),
            "application/json",
            s.token,
            null,
            true);
    if (r.ok()) {
      String createdUri = r.json().path("uri").asText("");
      String cid = r.json().path("cid").asText("");
      if (!createdUri.equals(uri.toString()) || cid.isBlank()) {
        throw malformed(r, "createRecord", "an answer without the record's uri and cid", true);
      }
      return new Created(createdUri, cid, now);
    }
    ConnectorException failure = failure(r, "createRecord", Call.CREATE);
    String message = String.valueOf(r.message()).toLowerCase(Locale.ROOT);
    if (r.status() >= 500 || r.status() == 409 || message.contains("already")) {
      // A 500 is also what the reference PDS answers for a record key that is taken, i.e. a retry
      // after an attempt that did create the post (other servers may say 409 or "already
      // exists"): look at the key.
      return reconcile(s, uri, failure);
    }
    throw failure;
  }

  /**
   * Looks for the post at {@code uri} after a failed create that may mean the key is taken: found
   * is the post (an earlier attempt created it); not found, or a failed look-up, is the failure
   * itself (for a 5xx transient: a retry at the same key cannot duplicate).
   */
  private Created reconcile(Session s, AtUri uri, ConnectorException serverError) {
    JsonNode found;
    try {
      found = getRecord(s.base, uri, s.token);
    } catch (ConnectorException lookup) {
      throw serverError;
    }
    if (found == null) {
      throw serverError;
    }
    Instant createdAt = instant(found.path("value").path("createdAt").asText(""));
    return new Created(
        found.path("uri").asText(uri.toString()),
        found.path("cid").asText(""),
        createdAt == null ? clock.instant() : createdAt);
  }

  private ArrayNode facets(Session s, String text) {
    ArrayNode facets = JSON.createArrayNode();
    Map<String, String> dids = new HashMap<>();
    for (RichText.Span span : RichText.detect(text)) {
      ObjectNode feature = JSON.createObjectNode();
      switch (span.kind()) {
        case LINK -> {
          feature.put("$type", "app.bsky.richtext.facet#link");
          feature.put("uri", span.value());
        }
        case TAG -> {
          feature.put("$type", "app.bsky.richtext.facet#tag");
          feature.put("tag", span.value());
        }
        case MENTION -> {
          String handle = span.value().toLowerCase(Locale.ROOT);
          if (!dids.containsKey(handle)) {
            dids.put(handle, dids.size() < MAX_MENTIONS ? resolveHandle(s, handle) : null);
          }
          String did = dids.get(handle);
          if (did == null) {
            continue; // not a handle Bluesky knows: stays plain text, as in the official client
          }
          feature.put("$type", "app.bsky.richtext.facet#mention");
          feature.put("did", did);
        }
        default -> throw new IllegalStateException(span.kind().toString());
      }
      ObjectNode facet = facets.addObject();
      facet.putObject("index").put("byteStart", span.byteStart()).put("byteEnd", span.byteEnd());
      facet.putArray("features").add(feature);
    }
    return facets;
  }

  /** The DID of {@code handle}, or {@code null} when it does not resolve. */
  private String resolveHandle(Session s, String handle) {
    Response r =
        call(
            s.base,
            "GET",
            "com.atproto.identity.resolveHandle",
            Map.of("handle", List.of(handle)),
            null,
            null,
            s.token,
            null,
            false);
    if (!r.ok()) {
      if (r.status() == 400 || r.status() == 404) {
        return null; // HandleNotFound, or a handle the PDS refuses
      }
      throw failure(r, "resolveHandle", Call.READ);
    }
    String did = r.json().path("did").asText("");
    return did.startsWith("did:") ? did : null;
  }

  private JsonNode uploadBlob(Session s, MediaRef media) {
    byte[] bytes;
    try (InputStream in = media.content().open()) {
      bytes = in.readNBytes((int) MAX_IMAGE_BYTES + 1);
    } catch (IOException e) {
      throw ConnectorException.builder(ErrorKind.TRANSIENT, NETWORK_ID)
          .networkMessage("could not read media " + media.id())
          .cause(e)
          .build();
    }
    if (bytes.length > MAX_IMAGE_BYTES || bytes.length == 0) {
      throw ConnectorException.mediaRejected(
          NETWORK_ID,
          bytes.length == 0 ? "EMPTY_IMAGE" : "IMAGE_TOO_LARGE",
          media.id()
              + " has "
              + (bytes.length == 0 ? "no bytes" : "more than " + MAX_IMAGE_BYTES + " bytes"),
          null);
    }
    // Uploading the same bytes again yields the same blob: a lost answer is merely transient.
    Response r =
        call(
            s.base,
            "POST",
            "com.atproto.repo.uploadBlob",
            Map.of(),
            bytes,
            media.mimeType(),
            s.token,
            null,
            false);
    if (!r.ok()) {
      throw failure(r, "uploadBlob", Call.UPLOAD);
    }
    JsonNode blob = r.json().path("blob");
    if (!"blob".equals(blob.path("$type").asText())
        || !blob.path("ref").path("$link").isTextual()
        || !blob.path("mimeType").isTextual()
        || !blob.path("size").isIntegralNumber()) {
      throw malformed(r, "uploadBlob", "an answer without a blob", false);
    }
    return blob; // verbatim: the PDS checks the record's blob against what it stored
  }

  // ---- reading and deleting ----

  @Override
  public void delete(ChannelContext channel, String platformPostId) {
    AtUri uri = postUri(platformPostId);
    Session s = session(channel);
    if (!uri.repo().equals(s.did)) {
      throw ConnectorException.permanent(
          NETWORK_ID,
          "NOT_OWN_POST",
          "the post belongs to " + uri.repo() + ", not to " + s.did,
          null);
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("repo", s.did);
    body.put("collection", uri.collection());
    body.put("rkey", uri.rkey());
    Response r =
        call(
            s.base,
            "POST",
            "com.atproto.repo.deleteRecord",
            Map.of(),
            json(body),
            "application/json",
            s.token,
            null,
            false); // deleting twice is harmless: a lost answer is merely transient
    if (!r.ok()) {
      throw failure(r, "deleteRecord", Call.WRITE);
    }
  }

  /**
   * By id: {@code getRecord} of the AT-URI. By attempt: {@code getRecord} at the record key the
   * idempotency key derives to, in the channel's repository. Both answer found or not found.
   */
  @Override
  public PostLookup fetchPost(ChannelContext channel, PostQuery query) {
    AtUri uri;
    if (query.platformPostId() != null && !query.platformPostId().isBlank()) {
      uri = postUri(query.platformPostId());
    } else {
      uri = new AtUri(channel.accountId(), POST, RecordKeys.tid(query.idempotencyKey(), 0));
    }
    // getRecord needs no session; the token goes along (a PDS ignores it) when there is one.
    JsonNode record = getRecord(base(channel), uri, channel.credentials().accessToken());
    if (record == null) {
      return PostLookup.notFound();
    }
    Instant createdAt = instant(record.path("value").path("createdAt").asText(""));
    String handle = channel.credentials().attributes().get(ATTR_HANDLE);
    return PostLookup.found(
        uri.toString(),
        postUrl(uri, uri.repo().equals(channel.accountId()) ? handle : null),
        createdAt);
  }

  /** {@code getRecord} (no authentication needed): the answer, or {@code null} when missing. */
  private JsonNode getRecord(URI base, AtUri uri, String token) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    query.put("repo", List.of(uri.repo()));
    query.put("collection", List.of(uri.collection()));
    query.put("rkey", List.of(uri.rkey()));
    Response r =
        call(base, "GET", "com.atproto.repo.getRecord", query, null, null, token, null, false);
    if (!r.ok()) {
      if ("RecordNotFound".equals(r.error())) {
        return null;
      }
      throw failure(r, "getRecord", Call.READ);
    }
    if (!r.json().path("value").isObject() || !r.json().path("uri").isTextual()) {
      throw malformed(r, "getRecord", "an answer without uri and value", false);
    }
    return r.json();
  }

  @Override
  public Map<String, List<MetricPoint>> fetchMetrics(
      ChannelContext channel, String platformPostId) {
    Session s = session(channel);
    Instant now = clock.instant();
    Map<String, List<MetricPoint>> metrics = new LinkedHashMap<>();
    if (platformPostId == null) {
      Response r =
          call(
              s.base,
              "GET",
              "app.bsky.actor.getProfile",
              Map.of("actor", List.of(s.did)),
              null,
              null,
              s.token,
              null,
              false);
      if (!r.ok()) {
        throw failure(r, "getProfile", Call.READ);
      }
      put(metrics, MetricNames.FOLLOWERS, r.json().path("followersCount"), now);
      put(metrics, "bluesky.follows", r.json().path("followsCount"), now);
      put(metrics, "bluesky.posts", r.json().path("postsCount"), now);
      return metrics;
    }
    AtUri uri = postUri(platformPostId);
    Response r =
        call(
            s.base,
            "GET",
            "app.bsky.feed.getPosts",
            Map.of("uris", List.of(uri.toString())),
            null,
            null,
            s.token,
            null,
            false);
    if (!r.ok()) {
      throw failure(r, "getPosts", Call.READ);
    }
    JsonNode posts = r.json().path("posts");
    if (!posts.isArray()) {
      throw malformed(r, "getPosts", "an answer without posts", false);
    }
    if (posts.isEmpty()) {
      throw ConnectorException.permanent(
          NETWORK_ID, "NotFound", "no such post (deleted?): " + uri, r.raw());
    }
    JsonNode post = posts.get(0);
    put(metrics, MetricNames.LIKES, post.path("likeCount"), now);
    put(metrics, MetricNames.REPOSTS, post.path("repostCount"), now);
    put(metrics, MetricNames.REPLIES, post.path("replyCount"), now);
    put(metrics, MetricNames.QUOTES, post.path("quoteCount"), now);
    put(metrics, MetricNames.BOOKMARKS, post.path("bookmarkCount"), now);
    return metrics;
  }

  private static void put(
      Map<String, List<MetricPoint>> metrics, String name, JsonNode value, Instant at) {
    if (value.isIntegralNumber()) {
      metrics.put(name, List.of(new MetricPoint(at, value.asLong())));
    }
  }

  /**
   * The replies under one post ({@link InteractionQuery#platformPostId()} is required: Bluesky has
   * no list of comments across posts but the notification stream), newest first. {@code
   * getPostThread} answers the whole tree at once ({@value #THREAD_DEPTH} levels), so the cursor is
   * a position in it.
   */
  @Override
  public Page<Interaction> fetchComments(ChannelContext channel, InteractionQuery query) {
    if (query.platformPostId() == null) {
      throw ConnectorException.permanent(
          NETWORK_ID, "POST_REQUIRED", "Bluesky comments are read per post", null);
    }
    AtUri root = postUri(query.platformPostId());
    int offset = 0;
    if (query.cursor() != null) {
      try {
        offset = Integer.parseInt(query.cursor());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a cursor of this connector: " + query.cursor());
      }
    }
    Session s = session(channel);
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("uri", List.of(root.toString()));
    params.put("depth", List.of(String.valueOf(THREAD_DEPTH)));
    params.put("parentHeight", List.of("0"));
    Response r =
        call(
            s.base, "GET", "app.bsky.feed.getPostThread", params, null, null, s.token, null, false);
    if (!r.ok()) {
      if ("NotFound".equals(r.error())) {
        throw ConnectorException.permanent(
            NETWORK_ID, "NotFound", "no such post: " + root, r.raw());
      }
      throw failure(r, "getPostThread", Call.READ);
    }
    JsonNode thread = r.json().path("thread");
    if (!thread.path("post").isObject()) {
      throw malformed(r, "getPostThread", "an answer without the thread's post", false);
    }
    List<Interaction> all = new ArrayList<>();
    collect(thread.path("replies"), root.toString(), s.did, all);
    all.removeIf(i -> query.since() != null && i.createdAt().isBefore(query.since()));
    // Newest first; on equal times the larger record key, which a TID makes the later one.
    all.sort(
        Comparator.comparing(Interaction::createdAt)
            .thenComparing(Interaction::platformId)
            .reversed());
    int from = Math.min(offset, all.size());
    int to = Math.min(from + query.limit(), all.size());
    return new Page<>(
        List.copyOf(all.subList(from, to)), to < all.size() ? String.valueOf(to) : null);
  }

  private static void collect(JsonNode replies, String root, String ownDid, List<Interaction> out) {
    if (!replies.isArray()) {
      return;
    }
    for (JsonNode node : replies) {
      JsonNode post = node.path("post");
      if (!post.isObject()) {
        continue; // notFoundPost, blockedPost
      }
      String uri = post.path("uri").asText("");
      String authorDid = post.path("author").path("did").asText("");
      JsonNode record = post.path("record");
      Instant createdAt = instant(record.path("createdAt").asText(""));
      if (createdAt == null) {
        createdAt = instant(post.path("indexedAt").asText(""));
      }
      if (!uri.isBlank()
          && authorDid.startsWith("did:")
          && createdAt != null
          && !authorDid.equals(ownDid)) {
        out.add(
            new Interaction(
                Interaction.Kind.COMMENT,
                uri,
                root,
                root,
                record.path("reply").path("parent").path("uri").asText(null),
                new Interaction.Author(
                    authorDid,
                    post.path("author").path("handle").asText(null),
                    post.path("author").path("displayName").asText(null)),
                record.path("text").asText(""),
                createdAt));
      }
      collect(node.path("replies"), root, ownDid, out);
    }
  }

  // ---- HTTP and error classification ----

  /** What a call was, for classifying its failure. */
  private enum Call {
    SESSION,
    REFRESH,
    READ,
    CREATE,
    UPLOAD,
    WRITE
  }

  /**
   * An answer: status, the parsed JSON object (or {@code null}), the same parsed from the redacted
   * body (for error names and messages, which may echo a token), the redacted raw body, headers.
   */
  private record Response(
      int status, JsonNode json, JsonNode safe, String raw, Map<String, List<String>> headers) {
    boolean ok() {
      return status >= 200 && status < 300 && json != null;
    }

    String error() {
      return safe == null || !safe.path("error").isTextual() ? null : safe.get("error").asText();
    }

    String message() {
      return safe == null || !safe.path("message").isTextual()
          ? null
          : safe.get("message").asText();
    }
  }

  /**
   * Sends one XRPC call. A 2xx that is not a JSON object is a {@link Response} that is not {@link
   * Response#ok()}, classified by the caller through {@link #failure}.
   *
   * @param token the bearer token, or {@code null} for none
   * @param secret a further secret to redact (the app password), or {@code null}
   */
  private Response call(
      URI base,
      String method,
      String nsid,
      Map<String, List<String>> query,
      byte[] body,
      String contentType,
      String token,
      String secret,
      boolean write) {
    StringBuilder url = new StringBuilder(base.toString()).append("/xrpc/").append(nsid);
    char sep = '?';
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      for (String v : e.getValue()) {
        url.append(sep).append(encode(e.getKey())).append('=').append(encode(v));
        sep = '&';
      }
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url.toString()))
            .timeout(requestTimeout)
            .version(
                "http".equalsIgnoreCase(base.getScheme())
                    ? HttpClient.Version.HTTP_1_1
                    : HttpClient.Version.HTTP_2)
            .header("Accept", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (method.equals("POST")) {
      if (contentType != null) {
        b.header("Content-Type", contentType);
      }
      b.POST(
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(body));
    } else {
      b.GET();
    }
    String redactSecret = secret != null ? secret : token;
    HttpResponse<String> response = transport.send(b.build(), redactSecret, nsid, write);
    String answer = response.body() == null ? "" : response.body();
    String raw = REDACTOR.redact(answer, redactSecret);
    if (secret != null && token != null) {
      raw = REDACTOR.redact(raw, token);
    }
    // Parsed from the real body (a session carries the tokens); only the redacted copy is kept
    // for reports.
    return new Response(
        response.statusCode(), parse(answer), parse(raw), raw, response.headers().map());
  }

  /** The classified failure of a call that answered but not with success. */
  private ConnectorException failure(Response r, String what, Call call) {
    int status = r.status();
    String error = r.error();
    String message = r.message();
    String code = error != null ? error : String.valueOf(status);
    String text = message != null ? message : error != null ? error : "HTTP " + status;
    if (status >= 200 && status < 300) {
      return malformed(r, what, "not a JSON object", call == Call.CREATE);
    }
    if (status == 429) {
      Instant reset =
          RetryHints.parse(r.headers(), clock)
              .orElseGet(() -> clock.instant().plus(DEFAULT_RETRY_AFTER));
      ErrorKind kind =
          dailyPolicy(r.headers()) ? ErrorKind.QUOTA_EXHAUSTED : ErrorKind.RATE_LIMITED;
      return ConnectorException.builder(kind, NETWORK_ID)
          .retryAfter(reset)
          .networkCode(code)
          .networkMessage(what + ": " + text)
          .rawResponse(r.raw())
          .build();
    }
    if (status >= 500) {
      return ConnectorException.builder(ErrorKind.TRANSIENT, NETWORK_ID)
          .networkCode(code)
          .networkMessage(what + ": " + text)
          .rawResponse(r.raw())
          .build();
    }
    ErrorKind kind;
    if ("ExpiredToken".equals(error) || "InvalidToken".equals(error)) {
      kind = call == Call.REFRESH ? ErrorKind.AUTH_REVOKED : ErrorKind.AUTH_EXPIRED;
    } else if (status == 401
        || "AccountTakedown".equals(error)
        || "AccountDeactivated".equals(error)) {
      kind = ErrorKind.AUTH_REVOKED;
    } else if (status == 413
        || "BlobNotFound".equals(error)
        || "InvalidMimeType".equals(error)
        || "InvalidSize".equals(error)
        || "BlobTooLarge".equals(error)
        || (call == Call.UPLOAD && status == 400)) {
      kind = ErrorKind.MEDIA_REJECTED;
    } else if (call == Call.CREATE && "InvalidRequest".equals(error)) {
      kind = ErrorKind.CONTENT_REJECTED;
    } else {
      kind = ErrorKind.PERMANENT;
    }
    return ConnectorException.builder(kind, NETWORK_ID)
        .networkCode(code)
        .networkMessage(what + ": " + text)
        .rawResponse(r.raw())
        .build();
  }

  /** Whether a 429's {@code RateLimit-Policy} names a window of a day or more (a quota). */
  private static boolean dailyPolicy(Map<String, List<String>> headers) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase("ratelimit-policy")) {
        for (String v : e.getValue()) {
          Matcher m = POLICY_WINDOW.matcher(v);
          if (m.find() && Long.parseLong(m.group(1)) >= Duration.ofDays(1).toSeconds()) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * A 2xx answer that is not what the PDS sends. After a write the record may exist, so the outcome
   * is unknown; after a read it is transient.
   */
  private static ConnectorException malformed(
      Response r, String what, String detail, boolean write) {
    return ConnectorException.builder(
            write ? ErrorKind.OUTCOME_UNKNOWN : ErrorKind.TRANSIENT, NETWORK_ID)
        .networkCode(String.valueOf(r.status()))
        .networkMessage(what + ": " + detail + " (HTTP " + r.status() + ")")
        .rawResponse(r.raw())
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

  private static byte[] json(JsonNode node) {
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  // ---- channel facts ----

  /** Where a channel's calls go, its access token and its DID. */
  private record Session(URI base, String token, String did, String handle) {}

  private Session session(ChannelContext channel) {
    Credentials c = channel.credentials();
    String token = c.accessToken();
    if (token == null && c.hasRefreshToken()) {
      throw ConnectorException.authExpired(NETWORK_ID, "NO_ACCESS_TOKEN", null);
    }
    if (token == null || token.chars().anyMatch(ch -> ch <= ' ' || ch == 0x7f)) {
      throw ConnectorException.authRevoked(NETWORK_ID, "NO_TOKEN", null);
    }
    if (c.accessExpiresWithin(EXPIRY_MARGIN, clock.instant())) {
      throw ConnectorException.builder(ErrorKind.AUTH_EXPIRED, NETWORK_ID)
          .networkCode("ExpiredToken")
          .networkMessage("the access token expired at " + c.accessExpiresAt())
          .build();
    }
    String did = channel.accountId();
    if (!did.startsWith("did:")) {
      throw ConnectorException.permanent(
          NETWORK_ID, "BAD_ACCOUNT_ID", "the channel's account id is not a DID: " + did, null);
    }
    return new Session(base(channel), token, did, c.attributes().get(ATTR_HANDLE));
  }

  /** The channel's PDS when recorded and acceptable, else the configured service. */
  private URI base(ChannelContext channel) {
    String pds = channel.setting(SETTING_PDS_URL);
    URI uri = pds == null ? null : baseUrl(pds);
    return uri != null && acceptable(uri) ? uri : serviceUrl;
  }

  /** A DID document's {@code #atproto_pds} endpoint, when acceptable; else {@code null}. */
  private URI pdsEndpoint(JsonNode didDoc) {
    for (JsonNode service : didDoc.path("service")) {
      String id = service.path("id").asText("");
      if ((id.equals("#atproto_pds") || id.endsWith("#atproto_pds"))
          && "AtprotoPersonalDataServer".equals(service.path("type").asText())) {
        URI uri = baseUrl(service.path("serviceEndpoint").asText(""));
        return uri != null && acceptable(uri) ? uri : null;
      }
    }
    return null;
  }

  /** https anywhere, or exactly the configured service's scheme, host and port. */
  private boolean acceptable(URI uri) {
    if ("https".equalsIgnoreCase(uri.getScheme())) {
      return true;
    }
    return uri.getScheme().equalsIgnoreCase(serviceUrl.getScheme())
        && uri.getHost().equalsIgnoreCase(serviceUrl.getHost())
        && uri.getPort() == serviceUrl.getPort();
  }

  /** An http(s) base URL without trailing slash, query or credentials; {@code null} if not. */
  private static URI baseUrl(String value) {
    String s = value.strip();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    URI uri;
    try {
      uri = URI.create(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (uri.getHost() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null
        || !("https".equalsIgnoreCase(uri.getScheme())
            || "http".equalsIgnoreCase(uri.getScheme()))) {
      return null;
    }
    return uri;
  }

  private static AtUri postUri(String platformPostId) {
    AtUri uri = AtUri.parse(platformPostId);
    if (uri == null || !POST.equals(uri.collection())) {
      throw ConnectorException.permanent(
          NETWORK_ID, "BAD_POST_ID", "not the AT-URI of a Bluesky post: " + platformPostId, null);
    }
    return uri;
  }

  private static URI postUrl(Session s, String uri) {
    return postUrl(AtUri.parse(uri), s.handle);
  }

  /** {@code https://bsky.app/profile/<handle or did>/post/<rkey>}. */
  private static URI postUrl(AtUri uri, String handle) {
    if (uri == null) {
      return null;
    }
    String who =
        handle != null && !handle.isBlank() && !handle.equals("handle.invalid")
            ? handle
            : uri.repo();
    return URI.create("https://bsky.app/profile/" + who + "/post/" + uri.rkey());
  }

  private static ObjectNode strongRef(String uri, String cid) {
    return JSON.createObjectNode().put("uri", uri).put("cid", cid);
  }

  // ---- JWTs and times ----

  private Instant accessExpiry(String jwt) {
    Instant exp = expiry(jwt);
    return exp != null ? exp : clock.instant().plus(UNKNOWN_ACCESS_LIFETIME);
  }

  /** The {@code exp} claim of a JWT, read without checking its signature; {@code null} if none. */
  static Instant expiry(String jwt) {
    String[] parts = jwt.split("\\.", -1);
    if (parts.length != 3) {
      return null;
    }
    try {
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      JsonNode exp = claims == null ? null : claims.get("exp");
      return exp != null && exp.isNumber() ? Instant.ofEpochSecond(exp.asLong()) : null;
    } catch (IllegalArgumentException | IOException e) {
      return null;
    }
  }

  private static Instant instant(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
