package org.socialweave.connector.wechat.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.BreakIterator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.ConnectField;
import org.socialweave.api.connector.ConnectFlow;
import org.socialweave.api.connector.ConnectMethod;
import org.socialweave.api.connector.ConnectedAccount;
import org.socialweave.api.connector.ConnectorException;
import org.socialweave.api.connector.Credentials;
import org.socialweave.api.connector.ErrorKind;
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
import org.socialweave.api.connector.TextCounting;
import org.socialweave.api.connector.TextLimit;
import org.socialweave.api.connector.WebhookRequest;
import org.socialweave.api.connector.WebhookVerdict;
import org.socialweave.connector.support.ConnectorHttp;
import org.socialweave.connector.support.MultipartBody;
import org.socialweave.connector.support.Redactor;
import org.socialweave.connector.support.ReplayGuard;
import org.socialweave.connector.support.WeChatCryptoException;
import org.socialweave.connector.support.WeChatMessageCrypto;
import org.socialweave.connector.support.WebhookSignatures;

/**
 * The WeChat Official Account connector (微信公众号): publishes articles (图文) through WeChat's draft box
 * and its asynchronous publishing job, deletes and reads them back, reads the account's daily read
 * figures and verifies the account's message pushes.
 *
 * <p><b>Connecting</b> ({@link ConnectMethod#APP_SECRET}): the account's {@value #FIELD_APP_ID} and
 * {@value #FIELD_APP_SECRET} (公众平台 > 设置与开发 > 基本配置), and optionally the message-push {@value
 * #FIELD_TOKEN} and {@value #FIELD_AES_KEY} (服务器配置; both needed for safe mode) and a display
 * {@value #FIELD_NAME} (the Official Account API has no call that names the account). The secret is
 * exchanged with {@code POST /cgi-bin/stable_token} ({@code force_refresh=false}) for an access
 * token valid 7200 s; {@link #refreshCredentials} asks again (WeChat answers the same token while
 * it is valid, and the token pool of {@code stable_token} is separate from {@code /cgi-bin/token},
 * so another system using the plain token endpoint does not invalidate ours). The channel's account
 * id is the app id. The node's public IP must be on the account's IP whitelist ({@code 40164}
 * otherwise, {@link ErrorKind#PERMANENT}). Credentials: the access token and its expiry, secrets
 * {@value #SECRET_APP_SECRET}, {@value #SECRET_WEBHOOK_TOKEN} and {@value #SECRET_AES_KEY}.
 *
 * <p><b>Publishing.</b> A WeChat article needs a title and a cover image, so a request is refused
 * with {@link ErrorKind#CONTENT_REJECTED} before anything is sent when it has neither an image nor
 * a title to take. The title is {@link PublishRequest#title()}, else the option {@code title}, else
 * the first non-blank line of the text cut to {@value #MAX_TITLE} characters at a grapheme boundary
 * (an explicit title longer than that is refused). The first image becomes the cover, as permanent
 * material ({@code POST /cgi-bin/material/add_material?type=image}, at most 10 MB); later images
 * are uploaded with {@code POST /cgi-bin/media/uploadimg} (JPEG or PNG, at most 1 MB) and shown
 * after the text. The whole text is the article's body, one {@code <p>} per line, HTML escaped (the
 * title line stays in it); when there is no text and a single image, the body shows the cover.
 * {@link PublishRequest#link()} becomes the 阅读原文 link ({@code content_source_url}). Options: {@code
 * title}, {@code author} (at most 16), {@code digest} (at most 128), {@code needOpenComment} and
 * {@code onlyFansCanComment} ({@code true} or {@code 1}). Then {@code POST /cgi-bin/draft/add} and
 * {@code POST /cgi-bin/freepublish/submit}: the result is always {@link
 * PublishResult.Status#PENDING} with the {@code publish_id} as job id. {@link #publishStatus} polls
 * {@code POST /cgi-bin/freepublish/get}: {@code publish_status} 0 is published (the post id is the
 * {@code article_id}, the URL the first {@code article_url}, the time the moment the connector
 * learnt it), 1 still pending, 2 (original-claim check failed), 4 (platform audit refused) and 6
 * (banned) {@link ErrorKind#CONTENT_REJECTED}, 3 (general failure) and 5 (deleted after publishing)
 * {@link ErrorKind#PERMANENT}. The same outcome arrives as the {@code PUBLISHJOBFINISH} push, see
 * {@link #verifyWebhook}.
 *
 * <p><b>Idempotency.</b> WeChat has no idempotency key: {@code draft/add} twice makes two drafts
 * and {@code freepublish/submit} twice publishes twice. Only a lost answer to {@code
 * freepublish/submit} is {@link ErrorKind#OUTCOME_UNKNOWN}; lost answers to the uploads and to
 * {@code draft/add} are {@link ErrorKind#TRANSIENT} (a retry leaves at most an unused material or
 * draft, never a second article). {@link #fetchPost} finds an article by id only ({@code
 * freepublish/getarticle}); by attempt it answers {@link PostLookup.Outcome#UNKNOWN}.
 *
 * <p><b>Metrics</b>: the account's daily reads, readers, shares and favourites of the last three
 * days before today (Beijing time) from {@code POST /cgi-bin/datacube/getuserread}; per-article
 * figures need the mass-message id that the publish job does not name, so they are refused ({@link
 * ErrorKind#PERMANENT}).
 *
 * <p><b>Errors</b>: see {@link WeChatErrors}. <b>Secrets</b>: the access token travels as the query
 * parameter {@code access_token}, so it is redacted (by value and by shape) from every message, raw
 * answer and cause this connector reports; the app secret likewise.
 */
