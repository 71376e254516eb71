package org.socialweave.connector.x.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.socialweave.api.Page;
import org.socialweave.api.connector.AuthorizationRequest;
import org.socialweave.api.connector.ChannelContext;
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
import org.socialweave.api.connector.TextCounting;
import org.socialweave.api.connector.TextLimit;
import org.socialweave.api.connector.WebhookRequest;
import org.socialweave.api.connector.WebhookVerdict;
import org.socialweave.connector.support.ConnectorHttp;
import org.socialweave.connector.support.ReplayGuard;
import org.socialweave.connector.support.TextCounter;
import org.socialweave.connector.support.WebhookSignatures;

/**
 * The X (Twitter) API v2 connector.
 *
 * <p><b>Connecting</b> is OAuth 2.0 authorization code with PKCE (S256): {@link #authorizationUrl}
 * sends the user to {@code authorizeUrl}, {@link #completeAuthorization} exchanges the code at
 * {@code POST /2/oauth2/token} (HTTP Basic when a {@code clientSecret} is configured, i.e. a
 * confidential client; {@code client_id} in the body otherwise) and names the account with {@code
 * GET /2/users/me}. Access tokens live two hours; with {@code offline.access} X also gives a
 * refresh token that it <em>rotates</em> on every refresh: {@link #refreshCredentials} returns the
 * new pair and the old refresh token is dead, so the caller must store the result before anything
 * else. A refresh whose answer is lost is reported {@link ErrorKind#TRANSIENT} as the contract
 * asks, but X may already have rotated the token, in which case the retry answers {@link
 * ErrorKind#AUTH_REVOKED} and the channel must be reconnected.
 *
 * <p><b>401.</b> X answers an expired and a revoked access token with the same bare 401, so a 401
 * is {@link ErrorKind#AUTH_EXPIRED} when the credentials hold a refresh token (the refresh then
 * tells the truth: it succeeds, or fails with {@code AUTH_REVOKED}) and {@code AUTH_REVOKED}
 * otherwise. An access token past its known expiry is refused before sending.
 *
 * <p><b>Publishing</b> is {@code POST /2/tweets} with {@code text}, {@code media.media_ids} (up to
 * four images, uploaded with the chunked v2 upload, see {@link XMediaUpload}) and {@code
 * reply.in_reply_to_tweet_id}; a thread is a chain of replies, each part answering the one before.
 * Text is measured with X's weighted count ({@link TextCounter.Measure#X_WEIGHTED}: 280, URLs 23)
 * and every part of a thread is checked before anything is sent. A link is appended to the text.
 * When a part after the first fails, the parts before it are live: the failure is reported as
 * {@link ErrorKind#PERMANENT} {@code THREAD_INCOMPLETE} naming the published ids, never retried
 * blindly (a retry would repeat the head, which X refuses as a duplicate, and reconciling by the
 * head would hide the missing parts).
 *
 * <p><b>Idempotency and reconciliation.</b> X has no idempotency key. Two things make a retry safe
 * enough: X refuses the same text from the same account again ({@code 403 "You are not allowed to
 * create a Tweet with duplicate content."}, {@link ErrorKind#DUPLICATE}), and {@link #fetchPost}
 * can find an attempt by its text: it reads the account's timeline ({@code GET /2/users/:id/tweets}
 * from {@link PostQuery#notBefore()} on, up to {@value #RECONCILE_PAGES} pages of 100) and matches
 * the text exactly after undoing X's rewriting (HTML entities {@code &amp; &lt; &gt;} unescaped,
 * URLs removed because X replaces them with t.co links, whitespace collapsed, NFC). It answers
 * {@code NOT_FOUND} only when the timeline was read back past {@code notBefore}. X's timeline can
 * lag a create by some seconds, so reconcile a minute or more after the attempt. That is why 5xx
 * answers to a create are {@link ErrorKind#TRANSIENT}: if X did create the post, the retry is
 * refused as a duplicate and reconciled.
 *
 * <p><b>Comments</b> are the replies others wrote: {@code GET /2/tweets/search/recent} with {@code
 * conversation_id:<post> -from:<account>} (or {@code to:<account> -from:<account>} for all posts),
 * newest first; search covers seven days. The cursor is the id of the last item returned ({@code
 * until_id}), so any page size works. {@link #reply} posts a reply to a comment.
 *
 * <p><b>Webhooks</b> are the Account Activity API's: a {@code GET} with {@code crc_token} is
 * answered with {@code {"response_token":"sha256=<base64 HMAC-SHA256(consumer secret,
 * crc_token)>"}}; a {@code POST} must carry {@code x-twitter-webhooks-signature: sha256=<base64
 * HMAC-SHA256(consumer secret, body)>}. X signs no timestamp, so a replay is recognised by the
 * body's SHA-256 (also the delivery id) within {@value #REPLAY_MEMORY_MINUTES} minutes, and events
 * whose own timestamps are older than that are refused as stale.
 *
 * <p>Channel settings: {@value #SETTING_USERNAME} (the handle, for post URLs; set on connect). The
 * channel's account id is the X user id.
 */
