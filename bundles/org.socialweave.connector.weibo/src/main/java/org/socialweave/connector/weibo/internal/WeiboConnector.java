package org.socialweave.connector.weibo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
import org.socialweave.connector.support.ConnectorHttp;
import org.socialweave.connector.support.MultipartBody;
import org.socialweave.connector.support.Redactor;
import org.socialweave.connector.support.TextCounter;

/**
 * The Sina Weibo connector (Open Platform API v2).
 *
 * <p><b>Connecting.</b> OAuth 2.0 authorization code without PKCE (Weibo has none): {@link
 * #authorizationUrl} sends the user to {@code /oauth2/authorize}, {@link #completeAuthorization}
 * exchanges the code at {@code /oauth2/access_token} with the app's {@code client_id} and {@code
 * client_secret} (this component's configuration) and names the account with {@code
 * /2/users/show.json}. Weibo gives ordinary web apps no refresh token: the credentials carry none,
 * {@link Operation#REFRESH_CREDENTIALS} is not offered, and a token that expired (1 to 90 days
 * depending on the app's level) answers {@link ErrorKind#AUTH_EXPIRED}, which for this connector
 * means that a person must authorize again (Weibo then renews the same token). {@link
 * #verifyCredentials} asks {@code /oauth2/get_token_info}, which also tells the token's remaining
 * lifetime, and updates the credentials' expiry with it.
 *
 * <p><b>Publishing</b> uses {@code statuses/share}, the only write open to ordinary apps since
 * 2017: the text must contain a URL on the app's secure domain (安全域名). The connector appends
 * {@value #SETTING_SECURE_DOMAIN_URL} (the channel setting, else this component's configuration)
 * when the text has no URL on that domain or its subdomains, after the request's link, and counts
 * it: 140 Chinese characters where two ASCII characters count one ({@link
 * TextCounter.Measure#WEIBO}, URLs as written). Too long, or containing a {@code #话题#}, is refused
 * before sending. One JPEG, PNG or GIF under 5 MB goes as the multipart {@code pic}. The request
 * option {@value #OPTION_RIP} is sent as {@code rip}, the end user's IP that Weibo asks for.
 *
 * <p>The access token travels in the {@code Authorization: OAuth2} header Weibo documents as
 * equivalent to the {@code access_token} parameter, so it stays out of URLs and bodies; only {@code
 * get_token_info} takes it as a form field. It is redacted from everything this connector reports.
 *
 * <p><b>Not offered:</b> deleting ({@code statuses/destroy} is not among the APIs listed for
 * ordinary apps since the 2017 change), threads, video, idempotency keys. Weibo refuses a text
 * identical to the account's latest status (20019), which the connector reports as {@link
 * ErrorKind#DUPLICATE}. It is the only guard against a repeated publish: an answer lost, late or
 * unreadable after sending is {@link ErrorKind#OUTCOME_UNKNOWN}; a 5xx or a system error (10001)
 * says the share failed and is {@link ErrorKind#TRANSIENT}, since a retry that finds the status
 * stored after all is refused as a repeat rather than posted twice.
 */
@Component(
    configurationPid = "org.socialweave.connector.weibo",
    property = PlatformConnector.NETWORK_PROPERTY + "=" + WeiboErrors.NETWORK_ID)
@Designate(ocd = WeiboConnector.Config.class)
public class WeiboConnector implements PlatformConnector {

  static final String NETWORK_ID = WeiboErrors.NETWORK_ID;

  /** Channel setting: a URL on the app's secure domain, overriding the configured one. */
  static final String SETTING_SECURE_DOMAIN_URL = "secureDomainUrl";

  /** Publish option: the end user's IP, sent as {@code rip}. */
  static final String OPTION_RIP = "rip";

  /** Credentials attribute: the account's uid. */
  static final String ATTRIBUTE_UID = "uid";

  static final int MAX_TEXT_LENGTH = TextCounter.WEIBO_MAX_LENGTH;

  /** {@code pic} must be smaller than 5 MB; read strictly as 5,000,000 bytes. */
  static final long MAX_PIC_BYTES = 4_999_999;