@Component(
    configurationPid = "org.socialweave.connector.wechat",
    property = PlatformConnector.NETWORK_PROPERTY + "=" + WeChatConnector.NETWORK_ID)
@Designate(ocd = WeChatConnector.Config.class)
public class WeChatConnector implements PlatformConnector {

  static final String NETWORK_ID = "wechat";

  static final String FIELD_APP_ID = "appId";
  static final String FIELD_APP_SECRET = "appSecret";
  static final String FIELD_TOKEN = "token";
  static final String FIELD_AES_KEY = "encodingAesKey";
  static final String FIELD_NAME = "name";

  static final String SECRET_APP_SECRET = "appSecret";
  static final String SECRET_WEBHOOK_TOKEN = "webhookToken";
  static final String SECRET_AES_KEY = "encodingAesKey";
  static final String SETTING_ACCOUNT_NAME = "accountName";
  static final String ATTRIBUTE_APP_ID = "appId";

  static final int MAX_TITLE = 32;
  static final int MAX_AUTHOR = 16;
  static final int MAX_DIGEST = 128;
  static final int MAX_CONTENT_CHARS = 20_000;
  static final int MAX_CONTENT_BYTES = 1024 * 1024;

  /**
   * The longest text declared: as one paragraph ({@code <p>...</p>}) its HTML stays under {@link
   * #MAX_CONTENT_CHARS}. More lines and escaped characters take more room; the HTML is checked
   * before sending.
   */
  static final int MAX_TEXT = MAX_CONTENT_CHARS - 1 - "<p></p>".length();

  static final int MAX_SOURCE_URL_BYTES = 1024;
  static final int MAX_IMAGES = 20;
  static final long MAX_COVER_BYTES = 10L * 1024 * 1024;
  static final long MAX_BODY_IMAGE_BYTES = 1024L * 1024;

  /** How far a push's timestamp may lie from its arrival. */
  static final Duration WEBHOOK_TOLERANCE = Duration.ofMinutes(5);

  /** The largest push body read; WeChat's pushes are a few kilobytes. */
  static final int MAX_WEBHOOK_BODY = 256 * 1024;

  /** {@code user_source} of the all-sources rows of {@code datacube/getuserread}. */
  static final long ALL_SOURCES = 99_999_999L;

  static final Redactor REDACTOR =
      new Redactor(
          Pattern.compile(
              "(?i)(access_token=|\"access_token\"\\s*:\\s*\"|\"secret\"\\s*:\\s*\")[^&\"\\s]+"));

  private static final Pattern APP_ID = Pattern.compile("wx[0-9a-fA-F]{16}");
  private static final Pattern PUSH_TOKEN = Pattern.compile("[A-Za-z0-9]{3,32}");
  private static final Pattern ARTICLE_ID = Pattern.compile("[A-Za-z0-9_=-]{1,128}");
  private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png");
  private static final Set<String> PUBLISH_EVENTS =
      Set.of("PUBLISHJOBFINISH", "FREEPUBLISHJOBFINISH");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final ConnectFlow CONNECT_FLOW =
      new ConnectFlow(
          ConnectMethod.APP_SECRET,
          List.of(
              new ConnectField(FIELD_APP_ID, "开发者ID (AppID)", "Developer ID (AppID)", false),
              new ConnectField(
                  FIELD_APP_SECRET, "开发者密码 (AppSecret)", "Developer secret (AppSecret)", true),
              new ConnectField(
                  FIELD_TOKEN, "消息推送令牌 Token (可选)", "Message push Token (optional)", true),
              new ConnectField(
                  FIELD_AES_KEY,
                  "消息加解密密钥 EncodingAESKey (可选, 安全模式)",
                  "EncodingAESKey (optional, safe mode)",
                  true),
              new ConnectField(
                  FIELD_NAME, "公众号名称 (可选)", "Official Account name (optional)", false)));

  private static final NetworkDescriptor DESCRIPTOR =
      new NetworkDescriptor(
          NETWORK_ID,
          "微信公众号",
          "WeChat Official Account",
          TextLimit.of(MAX_TEXT, TextCounting.UTF16_CODE_UNITS),
          null,
          new MediaRules(MAX_IMAGES, 0, IMAGE_TYPES, MAX_COVER_BYTES, 0, false, false),
          List.of(
              RateLimit.rate(
                  "stable-token-per-minute",
                  RateLimit.Scope.ACCOUNT,
                  10_000,
                  Duration.ofMinutes(1),
                  Operation.REFRESH_CREDENTIALS),
              RateLimit.dailyQuota(
                  "stable-token-per-day",
                  RateLimit.Scope.ACCOUNT,
                  500_000,
                  WeChatErrors.BEIJING,
                  Operation.REFRESH_CREDENTIALS)),
          EnumSet.of(
              Operation.PUBLISH_TEXT,
              Operation.PUBLISH_IMAGE,
              Operation.PUBLISH_LINK,
              Operation.DELETE,
              Operation.FETCH_POST,
              Operation.FETCH_METRICS,
              Operation.VERIFY_WEBHOOK,
              Operation.REFRESH_CREDENTIALS));

  private final URI baseUrl;
  private final Duration requestTimeout;
  private final Clock clock;
  private final ConnectorHttp transport;
  private final ReplayGuard replayGuard;
  private final SecureRandom random = new SecureRandom();

  /** Where the connector talks to: the real API, or the sandbox. */
  @ObjectClassDefinition(name = "SocialWeave WeChat Official Account connector")
  public @interface Config {
    @AttributeDefinition(description = "Base URL of the API, without /cgi-bin")
    String baseUrl() default "https://api.weixin.qq.com";
  }