@Component(
    configurationPid = "org.socialweave.connector.x",
    property = PlatformConnector.NETWORK_PROPERTY + "=" + XConnector.NETWORK_ID)
@Designate(ocd = XConnector.Config.class)
public class XConnector implements PlatformConnector {

  static final String NETWORK_ID = "x";
  static final String SETTING_USERNAME = "username";
  static final int MAX_WEIGHTED_LENGTH = TextCounter.X_MAX_WEIGHTED_LENGTH;
  static final int MAX_IMAGES = 4;
  static final long MAX_IMAGE_BYTES = 5L * 1024 * 1024;
  static final int RECONCILE_PAGES = 3;
  static final int REPLAY_MEMORY_MINUTES = 30;

  /** X's recent search reaches back seven days; start a little later to stay inside. */
  static final Duration SEARCH_WINDOW = Duration.ofDays(7).minusMinutes(5);

  /** Posts created this long before the attempt's start still count, for clock skew. */
  static final Duration RECONCILE_SKEW = Duration.ofMinutes(5);

  private static final Pattern ID = Pattern.compile("[0-9]{1,19}");
  private static final Pattern URL = Pattern.compile("https?://\\S+");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The operations that create posts, which X counts together. */
  private static final Operation[] POSTING = {
    Operation.PUBLISH_TEXT,
    Operation.PUBLISH_IMAGE,
    Operation.PUBLISH_LINK,
    Operation.PUBLISH_THREAD,
    Operation.REPLY
  };

  /** The name of the daily post cap in the descriptor, when the app has one. */
  static final String DAILY_POST_CAP = "posts-per-user-24h";