  static final Redactor REDACTOR =
      new Redactor(
          Pattern.compile(
              "(?i)((?:access_token[\"']?\\s*[=:]\\s*[\"']?)|(?:OAuth2\\s+))[^&\\s\"',}]+"
                  + "|(?<![\\w.])2\\.00[A-Za-z0-9]{16,}"));

  /** How far apart two readings of a token's expiry may be and still mean the same expiry. */
  static final Duration EXPIRY_SLACK = Duration.ofMinutes(1);

  private static final DateTimeFormatter CREATED_AT =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.US);
  private static final Pattern URL =
      Pattern.compile("(?i)https?://[\\w\\-.~:/?#\\[\\]@!$&'()*+,;=%]+");
  private static final Pattern TOPIC = Pattern.compile("#[^#\\r\\n]+#");
  private static final Pattern IP =
      Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]+");
  private static final Set<String> PIC_TYPES = Set.of("image/jpeg", "image/png", "image/gif");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final ConnectFlow CONNECT_FLOW = ConnectFlow.redirect(ConnectMethod.OAUTH2);

  private static final Set<Operation> PUBLISHING =
      Set.of(Operation.PUBLISH_TEXT, Operation.PUBLISH_IMAGE, Operation.PUBLISH_LINK);

  private static final NetworkDescriptor DESCRIPTOR =
      new NetworkDescriptor(
          NETWORK_ID,
          "微博",
          "Weibo",
          TextLimit.of(MAX_TEXT_LENGTH, TextCounting.WEIBO_CJK_FULL_LATIN_HALF),
          null,
          new MediaRules(1, 0, PIC_TYPES, MAX_PIC_BYTES, 0, false, false),
          List.of(
              // Weibo's published per-user, per-app figures; the real ones depend on the app's
              // level and quality rating.
              RateLimit.rate(
                  "shares-per-user-1h",
                  RateLimit.Scope.ACCOUNT,
                  30,
                  Duration.ofHours(1),
                  PUBLISHING.toArray(new Operation[0])),
              RateLimit.rate(
                  "comments-per-user-1h",
                  RateLimit.Scope.ACCOUNT,
                  60,
                  Duration.ofHours(1),
                  Operation.REPLY),
              RateLimit.rate(
                  "calls-per-user-1h", RateLimit.Scope.ACCOUNT, 150, Duration.ofHours(1)),
              RateLimit.rate("calls-per-ip-1h", RateLimit.Scope.APP, 10_000, Duration.ofHours(1))),
          EnumSet.of(
              Operation.PUBLISH_TEXT,
              Operation.PUBLISH_IMAGE,
              Operation.PUBLISH_LINK,
              Operation.FETCH_POST,
              Operation.FETCH_METRICS,
              Operation.FETCH_COMMENTS,
              Operation.REPLY));

  /** The Weibo app this node acts as, and where Weibo is. */
  @ObjectClassDefinition(
      name = "SocialWeave Weibo connector",
      description = "The Weibo app (open.weibo.com) that channels are connected through")
  public @interface Config {
    @AttributeDefinition(
        description =
            "Base URL under which /oauth2/... and /2/... live: https://api.weibo.com, or the"
                + " sandbox's <sandbox>/weibo")
    String baseUrl() default "https://api.weibo.com";

    @AttributeDefinition(description = "The app's AppKey (client_id)")
    String clientId() default "";

    // A leading "_" names the property ".clientSecret": private to the component, never
    // published with the connector service where anyone could list it (DS, 112.8.2.1).
    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The app's AppSecret")
    String _clientSecret() default "";

    @AttributeDefinition(
        description =
            "A URL on the app's secure domain (安全域名), appended to posts that carry none;"
                + " a channel's secureDomainUrl setting overrides it")
    String secureDomainUrl() default "";

    @AttributeDefinition(
        description = "Scopes to request at authorization, comma-separated; empty for none")
    String scope() default "";
  }

  /**
   * The app's settings.
   *
   * @param baseUrl where {@code /oauth2/...} and {@code /2/...} live, without a trailing slash
   * @param clientId the AppKey, or empty
   * @param clientSecret the AppSecret, or empty
   * @param secureDomainUrl a URL on the app's secure domain, or empty
   * @param scope the scopes to request, or empty
   */
  record App(
      URI baseUrl, String clientId, String clientSecret, String secureDomainUrl, String scope) {
    App {
      String s = baseUrl.toString();
      while (s.endsWith("/")) {
        s = s.substring(0, s.length() - 1);
      }
      baseUrl = URI.create(s);
      if (baseUrl.getHost() == null
          || !("https".equalsIgnoreCase(baseUrl.getScheme())
              || "http".equalsIgnoreCase(baseUrl.getScheme()))) {
        throw new IllegalArgumentException("baseUrl must be an http(s) URL: " + baseUrl);
      }
      clientId = clientId == null ? "" : clientId.trim();
      clientSecret = clientSecret == null ? "" : clientSecret.trim();
      secureDomainUrl = secureDomainUrl == null ? "" : secureDomainUrl.trim();
      scope = scope == null ? "" : scope.trim();
    }

    @Override
    public String toString() {
      return "App[" + baseUrl + ", clientId=" + clientId + ", clientSecret=<redacted>]";
    }
  }

  private final App app;
  private final Duration requestTimeout;
  private final Clock clock;
  private final ConnectorHttp transport;
  private final WeiboErrors errors;

  /** The OSGi component, configured by {@code org.socialweave.connector.weibo}. */
  @Activate
  public WeiboConnector(Config config) {
    this(
        new App(
            URI.create(config.baseUrl().trim()),
            config.clientId(),
            config._clientSecret(),
            config.secureDomainUrl(),
            config.scope()),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Clock.systemUTC());
  }

  /** For tests and the sandbox: another app, timeouts and clock. */
  WeiboConnector(App app, Duration connectTimeout, Duration requestTimeout, Clock clock) {
    this.app = app;
    this.requestTimeout = requestTimeout;
    this.clock = clock;
    this.errors = new WeiboErrors(clock);
    HttpClient http = ConnectorHttp.client(app.baseUrl(), connectTimeout);
    this.transport = new ConnectorHttp(NETWORK_ID, "Weibo", http, REDACTOR);
  }

  @Override
  public NetworkDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public ConnectFlow connectFlow() {
    return CONNECT_FLOW;
  }

  // ---- connecting ----

  /** {@code /oauth2/authorize} with the app's client id; the PKCE challenge is not sent. */
  @Override
  public URI authorizationUrl(AuthorizationRequest request) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("client_id", clientId());
    query.put("redirect_uri", request.redirectUri().toString());
    query.put("state", request.state());
    query.put("response_type", "code");
    if (!app.scope().isEmpty()) {
      query.put("scope", app.scope());
    }
    return URI.create(app.baseUrl() + "/oauth2/authorize?" + form(query));
  }

  /**
   * {@code /oauth2/access_token}, then {@code users/show} for the name. The credentials have the
   * token, its expiry, no refresh token and the uid as attribute {@value #ATTRIBUTE_UID}.
   */
  @Override
  public ConnectedAccount completeAuthorization(String code, URI redirectUri, String codeVerifier) {
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("the authorization code is required");
    }
    if (redirectUri == null) {
      throw new IllegalArgumentException("the redirect URI is required");
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_id", clientId());
    form.put("client_secret", clientSecret());
    form.put("grant_type", "authorization_code");
    form.put("code", code.trim());
    form.put("redirect_uri", redirectUri.toString());
    String what = "POST /oauth2/access_token";
    JsonNode answer =
        postForm("/oauth2/access_token", form, null, what, false, clientSecret(), code.trim());
    String token = answer.path("access_token").asText("");
    String uid = idOf(answer.path("uid"));
    Long expiresIn = longOf(answer.path("expires_in"));
    if (token.isBlank() || token.chars().anyMatch(c -> c <= ' ') || !WeiboIds.isId(uid)) {
      throw errors.malformed(
          REDACTOR.redact(answer.toString(), token.isBlank() ? null : token),
          what + " answered without access_token and uid",
          false);
    }
    Instant expiresAt = expiresIn == null ? null : clock.instant().plusSeconds(expiresIn);
    Credentials credentials =
        new Credentials(
            token, null, expiresAt, null, Set.of(), Map.of(), Map.of(ATTRIBUTE_UID, uid));
    JsonNode user = get("/2/users/show.json", Map.of("uid", uid), token, "GET /2/users/show.json");
    return new ConnectedAccount(uid, screenName(user, uid), credentials, Map.of());
  }

  /**
   * {@code /oauth2/get_token_info} (uid and remaining lifetime) and {@code users/show} (name). The
   * answered credentials have the expiry Weibo states now when it moved (authorizing again renews a
   * token); Weibo states it in seconds from the moment it answers, so an expiry within {@link
   * #EXPIRY_SLACK} of the known one is the same, and the channel's credentials are answered as they
   * are.
   */
  @Override
  public ConnectedAccount verifyCredentials(ChannelContext channel) {
    String token = token(channel);
    String what = "POST /oauth2/get_token_info";
    JsonNode info =
        postForm("/oauth2/get_token_info", Map.of("access_token", token), null, what, false, token);
    String uid = idOf(info.path("uid"));
    Long expireIn = longOf(info.has("expire_in") ? info.get("expire_in") : info.path("expires_in"));
    if (!WeiboIds.isId(uid)) {
      throw errors.malformed(
          REDACTOR.redact(info.toString(), token), what + " answered without a uid", false);
    }
    JsonNode user = get("/2/users/show.json", Map.of("uid", uid), token, "GET /2/users/show.json");
    Credentials credentials = channel.credentials();
    if (expireIn != null) {
      Instant stated = clock.instant().plusSeconds(expireIn);
      Instant known = credentials.accessExpiresAt();
      if (known == null || Duration.between(known, stated).abs().compareTo(EXPIRY_SLACK) > 0) {
        credentials = credentials.refreshed(token, stated, null, null);
      }
    }
    credentials = credentials.withAttributes(Map.of(ATTRIBUTE_UID, uid));
    return new ConnectedAccount(uid, screenName(user, uid), credentials, channel.settings());
  }

  // ---- publishing ----

  @Override
  public PublishResult publish(ChannelContext channel, PublishRequest request) {
    for (Operation operation : request.requiredOperations()) {
      if (!DESCRIPTOR.supports(operation)) {
        throw new UnsupportedOperationException("weibo does not support " + operation);
      }
    }
    if (request.inReplyTo() != null) {
      throw ConnectorException.contentRejected(
          NETWORK_ID,
          "IN_REPLY_TO_UNSUPPORTED",
          "statuses/share cannot answer a status; answer its comments with reply()",
          null);
    }
    MediaRef pic = picture(request.media());
    String text = shareText(channel, request);
    String rip = request.options().get(OPTION_RIP);
    if (rip != null && !rip.isBlank() && !IP.matcher(rip.trim()).matches()) {
      throw ConnectorException.contentRejected(
          NETWORK_ID, "BAD_RIP", "the rip option must be an IP address: " + rip, null);
    }
    String token = token(channel);
    String what = "POST /2/statuses/share.json";
    JsonNode status;
    if (pic == null) {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("status", text);
      if (rip != null && !rip.isBlank()) {
        form.put("rip", rip.trim());
      }
      status = postForm("/2/statuses/share.json", form, token, what, true, token);
    } else {
      MultipartBody body = new MultipartBody().text("status", text);
      if (rip != null && !rip.isBlank()) {
        body.text("rip", rip.trim());
      }
      body.file("pic", "pic." + pic.mimeType().substring("image/".length()), pic);
      HttpRequest http =
          request("/2/statuses/share.json", token)
              .header("Content-Type", body.contentType())
              .POST(body.publisher())
              .build();
      status = interpret(transport.send(http, token, what, true), what, true, token);
    }
    return published(status, channel, token, what, true);
  }

  /**
   * The text as shared: the request's text, its link when the text does not carry it, and a URL on
   * the secure domain when none is there yet; refused when it has a topic or is too long.
   */
  private String shareText(ChannelContext channel, PublishRequest request) {
    URI secure = secureDomainUrl(channel);
    String text = request.text();
    if (request.link() != null && !text.contains(request.link().toString())) {
      text = join(text, request.link().toString());
    }
    if (!hasUrlOn(text, secure.getHost().toLowerCase(Locale.ROOT))) {
      text = join(text, secure.toString());
    }
    if (TOPIC.matcher(URL.matcher(text).replaceAll(" ")).find()) {
      throw ConnectorException.contentRejected(
          NETWORK_ID,
          "TOPIC_NOT_ALLOWED",
          "statuses/share refuses texts with a #话题# (topic); remove the pair of # signs",
          null);
    }
    checkLength(text, "the text with the secure-domain URL");
    return text;
  }

  private static String join(String text, String url) {
    return text.isBlank() ? url : text + " " + url;
  }

  private static void checkLength(String text, String what) {
    int length = TextCounter.weiboLength(text);
    if (length > MAX_TEXT_LENGTH) {
      throw ConnectorException.contentRejected(
          NETWORK_ID,
          "TEXT_TOO_LONG",
          what
              + " counts "
              + length
              + " Chinese characters (two ASCII characters count one); Weibo takes at most "
              + MAX_TEXT_LENGTH,
          null);
    }
  }

  private static boolean hasUrlOn(String text, String domain) {
    Matcher m = URL.matcher(text);
    while (m.find()) {
      String host;
      try {
        host = URI.create(m.group().replaceAll("[.,;:!?)\\]}'\"]+$", "")).getHost();
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (host != null) {
        host = host.toLowerCase(Locale.ROOT);
        if (host.equals(domain) || host.endsWith("." + domain)) {
          return true;
        }
      }
    }
    return false;
  }

  private URI secureDomainUrl(ChannelContext channel) {
    String setting = channel.setting(SETTING_SECURE_DOMAIN_URL);
    String value = setting != null && !setting.isBlank() ? setting.trim() : app.secureDomainUrl();
    if (value.isEmpty()) {
      throw ConnectorException.permanent(
          NETWORK_ID,
          "NO_SECURE_DOMAIN_URL",
          "statuses/share needs a URL on the app's secure domain (安全域名): configure"
              + " secureDomainUrl in org.socialweave.connector.weibo or on the channel",
          null);
    }
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null
        || uri.getHost() == null
        || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
        || !URL.matcher(value).matches()) {
      throw ConnectorException.permanent(
          NETWORK_ID,
          "BAD_SECURE_DOMAIN_URL",
          "secureDomainUrl is not an http(s) URL: " + value,
          null);
    }
    return uri;
  }

  /** The one picture of a post, or {@code null}; what {@code pic} cannot take is refused. */
  private static MediaRef picture(List<MediaRef> media) {
    if (media.isEmpty()) {
      return null;
    }
    if (media.size() > 1) {
      throw ConnectorException.mediaRejected(
          NETWORK_ID,
          "TOO_MANY_IMAGES",
          "statuses/share takes one picture, got " + media.size(),
          null);
    }
    MediaRef pic = media.get(0);
    if (!PIC_TYPES.contains(pic.mimeType())) {
      throw ConnectorException.mediaRejected(
          NETWORK_ID,
          "UNSUPPORTED_TYPE",
          "statuses/share takes JPEG, PNG or GIF, not " + pic.mimeType(),
          null);
    }
    if (pic.sizeBytes() > MAX_PIC_BYTES) {
      throw ConnectorException.mediaRejected(
          NETWORK_ID,
          "TOO_LARGE",
          "the picture has " + pic.sizeBytes() + " bytes; Weibo takes less than 5 MB",
          null);
    }
    return pic;
  }

  /** A status as a published result; its address is {@code https://weibo.com/<uid>/<mid>}. */
  private PublishResult published(
      JsonNode status, ChannelContext channel, String token, String what, boolean write) {
    String id = idOf(status);
    Instant createdAt = createdAt(status);
    if (!WeiboIds.isId(id) || createdAt == null) {
      throw errors.malformed(
          REDACTOR.redact(status.toString(), token),
          what + " answered without a status id and created_at",
          write);
    }
    String uid = idOf(status.path("user"));
    if (!WeiboIds.isId(uid)) {
      uid = WeiboIds.isId(channel.accountId()) ? channel.accountId() : null;
    }
    return PublishResult.published(id, uid == null ? null : WeiboIds.statusUrl(uid, id), createdAt);
  }

  // ---- reading back ----

  /**
   * By id: {@code statuses/show}, found or not found (20101). By publish attempt alone Weibo has no
   * lookup: the answer is {@link PostLookup.Outcome#UNKNOWN}.
   */
  @Override
  public PostLookup fetchPost(ChannelContext channel, PostQuery query) {
    if (query.platformPostId() == null || query.platformPostId().isBlank()) {
      return PostLookup.unknown(
          "Weibo cannot look a status up by publish attempt; statuses/share refuses a text"
              + " identical to the account's latest status (20019, DUPLICATE), so publishing the"
              + " same text again right away cannot create a second copy");
    }
    String id = id("status", query.platformPostId());
    String token = token(channel);
    String what = "GET /2/statuses/show.json";
    JsonNode status;
    try {
      status = get("/2/statuses/show.json", Map.of("id", id), token, what);
    } catch (ConnectorException e) {
      if ("20101".equals(e.networkCode())) {
        return PostLookup.notFound();
      }
      throw e;
    }
    PublishResult result = published(status, channel, token, what, false);
    return PostLookup.found(result.platformPostId(), result.url(), result.publishedAt());
  }

  /**
   * A status's {@code reposts}, {@code comments} and {@code attitudes} ({@code statuses/count}), as
   * {@link MetricNames#REPOSTS}, {@link MetricNames#REPLIES} and {@link MetricNames#LIKES} at the
   * time of reading; empty when Weibo leaves the status out (deleted). For the account ({@code
   * platformPostId == null}): {@link MetricNames#FOLLOWERS} from {@code users/show}.
   */
  @Override
  public Map<String, List<MetricPoint>> fetchMetrics(
      ChannelContext channel, String platformPostId) {
    String token = token(channel);
    Instant now = clock.instant();
    if (platformPostId == null) {
      String uid = id("user", channel.accountId());
      String what = "GET /2/users/show.json";
      JsonNode user = get("/2/users/show.json", Map.of("uid", uid), token, what);
      Long followers = longOf(user.path("followers_count"));
      if (followers == null) {
        throw errors.malformed(
            REDACTOR.redact(user.toString(), token),
            what + " answered without followers_count",
            false);
      }
      return Map.of(MetricNames.FOLLOWERS, List.of(new MetricPoint(now, followers)));
    }
    String id = id("status", platformPostId);
    String what = "GET /2/statuses/count.json";
    JsonNode counts = get("/2/statuses/count.json", Map.of("ids", id), token, what);
    if (!counts.isArray()) {
      throw errors.malformed(
          REDACTOR.redact(counts.toString(), token), what + " answered no list", false);
    }
    for (JsonNode item : counts) {
      if (!id.equals(idOf(item))) {
        continue;
      }
      Map<String, List<MetricPoint>> metrics = new LinkedHashMap<>();
      putCount(metrics, MetricNames.REPOSTS, item.path("reposts"), now);
      putCount(metrics, MetricNames.REPLIES, item.path("comments"), now);
      putCount(metrics, MetricNames.LIKES, item.path("attitudes"), now);
      return metrics;
    }
    return Map.of();
  }

  private static void putCount(
      Map<String, List<MetricPoint>> metrics, String name, JsonNode value, Instant at) {
    Long count = longOf(value);
    if (count != null && count >= 0) {
      metrics.put(name, List.of(new MetricPoint(at, count)));
    }
  }

  /**
   * One page of comments, newest first: on one status ({@code comments/show}) or on all the
   * account's statuses ({@code comments/to_me}). The cursor is Weibo's {@code next_cursor}, sent
   * back as {@code max_id}; {@code since} is applied here (Weibo pages by id only) and ends the
   * paging once an older comment shows up.
   */
  @Override
  public Page<Interaction> fetchComments(ChannelContext channel, InteractionQuery query) {
    String token = token(channel);
    Map<String, String> params = new LinkedHashMap<>();
    String path;
    if (query.platformPostId() != null) {
      path = "/2/comments/show.json";
      params.put("id", id("status", query.platformPostId()));
    } else {
      path = "/2/comments/to_me.json";
    }
    params.put("count", String.valueOf(query.limit()));
    if (query.cursor() != null) {
      params.put("max_id", id("cursor", query.cursor()));
    }
    String what = "GET " + path;
    JsonNode page = get(path, params, token, what);
    JsonNode list = page.path("comments");
    if (!list.isArray()) {
      throw errors.malformed(
          REDACTOR.redact(page.toString(), token), what + " answered no comments list", false);
    }
    List<Interaction> items = new ArrayList<>();
    boolean olderThanSince = false;
    for (JsonNode comment : list) {
      Interaction interaction = comment(comment, query.platformPostId());
      if (interaction == null) {
        throw errors.malformed(
            REDACTOR.redact(comment.toString(), token),
            what + " answered a comment without id, user or created_at",
            false);
      }
      if (query.since() != null && interaction.createdAt().isBefore(query.since())) {
        olderThanSince = true;
        continue;
      }
      items.add(interaction);
    }
    Long next = longOf(page.path("next_cursor"));
    String cursor = next == null || next <= 0 || olderThanSince ? null : String.valueOf(next);
    return new Page<>(items, cursor);
  }

  /** A comment as an interaction, or {@code null} when it lacks what an interaction needs. */
  private static Interaction comment(JsonNode comment, String fallbackStatusId) {
    String id = idOf(comment);
    String uid = idOf(comment.path("user"));
    Instant createdAt = createdAt(comment);
    if (!WeiboIds.isId(id) || !WeiboIds.isId(uid) || createdAt == null) {
      return null;
    }
    String statusId = idOf(comment.path("status"));
    if (!WeiboIds.isId(statusId)) {
      statusId = fallbackStatusId;
    }
    String replyTo = idOf(comment.path("reply_comment"));
    String screenName = comment.path("user").path("screen_name").asText(null);
    String name = comment.path("user").path("name").asText(screenName);
    return new Interaction(
        Interaction.Kind.COMMENT,
        id,
        statusId,
        statusId,
        WeiboIds.isId(replyTo) ? replyTo : statusId,
        new Interaction.Author(uid, screenName, name),
        comment.path("text").asText(""),
        createdAt);
  }

  /**
   * Answers a comment with {@code comments/reply} (Weibo prefixes {@code 回复@name:}, counted) or a
   * mention with {@code comments/create} on the status that mentions the account; so is a comment
   * whose id is its status's (the status itself: Weibo's comments and statuses share one id space).
   * Direct messages are not open to ordinary apps.
   */
  @Override
  public PublishResult reply(ChannelContext channel, ReplyRequest request) {
    Interaction target = request.target();
    String token = token(channel);
    Map<String, String> form = new LinkedHashMap<>();
    String path;
    boolean onTheStatus =
        target.kind() == Interaction.Kind.MENTION
            || (target.kind() == Interaction.Kind.COMMENT
                && target.platformId().equals(target.platformPostId()));
    switch (onTheStatus ? Interaction.Kind.MENTION : target.kind()) {
      case COMMENT:
        {
          if (target.platformPostId() == null) {
            throw ConnectorException.permanent(
                NETWORK_ID, "NO_STATUS_ID", "a Weibo comment is answered on its status", null);
          }
          String handle = target.author().handle();
          checkLength(
              (handle == null ? "" : "回复@" + handle + ":") + request.text(),
              "the reply with Weibo's 回复@name: prefix");
          path = "/2/comments/reply.json";
          form.put("cid", id("comment", target.platformId()));
          form.put("id", id("status", target.platformPostId()));
          break;
        }
      case MENTION:
        checkLength(request.text(), "the comment");
        path = "/2/comments/create.json";
        form.put(
            "id",
            id(
                "status",
                target.platformPostId() != null ? target.platformPostId() : target.platformId()));
        break;
      default:
        throw ConnectorException.permanent(
            NETWORK_ID,
            "DM_UNSUPPORTED",
            "Weibo's direct messages are not open to ordinary apps",
            null);
    }
    form.put("comment", request.text());
    String what = "POST " + path;
    JsonNode comment = postForm(path, form, token, what, true, token);
    String id = idOf(comment);
    Instant createdAt = createdAt(comment);
    if (!WeiboIds.isId(id) || createdAt == null) {
      throw errors.malformed(
          REDACTOR.redact(comment.toString(), token),
          what + " answered without a comment id and created_at",
          true);
    }
    return PublishResult.published(id, null, createdAt);
  }

  // ---- HTTP ----

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
            .timeout(requestTimeout)
            .header("Accept", "application/json");
    if (token != null) {
      builder.header("Authorization", "OAuth2 " + token);
    }
    return builder;
  }

  private JsonNode get(String path, Map<String, String> query, String token, String what) {
    HttpRequest request = request(path + "?" + form(query), token).GET().build();
    return interpret(transport.send(request, token, what, false), what, false, token);
  }

  /**
   * A form POST.
   *
   * @param token sent in the {@code Authorization} header, or {@code null}
   * @param secrets what the request carries that must not be reported (the first one also keeps
   *     transport failures clean)
   */
  private JsonNode postForm(
      String path,
      Map<String, String> form,
      String token,
      String what,
      boolean write,
      String... secrets) {
    HttpRequest request =
        request(path, token)
            .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
            .POST(HttpRequest.BodyPublishers.ofString(form(form), StandardCharsets.UTF_8))
            .build();
    return interpret(transport.send(request, secrets[0], what, write), what, write, secrets);
  }

  /**
   * The JSON of a successful answer; Weibo's error envelope (believed whatever the status) or any
   * other answer is thrown classified.
   */
  private JsonNode interpret(
      HttpResponse<String> response, String what, boolean write, String... secrets) {
    String raw = response.body() == null ? "" : response.body();
    for (String secret : secrets) {
      raw = REDACTOR.redact(raw, secret);
    }
    JsonNode json = parse(response.body());
    int code = WeiboErrors.code(json);
    if (code >= 0) {
      // The message is read from the redacted answer: Weibo may echo the token or the code.
      JsonNode redacted = parse(raw);
      throw errors.fromEnvelope(code, redacted == null ? json : redacted, raw, write);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300 && json != null) {
      return json;
    }
    throw errors.withoutEnvelope(status, raw, what, write);
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode node = body == null ? null : JSON.readTree(body);
      return node != null && (node.isObject() || node.isArray()) ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String form(Map<String, String> values) {
    return values.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  // ---- values ----

  private String clientId() {
    if (app.clientId().isEmpty()) {
      throw ConnectorException.permanent(
          NETWORK_ID,
          "NO_CLIENT_ID",
          "configure clientId (the AppKey) in org.socialweave.connector.weibo",
          null);
    }
    return app.clientId();
  }

  private String clientSecret() {
    if (app.clientSecret().isEmpty()) {
      throw ConnectorException.permanent(
          NETWORK_ID,
          "NO_CLIENT_SECRET",
          "configure clientSecret (the AppSecret) in org.socialweave.connector.weibo",
          null);
    }
    return app.clientSecret();
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

  /** A Weibo id from the caller, or {@link ErrorKind#PERMANENT} naming what it should be. */
  private static String id(String what, String value) {
    if (!WeiboIds.isId(value == null ? null : value.trim())) {
      throw ConnectorException.permanent(
          NETWORK_ID, "BAD_ID", "not a Weibo " + what + " id: " + value, null);
    }
    return value.trim();
  }

  /** {@code idstr}, or {@code id} when it is a number or a numeric string; else {@code null}. */
  private static String idOf(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (node.isValueNode()) {
      return node.isIntegralNumber() || node.isTextual() ? node.asText() : null;
    }
    String idstr = node.path("idstr").asText("");
    if (!idstr.isEmpty()) {
      return idstr;
    }
    JsonNode id = node.path("id");
    return id.isIntegralNumber() || id.isTextual() ? id.asText() : null;
  }

  /** A count or a number of seconds, sent as a number or a numeric string; else {@code null}. */
  private static Long longOf(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    String text = node.isTextual() ? node.asText().trim() : "";
    return text.matches("-?\\d{1,18}") ? Long.valueOf(text) : null;
  }

  /** {@code created_at} in Weibo's {@code Tue May 31 17:46:55 +0800 2011} form, or {@code null}. */
  private static Instant createdAt(JsonNode node) {
    try {
      return ZonedDateTime.parse(node.path("created_at").asText(""), CREATED_AT).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String screenName(JsonNode user, String uid) {
    String name = user.path("screen_name").asText("");
    return name.isBlank() ? uid : name;
  }
}