  /** The OSGi component, configured by {@code org.socialweave.connector.wechat}. */
  @Activate
  public WeChatConnector(Config config) {
    this(
        URI.create(config.baseUrl()),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Clock.systemUTC());
  }

  /** For tests and the sandbox: another base URL, timeouts and clock. */
  WeChatConnector(URI baseUrl, Duration connectTimeout, Duration requestTimeout, Clock clock) {
    String s = baseUrl.toString();
    this.baseUrl = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    this.requestTimeout = requestTimeout;
    this.clock = clock;
    HttpClient http = ConnectorHttp.client(this.baseUrl, connectTimeout);
    this.transport = new ConnectorHttp(NETWORK_ID, "WeChat", http, REDACTOR);
    this.replayGuard = new ReplayGuard(100_000, WEBHOOK_TOLERANCE.multipliedBy(2), clock);
  }

  @Override
  public NetworkDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public ConnectFlow connectFlow() {
    return CONNECT_FLOW;
  }

  // ---- connecting and credentials ----

  @Override
  public ConnectedAccount connect(Map<String, String> fields) {
    String appId = trimmed(fields.get(FIELD_APP_ID));
    String secret = trimmed(fields.get(FIELD_APP_SECRET));
    String token = trimmed(fields.get(FIELD_TOKEN));
    String aesKey = trimmed(fields.get(FIELD_AES_KEY));
    String name = trimmed(fields.get(FIELD_NAME));
    if (appId == null || !APP_ID.matcher(appId).matches()) {
      throw new IllegalArgumentException(
          FIELD_APP_ID + " must be the account's AppID: wx and 16 hexadecimal digits");
    }
    if (secret == null || secret.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw new IllegalArgumentException(FIELD_APP_SECRET + " is required");
    }
    if (token != null && !PUSH_TOKEN.matcher(token).matches()) {
      throw new IllegalArgumentException(FIELD_TOKEN + " must be 3 to 32 letters or digits");
    }
    if (aesKey != null) {
      if (token == null) {
        throw new IllegalArgumentException(FIELD_AES_KEY + " needs the " + FIELD_TOKEN);
      }
      new WeChatMessageCrypto(token, aesKey, appId, random); // checks the key's shape
    }
    Map<String, String> secrets = new HashMap<>();
    secrets.put(SECRET_APP_SECRET, secret);
    if (token != null) {
      secrets.put(SECRET_WEBHOOK_TOKEN, token);
    }
    if (aesKey != null) {
      secrets.put(SECRET_AES_KEY, aesKey);
    }
    Token fresh = stableToken(appId, secret);
    Credentials credentials =
        new Credentials(
            fresh.value(),
            null,
            fresh.expiresAt(),
            null,
            Set.of(),
            secrets,
            Map.of(ATTRIBUTE_APP_ID, appId));
    Map<String, String> settings = name == null ? Map.of() : Map.of(SETTING_ACCOUNT_NAME, name);
    return verifyCredentials(
        new ChannelContext("connect", "connect", appId, credentials, settings));
  }

  /**
   * Calls {@code GET /cgi-bin/get_api_domain_ip}, the cheapest call that needs the access token.
   * The account is named by its app id and the {@value #SETTING_ACCOUNT_NAME} setting.
   */
  @Override
  public ConnectedAccount verifyCredentials(ChannelContext channel) {
    Auth auth = auth(channel);
    JsonNode answer =
        call(
            "GET /cgi-bin/get_api_domain_ip",
            get("/cgi-bin/get_api_domain_ip", auth.token()),
            auth,
            false);
    if (!answer.path("ip_list").isArray()) {
      throw malformed(answer, auth, "get_api_domain_ip", false, "no ip_list");
    }
    String appId = appId(channel);
    String name = channel.setting(SETTING_ACCOUNT_NAME);
    return new ConnectedAccount(
        appId,
        name == null || name.isBlank() ? "微信公众号 " + appId : name,
        channel.credentials(),
        channel.settings());
  }

  /**
   * {@code POST /cgi-bin/stable_token} with the stored app secret, {@code force_refresh=false}: the
   * current token while it is valid, a new one near or after its expiry. A wrong or reset secret is
   * {@link ErrorKind#AUTH_REVOKED}.
   */
  @Override
  public Credentials refreshCredentials(ChannelContext channel) {
    String secret = channel.credentials().secret(SECRET_APP_SECRET);
    if (secret == null || secret.isBlank()) {
      throw ConnectorException.authRevoked(NETWORK_ID, "NO_APP_SECRET", null);
    }
    Token fresh = stableToken(appId(channel), secret);
    return channel.credentials().refreshed(fresh.value(), fresh.expiresAt(), null, null);
  }

  private record Token(String value, Instant expiresAt) {}

  private Token stableToken(String appId, String secret) {
    ObjectNode body = JSON.createObjectNode();
    body.put("grant_type", "client_credential");
    body.put("appid", appId);
    body.put("secret", secret);
    body.put("force_refresh", false);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/cgi-bin/stable_token"))
            .timeout(requestTimeout)
            .header("Content-Type", "application/json; charset=utf-8")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
            .build();
    JsonNode answer = call("POST /cgi-bin/stable_token", request, new Auth(secret), false);
    String token = answer.path("access_token").asText("");
    long expiresIn = answer.path("expires_in").asLong(0);
    if (token.isBlank() || token.chars().anyMatch(c -> c <= ' ' || c == 0x7f) || expiresIn <= 0) {
      throw malformed(
          answer, new Auth(secret, token), "stable_token", false, "no access_token and expires_in");
    }
    return new Token(token, clock.instant().plusSeconds(expiresIn));
  }

  // ---- publishing ----