  private static final NetworkDescriptor DESCRIPTOR =
      new NetworkDescriptor(
          NETWORK_ID,
          "X (推特)",
          "X",
          new TextLimit(MAX_WEIGHTED_LENGTH, TextCounting.X_WEIGHTED, 0, TextCounter.X_URL_LENGTH),
          null,
          new MediaRules(
              MAX_IMAGES,
              0,
              Set.of("image/jpeg", "image/png", "image/webp"),
              MAX_IMAGE_BYTES,
              0,
              false,
              false),
          List.of(
              RateLimit.rate(
                  "posts-per-user-15min",
                  RateLimit.Scope.ACCOUNT,
                  200,
                  Duration.ofMinutes(15),
                  POSTING),
              RateLimit.rate(
                  "posts-per-user-3h", RateLimit.Scope.ACCOUNT, 300, Duration.ofHours(3), POSTING),
              RateLimit.rate(
                  "deletes-per-user-15min",
                  RateLimit.Scope.ACCOUNT,
                  50,
                  Duration.ofMinutes(15),
                  Operation.DELETE)),
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
              Operation.VERIFY_WEBHOOK,
              Operation.REFRESH_CREDENTIALS));

  /** The X app this node acts as, and where X is. */
  @ObjectClassDefinition(name = "SocialWeave X connector")
  public @interface Config {
    @AttributeDefinition(description = "Base URL of the API, without /2 (the sandbox: <sandbox>/x)")
    String apiBaseUrl() default "https://api.x.com";

    @AttributeDefinition(description = "The OAuth 2.0 authorize page")
    String authorizeUrl() default "https://x.com/i/oauth2/authorize";

    @AttributeDefinition(description = "OAuth 2.0 client id of the X app")
    String clientId() default "";

    // A leading "_" names the property ".clientSecret": private to the component, never
    // published with the connector service where anyone could list it (DS, 112.8.2.1).
    @AttributeDefinition(
        type = AttributeType.PASSWORD,
        description = "OAuth 2.0 client secret; empty for a public client")
    String _clientSecret() default "";

    @AttributeDefinition(description = "Scopes asked for, separated by spaces")
    String scopes() default "tweet.read tweet.write users.read offline.access media.write";

    @AttributeDefinition(
        type = AttributeType.PASSWORD,
        description = "The app's consumer (API key) secret, which signs Account Activity webhooks")
    String _consumerSecret() default "";

    @AttributeDefinition(
        description =
            "The app's cap on posts per user in a rolling 24 hours, as its access level has it"
                + " (x-user-limit-24hour-limit: 17 on the Free tier, 100 on Basic); 0 for none."
                + " The quota forecast and the queue keep each channel under it")
    int postsPerUser24h() default 0;
  }

  /** The configuration in plain values, for tests and the sandbox. */
  record Settings(
      URI apiBaseUrl,
      URI authorizeUrl,
      String clientId,
      String clientSecret,
      String scopes,
      String consumerSecret,
      int postsPerUser24h) {

    /** Without a daily post cap. */
    Settings(
        URI apiBaseUrl,
        URI authorizeUrl,
        String clientId,
        String clientSecret,
        String scopes,
        String consumerSecret) {
      this(apiBaseUrl, authorizeUrl, clientId, clientSecret, scopes, consumerSecret, 0);
    }

    Settings {
      if (postsPerUser24h < 0) {
        throw new IllegalArgumentException(
            "postsPerUser24h must be 0 (none) or more, was " + postsPerUser24h);
      }
      apiBaseUrl = withoutTrailingSlash(apiBaseUrl);
      clientSecret = clientSecret == null || clientSecret.isBlank() ? null : clientSecret;
      consumerSecret = consumerSecret == null || consumerSecret.isBlank() ? null : consumerSecret;
    }

    @Override
    public String toString() {
      return "Settings[" + apiBaseUrl + ", " + authorizeUrl + ", " + clientId + ", " + scopes + "]";
    }

    private static URI withoutTrailingSlash(URI uri) {
      String s = uri.toString();
      return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }
  }

  private final Settings settings;
  private final NetworkDescriptor descriptor;
  private final Clock clock;
  private final XApi api;
  private final XMediaUpload media;
  private final ReplayGuard replays;

  /** The OSGi component, configured by {@code org.socialweave.connector.x}. */
  @Activate
  public XConnector(Config config) {
    this(
        new Settings(
            URI.create(config.apiBaseUrl()),
            URI.create(config.authorizeUrl()),
            config.clientId(),
            config._clientSecret(),
            config.scopes(),
            config._consumerSecret(),
            config.postsPerUser24h()),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Clock.systemUTC(),
        duration -> Thread.sleep(duration.toMillis()));
  }

  /** For tests and the sandbox: other settings, timeouts, clock and media-processing waits. */
  XConnector(
      Settings settings,
      Duration connectTimeout,
      Duration requestTimeout,
      Clock clock,
      XMediaUpload.Sleeper sleeper) {
    this.settings = settings;
    this.descriptor = descriptor(settings.postsPerUser24h());
    this.clock = clock;
    HttpClient http = ConnectorHttp.client(settings.apiBaseUrl(), connectTimeout);
    this.api = new XApi(http, requestTimeout, clock);
    this.media = new XMediaUpload(api, settings.apiBaseUrl(), clock, sleeper);
    this.replays = new ReplayGuard(10_000, Duration.ofMinutes(REPLAY_MEMORY_MINUTES), clock);
  }

  @Override
  public NetworkDescriptor descriptor() {
    return descriptor;
  }

  /**
   * X's limits, with the app's daily post cap per user when it has one: a rolling 24 hours, the
   * window X reports in {@code x-user-limit-24hour-*}.
   */
  static NetworkDescriptor descriptor(int postsPerUser24h) {
    if (postsPerUser24h <= 0) {
      return DESCRIPTOR;
    }
    List<RateLimit> limits = new ArrayList<>(DESCRIPTOR.rateLimits());
    limits.add(
        RateLimit.quota(
            DAILY_POST_CAP,
            RateLimit.Scope.ACCOUNT,
            postsPerUser24h,
            Duration.ofHours(24),
            POSTING));
    return new NetworkDescriptor(
        DESCRIPTOR.id(),
        DESCRIPTOR.nameZh(),
        DESCRIPTOR.nameEn(),
        DESCRIPTOR.text(),
        DESCRIPTOR.captionLimit(),
        DESCRIPTOR.media(),
        limits,
        DESCRIPTOR.operations());
  }

  @Override
  public ConnectFlow connectFlow() {
    return ConnectFlow.redirect(ConnectMethod.OAUTH2_PKCE);
  }

  // ---- connecting ----

  @Override
  public URI authorizationUrl(AuthorizationRequest request) {
    if (request.codeChallenge() == null || request.codeChallenge().isBlank()) {
      throw new IllegalArgumentException("X needs a PKCE code challenge (S256)");
    }
    StringJoiner query = new StringJoiner("&");
    query.add("response_type=code");
    query.add("client_id=" + encode(clientId()));
    query.add("redirect_uri=" + encode(request.redirectUri().toString()));
    query.add("scope=" + encode(settings.scopes().trim().replaceAll("\\s+", " ")));
    query.add("state=" + encode(request.state()));
    query.add("code_challenge=" + encode(request.codeChallenge()));
    query.add("code_challenge_method=S256");
    return URI.create(settings.authorizeUrl() + "?" + query);
  }

  @Override
  public ConnectedAccount completeAuthorization(String code, URI redirectUri, String codeVerifier) {
    if (code == null || code.isBlank() || codeVerifier == null || codeVerifier.isBlank()) {
      throw new IllegalArgumentException("X needs the code and the PKCE code verifier");
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", redirectUri.toString());
    form.put("code_verifier", codeVerifier);
    JsonNode tokens = token(form, "POST /2/oauth2/token (authorization_code)", code, codeVerifier);
    Instant now = clock.instant();
    Credentials credentials =
        Credentials.oauth(
            tokens.path("access_token").asText(),
            expiresAt(tokens, now),
            refreshToken(tokens),
            null,
            scopes(tokens));
    return me(credentials, Map.of());
  }

  @Override
  public ConnectedAccount verifyCredentials(ChannelContext channel) {
    return me(channel.credentials(), channel.settings());
  }

  /** Names the account behind {@code credentials} with {@code GET /2/users/me}. */
  private ConnectedAccount me(Credentials credentials, Map<String, String> channelSettings) {
    XApi.Auth auth = auth(credentials);
    JsonNode user =
        api.call(
                api.request(URI.create(settings.apiBaseUrl() + "/2/users/me"), auth).GET().build(),
                auth,
                "GET /2/users/me",
                XApi.Kind.READ)
            .path("data");
    String id = user.path("id").asText("");
    String username = user.path("username").asText("");
    if (!ID.matcher(id).matches() || !username.matches("[A-Za-z0-9_]{1,50}")) {
      throw ConnectorException.builder(ErrorKind.TRANSIENT, NETWORK_ID)
          .networkMessage("/2/users/me answered without the user's id and username")
          .rawResponse(auth.redact(user.toString()))
          .build();
    }
    Map<String, String> newSettings = new HashMap<>(channelSettings);
    newSettings.put(SETTING_USERNAME, username);
    return new ConnectedAccount(
        id,
        "@" + username,
        credentials.withAttributes(Map.of(SETTING_USERNAME, username)),
        newSettings);
  }

  @Override
  public Credentials refreshCredentials(ChannelContext channel) {
    Credentials current = channel.credentials();
    if (!current.hasRefreshToken()) {
      throw ConnectorException.authRevoked(NETWORK_ID, "NO_REFRESH_TOKEN", null);
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", current.refreshToken());
    JsonNode tokens =
        token(form, "POST /2/oauth2/token (refresh_token)", current.refreshToken(), null);
    Instant now = clock.instant();
    return current.refreshed(
        tokens.path("access_token").asText(), expiresAt(tokens, now), refreshToken(tokens), null);
  }

  private JsonNode token(Map<String, String> form, String what, String secret, String secret2) {
    String clientId = clientId();
    HttpRequest.Builder request =
        api.anonymous(URI.create(settings.apiBaseUrl() + "/2/oauth2/token"))
            .header("Content-Type", "application/x-www-form-urlencoded");
    if (settings.clientSecret() == null) {
      form.put("client_id", clientId);
    } else {
      String basic = clientId + ":" + settings.clientSecret();
      request.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
    }
    StringJoiner body = new StringJoiner("&");
    form.forEach((k, v) -> body.add(encode(k) + "=" + encode(v)));
    String[] secrets =
        Arrays.stream(new String[] {secret, secret2, settings.clientSecret()})
            .filter(s -> s != null && !s.isEmpty())
            .toArray(String[]::new);
    return api.token(
        request.POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), what, secrets);
  }

  private Instant expiresAt(JsonNode tokens, Instant now) {
    long seconds = tokens.path("expires_in").asLong(7200);
    return now.plusSeconds(seconds > 0 ? seconds : 7200);
  }

  private static String refreshToken(JsonNode tokens) {
    String refresh = tokens.path("refresh_token").asText(null);
    return refresh == null || refresh.isBlank() ? null : refresh;
  }

  private static Set<String> scopes(JsonNode tokens) {
    String scope = tokens.path("scope").asText("").trim();
    return scope.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(scope.split("\\s+")));
  }

  private String clientId() {
    if (settings.clientId() == null || settings.clientId().isBlank()) {
      throw ConnectorException.permanent(
          NETWORK_ID, "NO_CLIENT_ID", "the X connector has no clientId configured", null);
    }
    return settings.clientId().trim();
  }

  // ---- publishing ----

  /** One post of a publish: the head or a thread part. */
  private record Part(String text, List<MediaRef> media) {}

  @Override
  public PublishResult publish(ChannelContext channel, PublishRequest request) {
    for (Operation operation : request.requiredOperations()) {
      if (!DESCRIPTOR.supports(operation)) {
        throw new UnsupportedOperationException("x does not support " + operation);
      }
    }
    String head = request.text();
    if (request.link() != null && !head.contains(request.link().toString())) {
      head = head.isBlank() ? request.link().toString() : head + "\n\n" + request.link();
    }
    List<Part> parts = new ArrayList<>();
    parts.add(new Part(head, request.media()));
    request.threadParts().forEach(p -> parts.add(new Part(p.text(), p.media())));
    for (int i = 0; i < parts.size(); i++) {
      check(parts.get(i), parts.size() > 1 ? "part " + (i + 1) + " of the thread: " : "");
    }
    XApi.Auth auth = auth(channel.credentials());
    String inReplyTo = request.inReplyTo() == null ? null : postId(request.inReplyTo());
    List<String> published = new ArrayList<>();
    PublishResult first = null;
    for (Part part : parts) {
      PublishResult result;
      try {
        result = post(channel, auth, part, inReplyTo);
      } catch (ConnectorException e) {
        if (published.isEmpty()) {
          throw e;
        }
        throw ConnectorException.builder(ErrorKind.PERMANENT, NETWORK_ID)
            .networkCode("THREAD_INCOMPLETE")
            .networkMessage(
                "published "
                    + published.size()
                    + " of "
                    + parts.size()
                    + " parts "
                    + published
                    + "; part "
                    + (published.size() + 1)
                    + " failed ("
                    + e.kind()
                    + "): "
                    + e.getMessage())
            .rawResponse(e.rawResponse())
            .cause(e)
            .build();
      }
      published.add(result.platformPostId());
      inReplyTo = result.platformPostId();
      if (first == null) {
        first = result;
      }
    }
    return first;
  }

  /** Refuses before sending what X would refuse: length, empty posts, media X does not take. */
  private static void check(Part part, String where) {
    int length = TextCounter.xWeightedLength(part.text());
    if (length > MAX_WEIGHTED_LENGTH) {
      throw ConnectorException.contentRejected(
          NETWORK_ID,
          "TEXT_TOO_LONG",
          where
              + "the text weighs "
              + length
              + " by X's count; X takes at most "
              + MAX_WEIGHTED_LENGTH,
          null);
    }
    if (part.text().isBlank() && part.media().isEmpty()) {
      throw ConnectorException.contentRejected(
          NETWORK_ID, "EMPTY_POST", where + "a post needs text or media", null);
    }
    if (part.media().size() > MAX_IMAGES) {
      throw ConnectorException.mediaRejected(
          NETWORK_ID, "TOO_MANY_MEDIA", where + "X takes at most " + MAX_IMAGES + " images", null);
    }
    for (MediaRef m : part.media()) {
      if (!DESCRIPTOR.media().accepts(m.mimeType())) {
        throw ConnectorException.mediaRejected(
            NETWORK_ID, "UNSUPPORTED_MEDIA_TYPE", where + "X does not take " + m.mimeType(), null);
      }
      if (m.sizeBytes() > MAX_IMAGE_BYTES) {
        throw ConnectorException.mediaRejected(
            NETWORK_ID,
            "MEDIA_TOO_LARGE",
            where + "image " + m.id() + " has " + m.sizeBytes() + " bytes; X takes 5 MB",
            null);
      }
      if (m.altText() != null
          && m.altText().strip().codePointCount(0, m.altText().strip().length())
              > XMediaUpload.MAX_ALT_TEXT) {
        throw ConnectorException.mediaRejected(
            NETWORK_ID,
            "ALT_TEXT_TOO_LONG",
            where + "X takes alt text of at most " + XMediaUpload.MAX_ALT_TEXT + " characters",
            null);
      }
    }
  }

  /** Uploads the part's images, then creates the post. */
  private PublishResult post(ChannelContext channel, XApi.Auth auth, Part part, String inReplyTo) {
    List<String> mediaIds = new ArrayList<>();
    for (MediaRef m : part.media()) {
      mediaIds.add(media.upload(m, auth));
    }
    ObjectNode body = JSON.createObjectNode();
    if (!part.text().isBlank()) {
      body.put("text", part.text());
    }
    if (!mediaIds.isEmpty()) {
      mediaIds.forEach(body.putObject("media").putArray("media_ids")::add);
    }
    if (inReplyTo != null) {
      body.putObject("reply").put("in_reply_to_tweet_id", inReplyTo);
    }
    JsonNode created =
        api.call(
            api.request(URI.create(settings.apiBaseUrl() + "/2/tweets"), auth)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build(),
            auth,
            "POST /2/tweets",
            XApi.Kind.CREATE);
    JsonNode id = created.path("data").path("id");
    if (!id.isTextual() || !ID.matcher(id.asText()).matches()) {
      throw XApi.malformed(
          201, auth.redact(created.toString()), "POST /2/tweets", true, "no data.id");
    }
    return PublishResult.published(id.asText(), postUrl(channel, id.asText()), clock.instant());
  }

  @Override
  public PublishResult reply(ChannelContext channel, ReplyRequest request) {
    if (request.target().kind() == Interaction.Kind.DM) {
      throw ConnectorException.permanent(
          NETWORK_ID, "DM_NOT_SUPPORTED", "this connector does not answer X direct messages", null);
    }
    Part part = new Part(request.text(), List.of());
    check(part, "");
    return post(channel, auth(channel.credentials()), part, postId(request.target().platformId()));
  }

  @Override
  public void delete(ChannelContext channel, String platformPostId) {
    String id = postId(platformPostId);
    XApi.Auth auth = auth(channel.credentials());
    JsonNode answer;
    try {
      answer =
          api.call(
              api.request(URI.create(settings.apiBaseUrl() + "/2/tweets/" + id), auth)
                  .DELETE()
                  .build(),
              auth,
              "DELETE /2/tweets/:id",
              XApi.Kind.DELETE);
    } catch (ConnectorException e) {
      if ("resource-not-found".equals(e.networkCode()) || "404".equals(e.networkCode())) {
        return; // already gone: deleting is idempotent
      }
      throw e;
    }
    if (answer.path("data").path("deleted").asBoolean(false)
        || "resource-not-found".equals(XApi.problemType(answer))) {
      return;
    }
    throw ConnectorException.permanent(
        NETWORK_ID,
        "NOT_DELETED",
        "X did not confirm the deletion of " + id,
        auth.redact(answer.toString()));
  }

  // ---- reading back ----

  @Override
  public PostLookup fetchPost(ChannelContext channel, PostQuery query) {
    if (query.platformPostId() != null && !query.platformPostId().isBlank()) {
      JsonNode answer = lookup(channel, postId(query.platformPostId()), "created_at");
      if (answer == null) {
        return PostLookup.notFound();
      }
      JsonNode post = answer.path("data");
      return PostLookup.found(
          post.path("id").asText(), postUrl(channel, post.path("id").asText()), createdAt(post));
    }
    return reconcile(channel, query);
  }

  /**
   * Finds the post an attempt may have created by its text on the account's timeline (see the class
   * comment).
   */
  private PostLookup reconcile(ChannelContext channel, PostQuery query) {
    if (query.text() == null || query.text().isBlank()) {
      return PostLookup.unknown(
          "X has no idempotency key; without the attempt's text it cannot be found");
    }
    String wanted = comparable(query.text());
    if (wanted.isEmpty()) {
      return PostLookup.unknown(
          "the text is only links, which X rewrites as t.co links: it cannot be matched");
    }
    String userId = postId(channel.accountId());
    XApi.Auth auth = auth(channel.credentials());
    String token = null;
    for (int page = 0; page < RECONCILE_PAGES; page++) {
      StringBuilder uri =
          new StringBuilder(settings.apiBaseUrl() + "/2/users/" + userId + "/tweets")
              .append("?max_results=100&tweet.fields=created_at");
      if (query.notBefore() != null) {
        uri.append("&start_time=").append(iso(query.notBefore().minus(RECONCILE_SKEW)));
      }
      if (token != null) {
        uri.append("&pagination_token=").append(encode(token));
      }
      JsonNode answer =
          api.call(
              api.request(URI.create(uri.toString()), auth).GET().build(),
              auth,
              "GET /2/users/:id/tweets",
              XApi.Kind.READ);
      for (JsonNode post : answer.path("data")) {
        if (comparable(post.path("text").asText("")).equals(wanted)) {
          String id = post.path("id").asText();
          return PostLookup.found(id, postUrl(channel, id), createdAt(post));
        }
      }
      token = answer.path("meta").path("next_token").asText(null);
      if (token == null) {
        return query.notBefore() == null
            ? PostLookup.unknown(
                "not among the account's latest posts; without the attempt's start X cannot say")
            : PostLookup.notFound();
      }
    }
    return PostLookup.unknown(
        "not among the " + RECONCILE_PAGES * 100 + " posts since the attempt's start");
  }

  /** Text as X gives it back, made comparable with the text that was sent. */
  static String comparable(String text) {
    String withoutUrls = URL.matcher(unescape(text)).replaceAll(" ");
    return Normalizer.normalize(withoutUrls.trim().replaceAll("\\s+", " "), Normalizer.Form.NFC);
  }

  @Override
  public Map<String, List<MetricPoint>> fetchMetrics(
      ChannelContext channel, String platformPostId) {
    Instant now = clock.instant();
    Map<String, List<MetricPoint>> metrics = new LinkedHashMap<>();
    if (platformPostId == null) {
      XApi.Auth auth = auth(channel.credentials());
      JsonNode counts =
          api.call(
                  api.request(
                          URI.create(
                              settings.apiBaseUrl() + "/2/users/me?user.fields=public_metrics"),
                          auth)
                      .GET()
                      .build(),
                  auth,
                  "GET /2/users/me",
                  XApi.Kind.READ)
              .path("data")
              .path("public_metrics");
      put(metrics, MetricNames.FOLLOWERS, counts, "followers_count", now);
      put(metrics, "x.following", counts, "following_count", now);
      put(metrics, "x.posts", counts, "tweet_count", now);
      put(metrics, "x.listed", counts, "listed_count", now);
      return metrics;
    }
    JsonNode answer = lookup(channel, postId(platformPostId), "public_metrics");
    if (answer == null) {
      throw ConnectorException.permanent(
          NETWORK_ID, "resource-not-found", "no X post " + platformPostId, null);
    }
    JsonNode counts = answer.path("data").path("public_metrics");
    put(metrics, MetricNames.IMPRESSIONS, counts, "impression_count", now);
    put(metrics, MetricNames.LIKES, counts, "like_count", now);
    put(metrics, MetricNames.REPOSTS, counts, "retweet_count", now);
    put(metrics, MetricNames.REPLIES, counts, "reply_count", now);
    put(metrics, MetricNames.QUOTES, counts, "quote_count", now);
    put(metrics, MetricNames.BOOKMARKS, counts, "bookmark_count", now);
    return metrics;
  }

  private static void put(
      Map<String, List<MetricPoint>> metrics,
      String name,
      JsonNode counts,
      String field,
      Instant at) {
    JsonNode value = counts.path(field);
    if (value.isIntegralNumber()) {
      metrics.put(name, List.of(new MetricPoint(at, value.asDouble())));
    }
  }

  /**
   * {@code GET /2/tweets/:id} with {@code tweet.fields}; {@code null} when X says the post does not
   * exist (a 404, or a 200 whose only content is a {@code resource-not-found} error).
   */
  private JsonNode lookup(ChannelContext channel, String id, String fields) {
    XApi.Auth auth = auth(channel.credentials());
    JsonNode answer;
    try {
      answer =
          api.call(
              api.request(
                      URI.create(
                          settings.apiBaseUrl() + "/2/tweets/" + id + "?tweet.fields=" + fields),
                      auth)
                  .GET()
                  .build(),
              auth,
              "GET /2/tweets/:id",
              XApi.Kind.READ);
    } catch (ConnectorException e) {
      if ("resource-not-found".equals(e.networkCode()) || "404".equals(e.networkCode())) {
        return null;
      }
      throw e;
    }
    if (answer.path("data").path("id").isTextual()) {
      return answer;
    }
    if ("resource-not-found".equals(XApi.problemType(answer))) {
      return null;
    }
    throw ConnectorException.builder(ErrorKind.PERMANENT, NETWORK_ID)
        .networkCode(String.valueOf(XApi.problemType(answer)))
        .networkMessage(String.valueOf(XApi.detail(answer)))
        .rawResponse(auth.redact(answer.toString()))
        .build();
  }

  @Override
  public Page<Interaction> fetchComments(ChannelContext channel, InteractionQuery query) {
    String account = postId(channel.accountId());
    String search =
        query.platformPostId() == null
            ? "to:" + account + " -from:" + account
            : "conversation_id:" + postId(query.platformPostId()) + " -from:" + account;
    StringBuilder uri =
        new StringBuilder(settings.apiBaseUrl() + "/2/tweets/search/recent?query=")
            .append(encode(search))
            .append("&max_results=")
            .append(Math.max(10, query.limit()))
            .append("&sort_order=recency")
            .append("&tweet.fields=")
            .append(encode("author_id,conversation_id,created_at,referenced_tweets"))
            .append("&expansions=author_id&user.fields=")
            .append(encode("name,username"));
    Instant now = clock.instant();
    if (query.since() != null) {
      Instant earliest = now.minus(SEARCH_WINDOW);
      uri.append("&start_time=")
          .append(iso(query.since().isBefore(earliest) ? earliest : query.since()));
    }
    if (query.cursor() != null) {
      if (!ID.matcher(query.cursor()).matches()) {
        throw ConnectorException.permanent(
            NETWORK_ID, "BAD_CURSOR", "not an X comments cursor: " + query.cursor(), null);
      }
      uri.append("&until_id=").append(query.cursor());
    }
    XApi.Auth auth = auth(channel.credentials());
    JsonNode answer =
        api.call(
            api.request(URI.create(uri.toString()), auth).GET().build(),
            auth,
            "GET /2/tweets/search/recent",
            XApi.Kind.READ);
    Map<String, JsonNode> authors = new HashMap<>();
    answer.path("includes").path("users").forEach(u -> authors.put(u.path("id").asText(), u));
    List<Interaction> items = new ArrayList<>();
    JsonNode data = answer.path("data");
    for (JsonNode post : data) {
      if (items.size() == query.limit()) {
        break;
      }
      items.add(interaction(post, authors, query.platformPostId()));
    }
    boolean more = data.size() > items.size() || answer.path("meta").path("next_token").isTextual();
    String next = more && !items.isEmpty() ? items.get(items.size() - 1).platformId() : null;
    return new Page<>(items, next);
  }

  private Interaction interaction(JsonNode post, Map<String, JsonNode> authors, String postId) {
    String id = post.path("id").asText("");
    String authorId = post.path("author_id").asText("");
    if (!ID.matcher(id).matches() || !ID.matcher(authorId).matches()) {
      throw ConnectorException.builder(ErrorKind.TRANSIENT, NETWORK_ID)
          .networkMessage("search answered a post without id or author_id")
          .rawResponse(post.toString())
          .build();
    }
    String inReplyTo = null;
    for (JsonNode ref : post.path("referenced_tweets")) {
      if ("replied_to".equals(ref.path("type").asText())) {
        inReplyTo = ref.path("id").asText(null);
      }
    }
    String conversation = post.path("conversation_id").asText(null);
    JsonNode author = authors.get(authorId);
    return new Interaction(
        Interaction.Kind.COMMENT,
        id,
        postId != null ? postId : conversation,
        conversation,
        inReplyTo,
        new Interaction.Author(
            authorId,
            author == null ? null : author.path("username").asText(null),
            author == null ? null : author.path("name").asText(null)),
        unescape(post.path("text").asText("")),
        createdAt(post));
  }

  // ---- webhooks ----

  @Override
  public WebhookVerdict verifyWebhook(ChannelContext channel, WebhookRequest request) {
    if (settings.consumerSecret() == null) {
      return WebhookVerdict.forged("the X connector has no consumerSecret to check webhooks with");
    }
    byte[] key = settings.consumerSecret().getBytes(StandardCharsets.UTF_8);
    String crc = request.queryParameter("crc_token");
    if (crc != null) {
      if (crc.isBlank() || request.body().length > 0) {
        return WebhookVerdict.malformed("a CRC check has a crc_token and no body");
      }
      byte[] digest = WebhookSignatures.hmacSha256(key, crc.getBytes(StandardCharsets.UTF_8));
      ObjectNode response = JSON.createObjectNode();
      response.put("response_token", "sha256=" + Base64.getEncoder().encodeToString(digest));
      return WebhookVerdict.challenge(response.toString(), "application/json");
    }
    byte[] body = request.body();
    String signature = request.header("x-twitter-webhooks-signature");
    if (signature == null) {
      return WebhookVerdict.forged("no x-twitter-webhooks-signature header");
    }
    if (!signature.trim().regionMatches(true, 0, "sha256=", 0, 7)
        || !WebhookSignatures.verifyHmacSha256(key, body, signature)) {
      return WebhookVerdict.forged("x-twitter-webhooks-signature does not match the body");
    }
    JsonNode payload = XApi.parse(new String(body, StandardCharsets.UTF_8));
    if (payload == null) {
      return WebhookVerdict.malformed("the body is not a JSON object");
    }
    String forUser = payload.path("for_user_id").asText(null);
    if (forUser != null && !forUser.equals(channel.accountId())) {
      return WebhookVerdict.malformed("the events are for another account");
    }
    Instant newest = newestEventTime(payload);
    if (newest != null
        && newest.isBefore(request.receivedAt().minus(Duration.ofMinutes(REPLAY_MEMORY_MINUTES)))) {
      return WebhookVerdict.replayed("the events are older than the replay window");
    }
    String deliveryId = sha256Hex(body);
    if (!replays.firstSeen(deliveryId)) {
      return WebhookVerdict.replayed("this delivery was seen before");
    }
    return WebhookVerdict.accepted(body, deliveryId, null);
  }

  /** The newest event timestamp in an Account Activity payload, or {@code null}. */
  private static Instant newestEventTime(JsonNode payload) {
    Instant newest = null;
    for (JsonNode events : payload) {
      if (!events.isArray()) {
        continue;
      }
      for (JsonNode event : events) {
        String millis =
            event.path("timestamp_ms").asText(event.path("created_timestamp").asText(""));
        if (millis.matches("\\d{1,15}")) {
          Instant at = Instant.ofEpochMilli(Long.parseLong(millis));
          newest = newest == null || at.isAfter(newest) ? at : newest;
        }
      }
    }
    return newest;
  }

  // ---- helpers ----

  private XApi.Auth auth(Credentials credentials) {
    boolean refreshable = credentials.hasRefreshToken();
    String token = credentials.accessToken();
    if (token == null || token.isBlank() || token.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw ConnectorException.builder(
              refreshable ? ErrorKind.AUTH_EXPIRED : ErrorKind.AUTH_REVOKED, NETWORK_ID)
          .networkCode("NO_TOKEN")
          .build();
    }
    if (credentials.isAccessExpiredAt(clock.instant())) {
      throw ConnectorException.builder(
              refreshable ? ErrorKind.AUTH_EXPIRED : ErrorKind.AUTH_REVOKED, NETWORK_ID)
          .networkCode("TOKEN_EXPIRED")
          .networkMessage("the access token expired at " + credentials.accessExpiresAt())
          .build();
    }
    return new XApi.Auth(token, credentials.refreshToken(), refreshable);
  }

  private static URI postUrl(ChannelContext channel, String id) {
    String username = channel.setting(SETTING_USERNAME);
    return username != null && username.matches("[A-Za-z0-9_]{1,50}")
        ? URI.create("https://x.com/" + username + "/status/" + id)
        : URI.create("https://x.com/i/web/status/" + id);
  }

  private static Instant createdAt(JsonNode post) {
    try {
      return Instant.parse(post.path("created_at").asText(""));
    } catch (DateTimeParseException e) {
      throw ConnectorException.builder(ErrorKind.TRANSIENT, NETWORK_ID)
          .networkMessage("a post without a valid created_at")
          .rawResponse(post.toString())
          .build();
    }
  }

  private static String postId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw ConnectorException.permanent(NETWORK_ID, "BAD_ID", "not an X id: " + id, null);
    }
    return id;
  }

  /** X escapes {@code & < >} in post text as HTML entities. */
  private static String unescape(String text) {
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  private static String iso(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String sha256Hex(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
