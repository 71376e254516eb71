package org.socialweave.sandbox.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.socialweave.sandbox.Fault;
import org.socialweave.sandbox.WeiboComment;
import org.socialweave.sandbox.WeiboSandbox;
import org.socialweave.sandbox.WeiboStatus;

/**
 * Sina Weibo Open Platform wire format under {@code /weibo/oauth2/...} and {@code /weibo/2/...}.
 */
public final class WeiboSimulator extends Simulator implements WeiboSandbox {

  /** The path prefix the sandbox routes here. */
  public static final String PREFIX = "/weibo/";

  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter CREATED_AT =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.US).withZone(BEIJING);
  private static final Pattern URL =
      Pattern.compile("(?i)https?://[\\w\\-.~:/?#\\[\\]@!$&'()*+,;=%]+");
  private static final Pattern TOPIC = Pattern.compile("#[^#\\r\\n]+#");
  private static final Pattern IP =
      Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]+");
  private static final String BASE62 =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private record App(
      String clientId, String clientSecret, String redirectUriPrefix, String secureDomain) {}

  private static final class User {
    final String uid;
    final String screenName;
    long followers;

    User(String uid, String screenName) {
      this.uid = uid;
      this.screenName = screenName;
    }
  }

  private static final class Token {
    final String value;
    final String clientId;
    final String uid;
    final Instant createdAt;
    Instant expiresAt;
    boolean revoked;

    Token(String value, String clientId, String uid, Instant createdAt, Instant expiresAt) {
      this.value = value;
      this.clientId = clientId;
      this.uid = uid;
      this.createdAt = createdAt;
      this.expiresAt = expiresAt;
    }
  }

  private static final class Code {
    final String clientId;
    final String uid;
    final String redirectUri;
    final Instant createdAt;
    boolean used;

    Code(String clientId, String uid, String redirectUri, Instant createdAt) {
      this.clientId = clientId;
      this.uid = uid;
      this.redirectUri = redirectUri;
      this.createdAt = createdAt;
    }
  }

  /** A queued fault: a generic {@link Fault}, or a Weibo error envelope. */
  private record Queued(Fault fault, int httpStatus, int errorCode, String error) {}

  private final URI baseUrl;
  private final Object lock = new Object();
  private final Map<String, App> apps = new HashMap<>();
  private final Map<String, User> users = new LinkedHashMap<>();
  private final Map<String, Token> tokens = new HashMap<>();
  private final Map<String, Code> codes = new HashMap<>();
  private final Map<String, WeiboStatus> statuses = new LinkedHashMap<>();
  private final Map<String, long[]> counts = new HashMap<>(); // status id -> {reposts, attitudes}
  private final List<WeiboComment> comments = new ArrayList<>();
  private final FaultQueue<Queued> faults = new FaultQueue<>();
  private final Map<String, long[]> windows =
      new HashMap<>(); // uid|app|hour -> calls, shares, cmts
  private final SimClock clock = new SimClock(ChronoUnit.SECONDS);
  private String consentingUid;
  private boolean consentSet;
  private Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;
  private int callsPerHour = DEFAULT_CALLS_PER_HOUR;
  private int sharesPerHour = DEFAULT_SHARES_PER_HOUR;
  private int commentsPerHour = DEFAULT_COMMENTS_PER_HOUR;
  private long nextStatusId = 4_900_000_000_000_001L;
  private long nextCommentId = 4_950_000_000_000_001L;
  private long nextShortLink = 20_000_000_000L;

  public WeiboSimulator(URI sandboxUrl) {
    this.baseUrl = URI.create(sandboxUrl + "/weibo");
  }

  // ---- WeiboSandbox ----

  @Override
  public URI baseUrl() {
    return baseUrl;
  }

  @Override
  public void addApp(
      String clientId, String clientSecret, String redirectUriPrefix, String secureDomain) {
    requireText("clientId", clientId);
    requireText("clientSecret", clientSecret);
    requireText("redirectUriPrefix", redirectUriPrefix);
    if (secureDomain == null || !secureDomain.matches("[A-Za-z0-9.-]+")) {
      throw new IllegalArgumentException("not a domain: " + secureDomain);
    }
    synchronized (lock) {
      apps.put(
          clientId,
          new App(
              clientId, clientSecret, redirectUriPrefix, secureDomain.toLowerCase(Locale.ROOT)));
    }
  }

  @Override
  public void addUser(String uid, String screenName) {
    if (uid == null || !uid.matches("[1-9]\\d{0,15}")) {
      throw new IllegalArgumentException("a uid is a number: " + uid);
    }
    requireText("screenName", screenName);
    synchronized (lock) {
      users.put(uid, new User(uid, screenName));
      if (!consentSet && consentingUid == null) {
        consentingUid = uid;
      }
    }
  }

  @Override
  public void setFollowersCount(String uid, long followers) {
    synchronized (lock) {
      user(uid).followers = followers;
    }
  }

  @Override
  public void setConsentingUser(String uid) {
    synchronized (lock) {
      if (uid != null) {
        user(uid);
      }
      consentingUid = uid;
      consentSet = true;
    }
  }

  @Override
  public void setTokenLifetime(Duration lifetime) {
    if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("the lifetime must be positive");
    }
    synchronized (lock) {
      tokenLifetime = lifetime;
    }
  }

  @Override
  public String issueToken(String clientId, String uid) {
    synchronized (lock) {
      if (!apps.containsKey(clientId)) {
        throw new IllegalArgumentException("unknown app: " + clientId);
      }
      user(uid);
      return grant(clientId, uid).value;
    }
  }

  @Override
  public void revoke(String accessToken) {
    synchronized (lock) {
      Token token = tokens.get(accessToken);
      if (token != null) {
        token.revoked = true;
      }
    }
  }

  @Override
  public void setRateLimits(int callsPerHour, int sharesPerHour, int commentsPerHour) {
    if (callsPerHour < 1 || sharesPerHour < 1 || commentsPerHour < 1) {
      throw new IllegalArgumentException("limits must be at least 1");
    }
    synchronized (lock) {
      this.callsPerHour = callsPerHour;
      this.sharesPerHour = sharesPerHour;
      this.commentsPerHour = commentsPerHour;
    }
  }

  @Override
  public void inject(String key, Fault fault, int times) {
    if (fault == null) {
      throw new IllegalArgumentException("fault is required");
    }
    faults.add(key, new Queued(fault, 0, 0, null), times);
  }

  @Override
  public void injectError(String key, int httpStatus, int errorCode, String error, int times) {
    if (httpStatus < 200 || httpStatus > 599) {
      throw new IllegalArgumentException("not an HTTP status: " + httpStatus);
    }
    faults.add(key, new Queued(null, httpStatus, errorCode, error == null ? "" : error), times);
  }

  @Override
  public void clearFaults(String key) {
    faults.clear(key);
  }

  @Override
  public List<WeiboStatus> statuses(String uid) {
    synchronized (lock) {
      return statuses.values().stream().filter(s -> s.uid().equals(uid)).toList();
    }
  }

  @Override
  public List<WeiboComment> comments(String statusId) {
    synchronized (lock) {
      return comments.stream().filter(c -> c.statusId().equals(statusId)).toList();
    }
  }

  @Override
  public WeiboComment addComment(String statusId, String uid, String text) {
    requireText("text", text);
    synchronized (lock) {
      user(uid);
      if (!statuses.containsKey(statusId)) {
        throw new IllegalArgumentException("unknown status: " + statusId);
      }
      return comment(statusId, uid, text, null);
    }
  }

  @Override
  public void setCounts(String statusId, long reposts, long attitudes) {
    synchronized (lock) {
      if (!statuses.containsKey(statusId)) {
        throw new IllegalArgumentException("unknown status: " + statusId);
      }
      counts.put(statusId, new long[] {reposts, attitudes});
    }
  }

  @Override
  public void advanceClock(Duration duration) {
    clock.advance(duration);
  }

  @Override
  public void reset() {
    synchronized (lock) {
      apps.clear();
      users.clear();
      tokens.clear();
      codes.clear();
      statuses.clear();
      counts.clear();
      comments.clear();
      faults.reset();
      windows.clear();
      requests.reset();
      consentingUid = null;
      consentSet = false;
      tokenLifetime = DEFAULT_TOKEN_LIFETIME;
      callsPerHour = DEFAULT_CALLS_PER_HOUR;
      sharesPerHour = DEFAULT_SHARES_PER_HOUR;
      commentsPerHour = DEFAULT_COMMENTS_PER_HOUR;
      clock.reset();
    }
  }

  private User user(String uid) {
    User user = uid == null ? null : users.get(uid);
    if (user == null) {
      throw new IllegalArgumentException("unknown user: " + uid);
    }
    return user;
  }

  /** A live token of this user and app gets a renewed lifetime; otherwise a new one. */
  private Token grant(String clientId, String uid) {
    Instant now = clock.now();
    for (Token t : tokens.values()) {
      if (t.clientId.equals(clientId)
          && t.uid.equals(uid)
          && !t.revoked
          && now.isBefore(t.expiresAt)) {
        t.expiresAt = now.plus(tokenLifetime);
        return t;
      }
    }
    StringBuilder value = new StringBuilder("2.00");
    for (int i = 0; i < 28; i++) {
      value.append(BASE62.charAt(RANDOM.nextInt(62)));
    }
    Token token = new Token(value.toString(), clientId, uid, now, now.plus(tokenLifetime));
    tokens.put(token.value, token);
    return token;
  }

  // ---- HTTP ----

  private static final String JSON_TYPE = "application/json;charset=UTF-8";

  private static Answer json(JsonNode body) {
    return new Answer(200, JSON_TYPE, body.toString());
  }

  private static Answer error(int status, int code, String error, String request) {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", error);
    body.put("error_code", code);
    body.put("request", request);
    return new Answer(status, JSON_TYPE, body.toString());
  }

  /** OAuth 2.0 endpoints add {@code error_uri} and {@code error_description}. */
  private static Answer oauthError(int code, String error, String description, String request) {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", error);
    body.put("error_code", code);
    body.put("request", request);
    body.put("error_uri", request);
    body.put("error_description", description);
    return new Answer(400, JSON_TYPE, body.toString());
  }

  private static Answer redirect(String location) {
    return new Answer(302, "text/html;charset=UTF-8", "", Map.of("Location", location));
  }

  private record Call(
      String method,
      String path,
      String token,
      Map<String, List<String>> params,
      Map<String, MultipartForm.Part> files) {

    String param(String name) {
      return FormBodies.first(params, name);
    }
  }

  @Override
  Answer internalError(RuntimeException e) {
    return error(500, 10001, "System error!", "");
  }

  @Override
  Answer answer(HttpExchange exchange) throws IOException, InterruptedException {
    String path = exchange.getRequestURI().getPath().substring(PREFIX.length() - 1);
    Map<String, List<String>> params;
    Map<String, MultipartForm.Part> files = new HashMap<>();
    try {
      params = read(exchange, files);
    } catch (IllegalArgumentException e) {
      return error(400, 10008, "Param error, see doc for more info.", path);
    }
    String token = FormBodies.first(params, "access_token");
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (token == null
        && authorization != null
        && authorization.regionMatches(true, 0, "OAuth2 ", 0, 7)) {
      token = authorization.substring(7).trim();
    }
    Call call =
        new Call(exchange.getRequestMethod().toUpperCase(Locale.ROOT), path, token, params, files);
    if (path.equals("/oauth2/authorize")) {
      return authorize(call);
    }
    String key = path.equals("/oauth2/access_token") ? call.param("client_id") : token;
    requests.countKey(key);
    Queued queued = key == null ? null : faults.next(key);
    if (queued == null) {
      return dispatch(call);
    }
    if (queued.fault() == null) {
      return error(queued.httpStatus(), queued.errorCode(), queued.error(), path);
    }
    return play(queued.fault(), () -> dispatch(call), fault -> failure(fault, path));
  }

  private static Answer failure(Fault fault, String path) {
    switch (fault.type()) {
      case RATE_LIMITED:
        return error(403, 10023, "User requests out of rate limit!", path);
      case SERVER_ERROR:
        if (fault.status() == 500) {
          return error(500, 10001, "System error!", path);
        }
        return new Answer(
            fault.status(),
            "text/html",
            "<html><head><title>"
                + fault.status()
                + "</title></head><body><center><h1>"
                + fault.status()
                + "</h1></center><hr><center>nginx</center></body></html>");
      case ERROR:
        return error(fault.status(), 10001, fault.description(), path);
      case RAW:
        return new Answer(fault.status(), "application/json", fault.body());
      default:
        throw new IllegalStateException("unknown fault " + fault.type());
    }
  }

  private Answer dispatch(Call call) {
    synchronized (lock) {
      switch (call.path()) {
        case "/oauth2/access_token":
          return accessToken(call);
        case "/oauth2/get_token_info":
          return tokenInfo(call);
        default:
          break;
      }
      if (!call.path().startsWith("/2/")) {
        return error(404, 10020, "Request api not found!", call.path());
      }
      Route route = ROUTES.get(call.path());
      if (route == null) {
        return error(404, 10020, "Request api not found!", call.path());
      }
      if (!route.method().equals(call.method())) {
        return error(400, 10021, "HTTP METHOD is not suported for this request!", call.path());
      }
      if (call.token() == null || call.token().isEmpty()) {
        return error(400, 10006, "source paramter(appkey) is missing", call.path());
      }
      Token token = tokens.get(call.token());
      if (token == null || token.revoked) {
        return error(401, 21332, "invalid_access_token", call.path());
      }
      Instant now = clock.now();
      if (!now.isBefore(token.expiresAt)) {
        return error(401, 21327, "expired_token", call.path());
      }
      long[] window =
          windows.computeIfAbsent(
              token.uid + "|" + token.clientId + "|" + now.truncatedTo(ChronoUnit.HOURS),
              k -> new long[3]);
      if (++window[0] > callsPerHour) {
        return error(403, 10023, "User requests out of rate limit!", call.path());
      }
      if (route.limit() > 0 && ++window[route.limit()] > limitOf(route.limit())) {
        String api = call.path().substring(3).replace(".json", "");
        return error(403, 10024, "User requests for (" + api + ") out of rate limit!", call.path());
      }
      switch (call.path()) {
        case "/2/account/get_uid.json":
          return json(JSON.createObjectNode().put("uid", Long.parseLong(token.uid)));
        case "/2/users/show.json":
          return usersShow(call);
        case "/2/statuses/share.json":
          return share(call, token, now);
        case "/2/statuses/show.json":
          return statusesShow(call);
        case "/2/statuses/count.json":
          return statusesCount(call);
        case "/2/comments/show.json":
          return commentsShow(call);
        case "/2/comments/to_me.json":
          return commentsToMe(call, token);
        case "/2/comments/create.json":
          return commentsCreate(call, token);
        case "/2/comments/reply.json":
          return commentsReply(call, token);
        default:
          return error(404, 10020, "Request api not found!", call.path());
      }
    }
  }

  /** An API route: its method and which hourly limit besides the total it counts (0: none). */
  private record Route(String method, int limit) {}

  private static final int SHARES = 1;
  private static final int COMMENTS = 2;

  private static final Map<String, Route> ROUTES =
      Map.of(
          "/2/account/get_uid.json", new Route("GET", 0),
          "/2/users/show.json", new Route("GET", 0),
          "/2/statuses/share.json", new Route("POST", SHARES),
          "/2/statuses/show.json", new Route("GET", 0),
          "/2/statuses/count.json", new Route("GET", 0),
          "/2/comments/show.json", new Route("GET", 0),
          "/2/comments/to_me.json", new Route("GET", 0),
          "/2/comments/create.json", new Route("POST", COMMENTS),
          "/2/comments/reply.json", new Route("POST", COMMENTS));

  private int limitOf(int which) {
    return which == SHARES ? sharesPerHour : commentsPerHour;
  }

  // ---- OAuth 2.0 ----

  private Answer authorize(Call call) {
    String clientId = call.param("client_id");
    String redirectUri = call.param("redirect_uri");
    String state = call.param("state");
    synchronized (lock) {
      App app = clientId == null ? null : apps.get(clientId);
      if (app == null) {
        return oauthError(21324, "invalid_client", "client_id is invalid", call.path());
      }
      if (redirectUri == null || !redirectUri.startsWith(app.redirectUriPrefix())) {
        return oauthError(
            21322, "redirect_uri_mismatch", "redirect_uri does not match", call.path());
      }
      if (!"code".equals(call.param("response_type"))) {
        return redirect(
            withQuery(
                redirectUri,
                "error=unsupported_response_type&error_code=21329&error_description="
                    + encode("unsupported response_type"),
                state));
      }
      if (consentingUid == null) {
        return redirect(
            withQuery(
                redirectUri,
                "error=access_denied&error_code=21330&error_description="
                    + encode("the user denied your request"),
                state));
      }
      byte[] random = new byte[16];
      RANDOM.nextBytes(random);
      String code = HexFormat.of().formatHex(random);
      codes.put(code, new Code(clientId, consentingUid, redirectUri, clock.now()));
      return redirect(withQuery(redirectUri, "code=" + code, state));
    }
  }

  private static String withQuery(String redirectUri, String query, String state) {
    String q = state == null ? query : query + "&state=" + encode(state);
    return redirectUri + (redirectUri.contains("?") ? "&" : "?") + q;
  }

  private Answer accessToken(Call call) {
    if (!call.method().equals("POST")) {
      return error(400, 10021, "HTTP METHOD is not suported for this request!", call.path());
    }
    App app = apps.get(String.valueOf(call.param("client_id")));
    if (app == null || !app.clientSecret().equals(call.param("client_secret"))) {
      return oauthError(
          21324, "invalid_client", "client_id or client_secret is invalid", call.path());
    }
    if (!"authorization_code".equals(call.param("grant_type"))) {
      return oauthError(21328, "unsupported_grant_type", "unsupported grant_type", call.path());
    }
    String value = call.param("code");
    Code code = value == null ? null : codes.get(value);
    Instant now = clock.now();
    if (code == null
        || code.used
        || !code.clientId.equals(app.clientId())
        || !now.isBefore(code.createdAt.plus(Duration.ofMinutes(CODE_LIFETIME_MINUTES)))) {
      return oauthError(21325, "invalid_grant", "invalid authorization code:" + value, call.path());
    }
    if (!code.redirectUri.equals(call.param("redirect_uri"))) {
      return oauthError(21322, "redirect_uri_mismatch", "redirect_uri does not match", call.path());
    }
    code.used = true;
    Token token = grant(app.clientId(), code.uid);
    long seconds = Duration.between(now, token.expiresAt).toSeconds();
    ObjectNode body = JSON.createObjectNode();
    body.put("access_token", token.value);
    body.put("remind_in", String.valueOf(seconds));
    body.put("expires_in", seconds);
    body.put("uid", token.uid);
    body.put("isRealName", "true");
    return json(body);
  }

  private Answer tokenInfo(Call call) {
    if (!call.method().equals("POST")) {
      return error(400, 10021, "HTTP METHOD is not suported for this request!", call.path());
    }
    Token token = call.token() == null ? null : tokens.get(call.token());
    if (token == null || token.revoked) {
      return error(401, 21332, "invalid_access_token", call.path());
    }
    Instant now = clock.now();
    if (!now.isBefore(token.expiresAt)) {
      return error(401, 21327, "expired_token", call.path());
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("uid", Long.parseLong(token.uid));
    body.put("appkey", token.clientId);
    body.putNull("scope");
    body.put("create_at", token.createdAt.getEpochSecond());
    body.put("expire_in", Duration.between(now, token.expiresAt).toSeconds());
    return json(body);
  }

  // ---- users, statuses ----

  private Answer usersShow(Call call) {
    String uid = call.param("uid");
    String screenName = call.param("screen_name");
    User user = null;
    if (uid != null) {
      user = users.get(uid);
    } else if (screenName != null) {
      user =
          users.values().stream()
              .filter(u -> u.screenName.equals(screenName))
              .findFirst()
              .orElse(null);
    } else {
      return error(
          400, 10016, "Miss required parameter (uid) , see doc for more info.", call.path());
    }
    return user == null
        ? error(400, 20003, "User does not exists!", call.path())
        : json(userJson(user));
  }

  private Answer share(Call call, Token token, Instant now) {
    String text = call.param("status");
    if (text == null || text.isEmpty()) {
      return error(
          400, 10016, "Miss required parameter (status) , see doc for more info.", call.path());
    }
    if (length(text) > MAX_TEXT_LENGTH) {
      return error(
          400,
          20012,
          "Text too long, please input text less than " + MAX_TEXT_LENGTH + " characters!",
          call.path());
    }
    App app = apps.get(token.clientId);
    if (!hasSecureDomainUrl(text, app.secureDomain())) {
      return error(400, 10017, "text not find domain!", call.path());
    }
    if (TOPIC.matcher(URL.matcher(text).replaceAll(" ")).find()) {
      return error(
          400,
          10017,
          "Parameter (status)'s value invalid, expect (text without #topic#) , but get ("
              + text
              + ") , see doc for more info.",
          call.path());
    }
    String rip = call.param("rip");
    if (rip != null && !IP.matcher(rip).matches()) {
      return error(
          400,
          10017,
          "Parameter (rip)'s value invalid, expect (ip) , but get ("
              + rip
              + ") , see doc for"
              + " more info.",
          call.path());
    }
    MultipartForm.Part pic = call.files().get("pic");
    String picType = null;
    if (pic != null) {
      picType = imageType(pic.content());
      if (picType == null) {
        return error(400, 20005, "Unsupported image type, only suport JPG, GIF, PNG!", call.path());
      }
      if (pic.content().length > MAX_PIC_BYTES) {
        return error(400, 20006, "Image size too large.", call.path());
      }
    }
    WeiboStatus last = null;
    for (WeiboStatus s : statuses.values()) {
      if (s.uid().equals(token.uid)) {
        last = s;
      }
    }
    if (last != null && last.text().equals(text)) {
      return error(400, 20019, "Repeat conetnt!", call.path());
    }
    String id = String.valueOf(nextStatusId);
    nextStatusId += 7_919; // ids grow, with gaps, as Weibo's do
    WeiboStatus status =
        new WeiboStatus(
            id,
            token.uid,
            token.clientId,
            text,
            shorten(text),
            picType,
            pic == null ? 0 : pic.content().length,
            rip,
            now);
    statuses.put(id, status);
    return json(statusJson(status));
  }

  private Answer statusesShow(Call call) {
    String id = call.param("id");
    if (id == null) {
      return error(
          400, 10016, "Miss required parameter (id) , see doc for more info.", call.path());
    }
    WeiboStatus status = statuses.get(id);
    return status == null
        ? error(400, 20101, "Target weibo does not exist!", call.path())
        : json(statusJson(status));
  }

  private Answer statusesCount(Call call) {
    String ids = call.param("ids");
    if (ids == null || ids.isBlank()) {
      return error(
          400, 10016, "Miss required parameter (ids) , see doc for more info.", call.path());
    }
    String[] list = ids.split(",");
    if (list.length > 100) {
      return error(400, 20009, "IDs is too many!", call.path());
    }
    ArrayNode answer = JSON.createArrayNode();
    for (String id : list) {
      WeiboStatus status = statuses.get(id.trim());
      if (status == null) {
        continue; // unknown and deleted ids are left out silently
      }
      long[] c = counts.getOrDefault(status.id(), new long[2]);
      ObjectNode item = answer.addObject();
      item.put("id", Long.parseLong(status.id()));
      item.put("idstr", status.id());
      item.put("comments", comments(status.id()).size());
      item.put("reposts", c[0]);
      item.put("attitudes", c[1]);
    }
    return json(answer);
  }

  // ---- comments ----

  private Answer commentsShow(Call call) {
    String id = call.param("id");
    if (id == null) {
      return error(
          400, 10016, "Miss required parameter (id) , see doc for more info.", call.path());
    }
    if (!statuses.containsKey(id)) {
      return error(400, 20101, "Target weibo does not exist!", call.path());
    }
    return commentPage(call, comments(id));
  }

  private Answer commentsToMe(Call call, Token token) {
    List<WeiboComment> mine =
        comments.stream()
            .filter(c -> statuses.get(c.statusId()).uid().equals(token.uid))
            .filter(c -> !c.uid().equals(token.uid))
            .toList();
    return commentPage(call, mine);
  }

  /** Newest first; {@code max_id} inclusive, {@code since_id} exclusive, {@code count} ≤ 200. */
  private Answer commentPage(Call call, List<WeiboComment> all) {
    long maxId = number(call.param("max_id"));
    long sinceId = number(call.param("since_id"));
    long count = number(call.param("count"));
    count = count <= 0 ? 50 : Math.min(count, 200);
    List<WeiboComment> newestFirst = new ArrayList<>(all);
    newestFirst.sort((a, b) -> Long.compare(Long.parseLong(b.id()), Long.parseLong(a.id())));
    ObjectNode body = JSON.createObjectNode();
    ArrayNode page = body.putArray("comments");
    long next = 0;
    for (WeiboComment c : newestFirst) {
      long id = Long.parseLong(c.id());
      if ((maxId > 0 && id > maxId) || id <= sinceId) {
        continue;
      }
      if (page.size() == count) {
        next = id;
        break;
      }
      page.add(commentJson(c));
    }
    body.put("hasvisible", false);
    body.put("previous_cursor", 0);
    body.put("next_cursor", next);
    body.put("total_number", all.size());
    return json(body);
  }

  private Answer commentsCreate(Call call, Token token) {
    String id = call.param("id");
    String text = call.param("comment");
    if (id == null || text == null || text.isEmpty()) {
      return error(
          400,
          10016,
          "Miss required parameter ("
              + (id == null ? "id" : "comment")
              + ") , see doc for more"
              + " info.",
          call.path());
    }
    if (!statuses.containsKey(id)) {
      return error(400, 20101, "Target weibo does not exist!", call.path());
    }
    if (length(text) > MAX_TEXT_LENGTH) {
      return error(
          400,
          20012,
          "Text too long, please input text less than " + MAX_TEXT_LENGTH + " characters!",
          call.path());
    }
    return json(commentJson(comment(id, token.uid, text, null)));
  }

  private Answer commentsReply(Call call, Token token) {
    String cid = call.param("cid");
    String id = call.param("id");
    String text = call.param("comment");
    if (cid == null || id == null || text == null || text.isEmpty()) {
      String missing = cid == null ? "cid" : id == null ? "id" : "comment";
      return error(
          400,
          10016,
          "Miss required parameter (" + missing + ") , see doc for more info.",
          call.path());
    }
    if (!statuses.containsKey(id)) {
      return error(400, 20101, "Target weibo does not exist!", call.path());
    }
    WeiboComment target =
        comments.stream()
            .filter(c -> c.id().equals(cid) && c.statusId().equals(id))
            .findFirst()
            .orElse(null);
    if (target == null) {
      return error(400, 20201, "Target weibo comment does not exist!", call.path());
    }
    String stored =
        "1".equals(call.param("without_mention"))
            ? text
            : "回复@" + users.get(target.uid()).screenName + ":" + text;
    if (length(stored) > MAX_TEXT_LENGTH) {
      return error(
          400,
          20012,
          "Text too long, please input text less than " + MAX_TEXT_LENGTH + " characters!",
          call.path());
    }
    return json(commentJson(comment(id, token.uid, stored, cid)));
  }

  private WeiboComment comment(String statusId, String uid, String text, String replyToId) {
    String id = String.valueOf(nextCommentId);
    nextCommentId += 613;
    WeiboComment comment = new WeiboComment(id, statusId, uid, text, replyToId, clock.now());
    comments.add(comment);
    return comment;
  }

  // ---- JSON shapes ----

  private ObjectNode userJson(User user) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", Long.parseLong(user.uid));
    node.put("idstr", user.uid);
    node.put("screen_name", user.screenName);
    node.put("name", user.screenName);
    node.put("province", "11");
    node.put("city", "8");
    node.put("location", "北京 海淀区");
    node.put("description", "");
    node.put("url", "");
    node.put("profile_image_url", "https://tvax1.sinaimg.cn/crop.0.0.180.180.50/" + user.uid);
    node.put("profile_url", "u/" + user.uid);
    node.put("domain", "");
    node.put("gender", "n");
    node.put("followers_count", user.followers);
    node.put("friends_count", 0);
    node.put("statuses_count", statuses(user.uid).size());
    node.put("favourites_count", 0);
    node.put("created_at", CREATED_AT.format(Instant.parse("2012-03-01T04:00:00Z")));
    node.put("verified", false);
    return node;
  }

  private ObjectNode statusJson(WeiboStatus status) {
    long[] c = counts.getOrDefault(status.id(), new long[2]);
    ObjectNode node = JSON.createObjectNode();
    node.put("created_at", CREATED_AT.format(status.createdAt()));
    node.put("id", Long.parseLong(status.id()));
    node.put("idstr", status.id());
    node.put("mid", status.id());
    node.put("text", status.shownText());
    node.put(
        "source",
        "<a href=\"https://app.weibo.com/t/feed/"
            + status.clientId()
            + "\" rel=\"nofollow\">未通过审核应用</a>");
    node.put("favorited", false);
    node.put("truncated", false);
    node.put("in_reply_to_status_id", "");
    node.put("in_reply_to_user_id", "");
    node.put("in_reply_to_screen_name", "");
    ArrayNode pics = node.putArray("pic_ids");
    if (status.picType() != null) {
      String picId = "006sandbox" + status.id();
      pics.add(picId);
      String ext = status.picType().equals("image/gif") ? ".gif" : ".jpg";
      node.put("thumbnail_pic", "https://wx1.sinaimg.cn/thumbnail/" + picId + ext);
      node.put("bmiddle_pic", "https://wx1.sinaimg.cn/bmiddle/" + picId + ext);
      node.put("original_pic", "https://wx1.sinaimg.cn/large/" + picId + ext);
    }
    node.putNull("geo");
    node.set("user", userJson(users.get(status.uid())));
    node.put("reposts_count", c[0]);
    node.put("comments_count", comments(status.id()).size());
    node.put("attitudes_count", c[1]);
    node.put("mlevel", 0);
    node.putObject("visible").put("type", 0).put("list_id", 0);
    return node;
  }

  private ObjectNode commentJson(WeiboComment comment) {
    ObjectNode node = JSON.createObjectNode();
    node.put("created_at", CREATED_AT.format(comment.createdAt()));
    node.put("id", Long.parseLong(comment.id()));
    node.put("idstr", comment.id());
    node.put("mid", comment.id());
    node.put("rootid", comment.replyToId() == null ? comment.id() : comment.replyToId());
    node.put("text", comment.text());
    node.put("source", "<a href=\"https://weibo.com/\" rel=\"nofollow\">微博 weibo.com</a>");
    node.set("user", userJson(users.get(comment.uid())));
    node.set("status", statusJson(statuses.get(comment.statusId())));
    if (comment.replyToId() != null) {
      comments.stream()
          .filter(c -> c.id().equals(comment.replyToId()))
          .findFirst()
          .ifPresent(
              target -> {
                ObjectNode reply = node.putObject("reply_comment");
                reply.put("created_at", CREATED_AT.format(target.createdAt()));
                reply.put("id", Long.parseLong(target.id()));
                reply.put("idstr", target.id());
                reply.put("text", target.text());
                reply.set("user", userJson(users.get(target.uid())));
              });
    }
    return node;
  }

  // ---- text rules ----

  /** Weibo's count: Latin-1 and half-width forms half, everything else one per UTF-16 unit. */
  static int length(String text) {
    long halves = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean half = c <= 0xFF || (c >= 0xFF61 && c <= 0xFFDC) || (c >= 0xFFE8 && c <= 0xFFEE);
      halves += half ? 1 : 2;
    }
    return (int) ((halves + 1) / 2);
  }

  private static boolean hasSecureDomainUrl(String text, String domain) {
    Matcher m = URL.matcher(text);
    while (m.find()) {
      URI uri;
      try {
        uri = URI.create(m.group().replaceAll("[.,;:!?)\\]}'\"]+$", ""));
      } catch (IllegalArgumentException e) {
        continue;
      }
      String host = uri.getHost();
      if (host != null) {
        host = host.toLowerCase(Locale.ROOT);
        if (host.equals(domain) || host.endsWith("." + domain)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Every URL becomes a {@code t.cn} short link, as Weibo answers and shows the text. */
  private String shorten(String text) {
    Matcher m = URL.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      long n = nextShortLink++;
      StringBuilder code = new StringBuilder();
      while (n > 0) {
        code.insert(0, BASE62.charAt((int) (n % 62)));
        n /= 62;
      }
      m.appendReplacement(out, Matcher.quoteReplacement("http://t.cn/" + code));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** JPEG, PNG or GIF by their magic bytes, or {@code null}. */
  private static String imageType(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
      return "image/jpeg";
    }
    if (b.length >= 4 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
      return "image/png";
    }
    if (b.length >= 4 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
      return "image/gif";
    }
    return null;
  }

  // ---- request reading ----

  /** The query's and the body's parameters; uploaded files go to {@code files}. */
  private static Map<String, List<String>> read(
      HttpExchange exchange, Map<String, MultipartForm.Part> files) throws IOException {
    Map<String, List<String>> params = FormBodies.query(exchange);
    byte[] body = FormBodies.body(exchange);
    if (body.length == 0) {
      return params;
    }
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (MultipartForm.isMultipart(type)) {
      for (MultipartForm.Part part : MultipartForm.parse(type, body)) {
        if (part.filename() != null) {
          files.put(part.name(), part);
        } else {
          params.computeIfAbsent(part.name(), k -> new ArrayList<>()).add(part.text());
        }
      }
    } else {
      FormBodies.parseForm(new String(body, StandardCharsets.UTF_8), params);
    }
    return params;
  }

  private static long number(String value) {
    if (value == null || !value.matches("\\d{1,18}")) {
      return 0;
    }
    return Long.parseLong(value);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void requireText(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " is required");
    }
  }
}