  @Override
  public PublishResult publish(ChannelContext channel, PublishRequest request) {
    for (Operation operation : request.requiredOperations()) {
      if (!DESCRIPTOR.supports(operation)) {
        throw new UnsupportedOperationException("wechat does not support " + operation);
      }
    }
    if (request.inReplyTo() != null) {
      throw rejected("REPLY_UNSUPPORTED", "a WeChat article cannot answer another post");
    }
    Article article = article(request);
    Auth auth = auth(channel);

    MediaRef cover = request.media().get(0);
    JsonNode material =
        upload(
            "/cgi-bin/material/add_material",
            "&type=image",
            "POST /cgi-bin/material/add_material",
            cover,
            0,
            auth);
    String thumbMediaId = material.path("media_id").asText("");
    if (thumbMediaId.isBlank()) {
      throw malformed(material, auth, "add_material", false, "no media_id");
    }
    List<String> imageUrls = new ArrayList<>();
    for (int i = 1; i < request.media().size(); i++) {
      JsonNode image =
          upload(
              "/cgi-bin/media/uploadimg",
              "",
              "POST /cgi-bin/media/uploadimg",
              request.media().get(i),
              i,
              auth);
      String url = image.path("url").asText("");
      if (!url.startsWith("http://") && !url.startsWith("https://")) {
        throw malformed(image, auth, "uploadimg", false, "no url");
      }
      imageUrls.add(url);
    }
    if (article.bodyParagraphs().isEmpty() && imageUrls.isEmpty()) {
      String coverUrl = material.path("url").asText("");
      if (coverUrl.startsWith("http://") || coverUrl.startsWith("https://")) {
        imageUrls.add(coverUrl);
      }
    }
    String content = html(article.bodyParagraphs(), imageUrls);
    checkContent(content);

    ObjectNode draft = JSON.createObjectNode();
    ObjectNode a = draft.putArray("articles").addObject();
    a.put("article_type", "news");
    a.put("title", article.title());
    if (article.author() != null) {
      a.put("author", article.author());
    }
    if (article.digest() != null) {
      a.put("digest", article.digest());
    }
    a.put("content", content);
    if (article.sourceUrl() != null) {
      a.put("content_source_url", article.sourceUrl());
    }
    a.put("thumb_media_id", thumbMediaId);
    a.put("need_open_comment", article.openComment() ? 1 : 0);
    a.put("only_fans_can_comment", article.fansOnly() ? 1 : 0);
    JsonNode drafted =
        call(
            "POST /cgi-bin/draft/add",
            postJson("/cgi-bin/draft/add", auth.token(), draft),
            auth,
            false);
    String draftId = drafted.path("media_id").asText("");
    if (draftId.isBlank()) {
      throw malformed(drafted, auth, "draft/add", false, "no media_id");
    }

    ObjectNode submit = JSON.createObjectNode();
    submit.put("media_id", draftId);
    JsonNode submitted =
        call(
            "POST /cgi-bin/freepublish/submit",
            postJson("/cgi-bin/freepublish/submit", auth.token(), submit),
            auth,
            true);
    String publishId = submitted.path("publish_id").asText("");
    if (!JOB_ID.matcher(publishId).matches()) {
      throw malformed(submitted, auth, "freepublish/submit", true, "no publish_id");
    }
    return PublishResult.pending(publishId);
  }

  /** What a request becomes, checked before anything is sent. */
  private record Article(
      String title,
      List<String> bodyParagraphs,
      String author,
      String digest,
      String sourceUrl,
      boolean openComment,
      boolean fansOnly) {}

  private Article article(PublishRequest request) {
    if (request.media().isEmpty()) {
      throw rejected("COVER_REQUIRED", "a WeChat article needs a cover: attach at least one image");
    }
    if (request.media().size() > MAX_IMAGES) {
      throw ConnectorException.mediaRejected(
          NETWORK_ID, "TOO_MANY_IMAGES", "at most " + MAX_IMAGES + " images", null);
    }
    for (int i = 0; i < request.media().size(); i++) {
      MediaRef m = request.media().get(i);
      if (!IMAGE_TYPES.contains(m.mimeType())) {
        throw ConnectorException.mediaRejected(
            NETWORK_ID,
            "IMAGE_TYPE",
            "image " + (i + 1) + " is " + m.mimeType() + ", not JPEG or PNG",
            null);
      }
      long max = i == 0 ? MAX_COVER_BYTES : MAX_BODY_IMAGE_BYTES;
      if (m.sizeBytes() > max) {
        throw ConnectorException.mediaRejected(
            NETWORK_ID,
            "IMAGE_TOO_LARGE",
            (i == 0 ? "the cover" : "image " + (i + 1))
                + " has "
                + m.sizeBytes()
                + " bytes; WeChat takes at most "
                + max,
            null);
      }
    }
    Map<String, String> options = request.options();
    String title = request.title();
    if (title == null || title.isBlank()) {
      title = options.get("title");
    }
    if (title != null && !title.isBlank()) {
      title = title.strip();
      if (title.codePointCount(0, title.length()) > MAX_TITLE) {
        throw rejected("TITLE_TOO_LONG", "the title has more than " + MAX_TITLE + " characters");
      }
    } else {
      title = firstLine(request.text());
      if (title == null) {
        throw rejected(
            "TITLE_REQUIRED", "a WeChat article needs a title: give one or start the text with it");
      }
      title = cut(title, MAX_TITLE);
    }
    String author = blankToNull(options.get("author"));
    if (author != null && author.codePointCount(0, author.length()) > MAX_AUTHOR) {
      throw rejected("AUTHOR_TOO_LONG", "the author has more than " + MAX_AUTHOR + " characters");
    }
    String digest = blankToNull(options.get("digest"));
    if (digest != null && digest.codePointCount(0, digest.length()) > MAX_DIGEST) {
      throw rejected("DIGEST_TOO_LONG", "the digest has more than " + MAX_DIGEST + " characters");
    }
    String source = request.link() == null ? null : request.link().toString();
    if (source != null && source.getBytes(StandardCharsets.UTF_8).length > MAX_SOURCE_URL_BYTES) {
      throw rejected("LINK_TOO_LONG", "the link is longer than " + MAX_SOURCE_URL_BYTES + " bytes");
    }
    List<String> paragraphs = new ArrayList<>();
    for (String line : request.text().split("\\R")) {
      if (!line.isBlank()) {
        paragraphs.add(line.strip());
      }
    }
    // Checked once before uploading anything, again with the images' addresses.
    checkContent(html(paragraphs, List.of()));
    return new Article(
        title,
        paragraphs,
        author,
        digest,
        source,
        flag(options.get("needOpenComment")),
        flag(options.get("onlyFansCanComment")));
  }

  private static void checkContent(String html) {
    if (html.length() >= MAX_CONTENT_CHARS
        || html.getBytes(StandardCharsets.UTF_8).length >= MAX_CONTENT_BYTES) {
      throw rejected(
          "CONTENT_TOO_LONG",
          "the article's HTML has "
              + html.length()
              + " characters; WeChat takes fewer than "
              + MAX_CONTENT_CHARS
              + " (and under 1 MB)");
    }
  }

  private static String html(List<String> paragraphs, List<String> imageUrls) {
    StringBuilder html = new StringBuilder();
    for (String p : paragraphs) {
      html.append("<p>").append(escape(p)).append("</p>");
    }
    for (String url : imageUrls) {
      html.append("<p><img src=\"").append(escape(url)).append("\" /></p>");
    }
    return html.toString();
  }

  private JsonNode upload(
      String path, String extraQuery, String what, MediaRef media, int index, Auth auth) {
    String ext = media.mimeType().equals("image/png") ? ".png" : ".jpg";
    MultipartBody body = new MultipartBody().file("media", "image-" + (index + 1) + ext, media);
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(baseUrl + path + "?access_token=" + encode(auth.token()) + extraQuery))
            .timeout(requestTimeout)
            .header("Content-Type", body.contentType())
            .header("Accept", "application/json")
            .POST(body.publisher())
            .build();
    return call(what, request, auth, false);
  }

  /**
   * {@code POST /cgi-bin/freepublish/get}: pending while {@code publish_status} is 1, published at
   * 0, refused otherwise (see the class comment).
   */
  @Override
  public PublishResult publishStatus(ChannelContext channel, String jobId) {
    if (jobId == null || !JOB_ID.matcher(jobId).matches()) {
      throw ConnectorException.permanent(
          NETWORK_ID, "BAD_JOB_ID", "not a publish_id: " + jobId, null);
    }
    Auth auth = auth(channel);
    ObjectNode body = JSON.createObjectNode();
    body.put("publish_id", jobId);
    JsonNode job =
        call(
            "POST /cgi-bin/freepublish/get",
            postJson("/cgi-bin/freepublish/get", auth.token(), body),
            auth,
            false);
    JsonNode status = job.get("publish_status");
    if (status == null || !status.canConvertToInt()) {
      throw malformed(job, auth, "freepublish/get", false, "no publish_status");
    }
    String raw = auth.redact(job.toString());
    String failed =
        job.path("fail_idx").isArray() && !job.path("fail_idx").isEmpty()
            ? " (failed articles: " + job.path("fail_idx") + ")"
            : "";
    switch (status.asInt()) {
      case 0:
        {
          String articleId = job.path("article_id").asText("");
          if (!ARTICLE_ID.matcher(articleId).matches()) {
            throw malformed(job, auth, "freepublish/get", false, "success without article_id");
          }
          URI url = null;
          for (JsonNode item : job.path("article_detail").path("item")) {
            url = httpUri(item.path("article_url").asText(null));
            if (url != null) {
              break;
            }
          }
          return PublishResult.published(articleId, url, clock.instant());
        }
      case 1:
        return PublishResult.pending(jobId);
      case 2:
        throw jobRejected(
            ErrorKind.CONTENT_REJECTED, 2, "the original-content claim failed" + failed, raw);
      case 3:
        throw jobRejected(ErrorKind.PERMANENT, 3, "publishing failed (常规失败)" + failed, raw);
      case 4:
        throw jobRejected(
            ErrorKind.CONTENT_REJECTED, 4, "the platform's audit refused it" + failed, raw);
      case 5:
        throw jobRejected(ErrorKind.PERMANENT, 5, "published, then deleted", raw);
      case 6:
        throw jobRejected(
            ErrorKind.CONTENT_REJECTED, 6, "published, then banned by the platform", raw);
      default:
        throw malformed(job, auth, "freepublish/get", false, "unknown publish_status " + status);
    }
  }

  private static ConnectorException jobRejected(
      ErrorKind kind, int status, String message, String raw) {
    return ConnectorException.builder(kind, NETWORK_ID)
        .networkCode("publish_status=" + status)
        .networkMessage(message)
        .rawResponse(raw)
        .build();
  }

  /**
   * {@code POST /cgi-bin/freepublish/delete} with {@code index} 0 (every article of the publish;
   * this connector publishes one). An unknown or already deleted article ({@code 53600}) is not an
   * error.
   */
  @Override
  public void delete(ChannelContext channel, String platformPostId) {
    String articleId = articleId(platformPostId);
    Auth auth = auth(channel);
    ObjectNode body = JSON.createObjectNode();
    body.put("article_id", articleId);
    body.put("index", 0);
    try {
      call(
          "POST /cgi-bin/freepublish/delete",
          postJson("/cgi-bin/freepublish/delete", auth.token(), body),
          auth,
          false);
    } catch (ConnectorException e) {
      if ("53600".equals(e.networkCode())) {
        return;
      }
      throw e;
    }
  }

  /**
   * By id: {@code POST /cgi-bin/freepublish/getarticle}; deleted or unknown ({@code 53600}) is not
   * found. Without an id WeChat has nothing to look up: unknown.
   */
  @Override
  public PostLookup fetchPost(ChannelContext channel, PostQuery query) {
    if (query.platformPostId() == null || query.platformPostId().isBlank()) {
      return PostLookup.unknown(
          "WeChat has no idempotency key to look an article up by; follow the publish job by its"
              + " publish_id, or check the account's published articles on the platform");
    }
    String articleId = articleId(query.platformPostId());
    Auth auth = auth(channel);
    ObjectNode body = JSON.createObjectNode();
    body.put("article_id", articleId);
    JsonNode answer;
    try {
      answer =
          call(
              "POST /cgi-bin/freepublish/getarticle",
              postJson("/cgi-bin/freepublish/getarticle", auth.token(), body),
              auth,
              false);
    } catch (ConnectorException e) {
      if ("53600".equals(e.networkCode())) {
        return PostLookup.notFound();
      }
      throw e;
    }
    JsonNode items = answer.path("news_item");
    if (!items.isArray()) {
      throw malformed(answer, auth, "freepublish/getarticle", false, "no news_item");
    }
    for (JsonNode item : items) {
      if (!item.path("is_deleted").asBoolean(false)) {
        return PostLookup.found(articleId, httpUri(item.path("url").asText(null)), null);
      }
    }
    return PostLookup.notFound();
  }

  // ---- metrics ----

  /**
   * The account's figures of the three days before today (Beijing time) from {@code
   * datacube/getuserread}: {@value MetricNames#VIEWS} (reads), {@code wechat.read_user} (readers),
   * {@value MetricNames#REPOSTS} (shares) and {@value MetricNames#BOOKMARKS} (favourites), one
   * point per day at its Beijing midnight. Per-article figures are refused.
   */
  @Override
  public Map<String, List<MetricPoint>> fetchMetrics(
      ChannelContext channel, String platformPostId) {
    if (platformPostId != null) {
      throw ConnectorException.permanent(
          NETWORK_ID,
          "POST_METRICS_UNSUPPORTED",
          "WeChat's per-article figures are keyed by the mass-message id, which the publish job"
              + " does not name; only account figures are read",
          null);
    }
    Auth auth = auth(channel);
    LocalDate end = LocalDate.ofInstant(clock.instant(), WeChatErrors.BEIJING).minusDays(1);
    LocalDate begin = end.minusDays(2);
    ObjectNode body = JSON.createObjectNode();
    body.put("begin_date", begin.toString());
    body.put("end_date", end.toString());
    JsonNode answer =
        call(
            "POST /cgi-bin/datacube/getuserread",
            postJson("/cgi-bin/datacube/getuserread", auth.token(), body),
            auth,
            false);
    JsonNode list = answer.path("list");
    if (!list.isArray()) {
      throw malformed(answer, auth, "datacube/getuserread", false, "no list");
    }
    boolean hasTotals = false;
    for (JsonNode row : list) {
      hasTotals |= row.path("user_source").asLong(-1) == ALL_SOURCES;
    }
    Map<LocalDate, long[]> days = new TreeMap<>();
    for (JsonNode row : list) {
      if (hasTotals && row.path("user_source").asLong(-1) != ALL_SOURCES) {
        continue;
      }
      LocalDate day;
      try {
        day = LocalDate.parse(row.path("ref_date").asText(""));
      } catch (java.time.format.DateTimeParseException e) {
        throw malformed(answer, auth, "datacube/getuserread", false, "a row without ref_date");
      }
      long[] sum = days.computeIfAbsent(day, d -> new long[4]);
      sum[0] += row.path("int_page_read_count").asLong(0);
      sum[1] += row.path("int_page_read_user").asLong(0);
      sum[2] += row.path("share_count").asLong(0);
      sum[3] += row.path("add_to_fav_count").asLong(0);
    }
    Map<String, List<MetricPoint>> metrics = new LinkedHashMap<>();
    String[] names = {
      MetricNames.VIEWS, "wechat.read_user", MetricNames.REPOSTS, MetricNames.BOOKMARKS
    };
    for (String name : names) {
      metrics.put(name, new ArrayList<>());
    }
    days.forEach(
        (day, v) -> {
          Instant at = day.atStartOfDay(WeChatErrors.BEIJING).toInstant();
          for (int i = 0; i < names.length; i++) {
            metrics.get(names[i]).add(new MetricPoint(at, v[i]));
          }
        });
    return metrics;
  }

  // ---- webhooks ----

  /**
   * Verifies a message push. The handshake ({@code GET ?signature&timestamp&nonce&echostr}) is a
   * {@link WebhookVerdict.Outcome#CHALLENGE} answering {@code echostr}. A push is checked with
   * {@code signature = sha1(sort(token, timestamp, nonce))} in plain mode and with {@code
   * msg_signature = sha1(sort(token, timestamp, nonce, Encrypt))} in safe mode ({@code
   * encrypt_type=aes}), then decrypted (AES-256-CBC, the app id checked). A channel with an
   * EncodingAESKey refuses plain pushes (no downgrade). The timestamp must lie within {@value
   * #WEBHOOK_TOLERANCE_TEXT} of arrival, and an identical signed request seen before is a replay.
   * Accepted: the plain XML as payload, {@code success} as answer, and as delivery id {@code MsgId}
   * for messages, {@code PUBLISHJOBFINISH:<publish_id>} for publish results, {@code
   * FromUserName:CreateTime} for other events.
   */
  @Override
  public WebhookVerdict verifyWebhook(ChannelContext channel, WebhookRequest request) {
    String token = channel.credentials().secret(SECRET_WEBHOOK_TOKEN);
    if (token == null || token.isBlank()) {
      return WebhookVerdict.forged("the channel has no message-push token configured");
    }
    String signature = request.queryParameter("signature");
    String timestamp = request.queryParameter("timestamp");
    String nonce = request.queryParameter("nonce");
    if (timestamp == null || nonce == null) {
      return WebhookVerdict.malformed("timestamp and nonce are required");
    }
    byte[] body = request.body();
    String echostr = request.queryParameter("echostr");
    if (echostr != null && body.length == 0) {
      if (!WebhookSignatures.verifyWeChatSignature(token, timestamp, nonce, signature)) {
        return WebhookVerdict.forged("signature does not match");
      }
      if (!fresh(timestamp, request.receivedAt())) {
        return WebhookVerdict.replayed("timestamp outside " + WEBHOOK_TOLERANCE);
      }
      return WebhookVerdict.challenge(echostr, "text/plain");
    }
    if (body.length == 0 || body.length > MAX_WEBHOOK_BODY) {
      return WebhookVerdict.malformed(
          "a push needs an XML body of at most " + MAX_WEBHOOK_BODY + " bytes");
    }
    String aesKey = channel.credentials().secret(SECRET_AES_KEY);
    boolean safeMode = "aes".equalsIgnoreCase(request.queryParameter("encrypt_type"));
    if (aesKey != null && !safeMode) {
      return WebhookVerdict.forged("safe mode is configured: a plain push is refused");
    }
    byte[] plain;
    String replayKey;
    if (safeMode) {
      if (aesKey == null) {
        return WebhookVerdict.forged("an encrypted push, but the channel has no EncodingAESKey");
      }
      String msgSignature = request.queryParameter("msg_signature");
      Map<String, String> envelope;
      try {
        envelope = WeChatXml.parse(body);
      } catch (IllegalArgumentException e) {
        return WebhookVerdict.malformed("the envelope is not WeChat XML");
      }
      String encrypt = envelope.get("Encrypt");
      if (encrypt == null || encrypt.isEmpty()) {
        return WebhookVerdict.malformed("encrypt_type=aes without <Encrypt>");
      }
      if (!WebhookSignatures.verifyWeChatMsgSignature(
          token, timestamp, nonce, encrypt, msgSignature)) {
        return WebhookVerdict.forged("msg_signature does not match");
      }
      if (!fresh(timestamp, request.receivedAt())) {
        return WebhookVerdict.replayed("timestamp outside " + WEBHOOK_TOLERANCE);
      }
      replayKey = msgSignature;
      try {
        WeChatMessageCrypto crypto = new WeChatMessageCrypto(token, aesKey, appId(channel), random);
        plain = crypto.decrypt(encrypt).getBytes(StandardCharsets.UTF_8);
      } catch (WeChatCryptoException e) {
        return WebhookVerdict.forged("the encrypted push was refused: " + e.reason());
      } catch (IllegalArgumentException e) {
        return WebhookVerdict.forged("the channel's EncodingAESKey is not usable");
      }
    } else {
      if (!WebhookSignatures.verifyWeChatSignature(token, timestamp, nonce, signature)) {
        return WebhookVerdict.forged("signature does not match");
      }
      if (!fresh(timestamp, request.receivedAt())) {
        return WebhookVerdict.replayed("timestamp outside " + WEBHOOK_TOLERANCE);
      }
      replayKey = signature;
      plain = body;
    }
    // Same channel, timestamp, nonce and signature: the same signed request again.
    if (!replayGuard.firstSeen(
        channel.channelId()
            + "\n"
            + timestamp
            + "\n"
            + nonce
            + "\n"
            + replayKey.toLowerCase(Locale.ROOT))) {
      return WebhookVerdict.replayed("this signed push was already received");
    }
    Map<String, String> message;
    try {
      message = WeChatXml.parse(plain);
    } catch (IllegalArgumentException e) {
      return WebhookVerdict.malformed("the push is not WeChat XML");
    }
    return WebhookVerdict.accepted(plain, deliveryId(message), "success");
  }

  static final String WEBHOOK_TOLERANCE_TEXT = "five minutes";

  private static String deliveryId(Map<String, String> message) {
    String msgId = message.get("MsgId");
    if (msgId != null && !msgId.isEmpty()) {
      return msgId;
    }
    String event = message.getOrDefault("Event", "");
    String publishId = message.get("PublishEventInfo/publish_id");
    if (PUBLISH_EVENTS.contains(event.toUpperCase(Locale.ROOT)) && publishId != null) {
      return "PUBLISHJOBFINISH:" + publishId;
    }
    String from = message.get("FromUserName");
    String created = message.get("CreateTime");
    return from == null || created == null ? null : from + ":" + created;
  }

  private static boolean fresh(String timestamp, Instant receivedAt) {
    return WebhookSignatures.withinTolerance(
        timestamp, WEBHOOK_TOLERANCE, Clock.fixed(receivedAt, java.time.ZoneOffset.UTC));
  }

  // ---- HTTP and answers ----

  private HttpRequest get(String path, String token) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path + "?access_token=" + encode(token)))
        .timeout(requestTimeout)
        .header("Accept", "application/json")
        .GET()
        .build();
  }

  /** A JSON POST. Non-ASCII stays literal UTF-8: WeChat stores {@code \\uXXXX} escapes verbatim. */
  private HttpRequest postJson(String path, String token, JsonNode body) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path + "?access_token=" + encode(token)))
        .timeout(requestTimeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
        .build();
  }

  /**
   * Sends and answers the JSON of a success; an {@code errcode} other than 0 is classified by
   * {@link WeChatErrors}.
   *
   * @param auth the credential the call carries and the secrets to keep out of what is reported
   * @param write whether a lost answer may hide a published article
   */
  private JsonNode call(String what, HttpRequest request, Auth auth, boolean write) {
    HttpResponse<String> response = transport.send(request, auth.token(), what, write);
    int status = response.statusCode();
    String body = response.body() == null ? "" : response.body();
    String raw = auth.redact(body);
    JsonNode json = parse(body);
    if (status < 200 || status >= 300) {
      ErrorKind kind =
          status >= 500
              ? (write ? ErrorKind.OUTCOME_UNKNOWN : ErrorKind.TRANSIENT)
              : ErrorKind.PERMANENT;
      throw ConnectorException.builder(kind, NETWORK_ID)
          .networkCode(String.valueOf(status))
          .networkMessage(what + ": HTTP " + status)
          .rawResponse(raw)
          .build();
    }
    if (json == null) {
      throw ConnectorException.builder(
              write ? ErrorKind.OUTCOME_UNKNOWN : ErrorKind.TRANSIENT, NETWORK_ID)
          .networkCode(String.valueOf(status))
          .networkMessage(what + ": the answer is not a JSON object")
          .rawResponse(raw)
          .build();
    }
    JsonNode errcode = json.get("errcode");
    if (errcode != null && !errcode.isNull()) {
      long code;
      try {
        code = Long.parseLong(errcode.asText().trim());
      } catch (NumberFormatException e) {
        throw ConnectorException.builder(
                write ? ErrorKind.OUTCOME_UNKNOWN : ErrorKind.TRANSIENT, NETWORK_ID)
            .networkMessage(what + ": errcode is not a number")
            .rawResponse(raw)
            .build();
      }
      if (code != 0) {
        throw WeChatErrors.classify(
            NETWORK_ID, code, auth.redact(json.path("errmsg").asText(null)), raw, clock);
      }
    }
    return json;
  }

  private static ConnectorException malformed(
      JsonNode answer, Auth auth, String what, boolean write, String detail) {
    return ConnectorException.builder(
            write ? ErrorKind.OUTCOME_UNKNOWN : ErrorKind.TRANSIENT, NETWORK_ID)
        .networkMessage(what + ": " + detail)
        .rawResponse(auth.redact(answer.toString()))
        .build();
  }

  private static ConnectorException rejected(String code, String message) {
    return ConnectorException.contentRejected(NETWORK_ID, code, message, null);
  }

  private static JsonNode parse(String raw) {
    try {
      JsonNode node = JSON.readTree(raw);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The credential a call carries (the access token, or the app secret for {@code stable_token})
   * and every secret kept out of what the connector reports: a proxy or an error message may echo
   * any of the channel's secrets, not only the one sent.
   */
  private record Auth(String token, List<String> secrets) {
    Auth(String token, String... others) {
      this(token, Stream.concat(Stream.of(token), Stream.of(others)).toList());
    }

    String redact(String text) {
      String out = text;
      for (String secret : secrets) {
        out = REDACTOR.redact(out, secret);
      }
      return out;
    }
  }

  /**
   * The access token and the channel's secrets, refused before sending when the token is missing or
   * expired (refresh first).
   */
  private Auth auth(ChannelContext channel) {
    Credentials credentials = channel.credentials();
    String token = credentials.accessToken();
    if (token == null || token.isBlank()) {
      throw ConnectorException.authExpired(NETWORK_ID, "NO_TOKEN", null);
    }
    if (token.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw ConnectorException.authExpired(NETWORK_ID, "MALFORMED_TOKEN", null);
    }
    if (credentials.isAccessExpiredAt(clock.instant())) {
      throw ConnectorException.authExpired(NETWORK_ID, "TOKEN_EXPIRED", null);
    }
    return new Auth(token, credentials.secrets().values().toArray(String[]::new));
  }

  private static String appId(ChannelContext channel) {
    String appId = channel.accountId();
    if (!APP_ID.matcher(appId).matches()) {
      throw ConnectorException.permanent(
          NETWORK_ID, "BAD_APP_ID", "the channel's account id is not an AppID: " + appId, null);
    }
    return appId;
  }

  private static String articleId(String id) {
    if (id == null || !ARTICLE_ID.matcher(id).matches()) {
      throw ConnectorException.permanent(
          NETWORK_ID, "BAD_ARTICLE_ID", "not a WeChat article_id: " + id, null);
    }
    return id;
  }

  private static URI httpUri(String s) {
    if (s == null || !(s.startsWith("https://") || s.startsWith("http://"))) {
      return null;
    }
    try {
      return URI.create(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String firstLine(String text) {
    for (String line : text.split("\\R")) {
      if (!line.isBlank()) {
        return line.strip();
      }
    }
    return null;
  }

  /** At most {@code max} code points, cut at a grapheme boundary. */
  static String cut(String s, int max) {
    if (s.codePointCount(0, s.length()) <= max) {
      return s;
    }
    BreakIterator it = BreakIterator.getCharacterInstance(Locale.ROOT);
    it.setText(s);
    int end = 0;
    for (int next = it.next(); next != BreakIterator.DONE; next = it.next()) {
      if (s.codePointCount(0, next) > max) {
        break;
      }
      end = next;
    }
    return s.substring(0, end).strip();
  }

  private static boolean flag(String value) {
    return value != null && ("1".equals(value.trim()) || "true".equalsIgnoreCase(value.trim()));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String trimmed(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
