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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.BreakIterator;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.socialweave.sandbox.Fault;
import org.socialweave.sandbox.XPost;
import org.socialweave.sandbox.XRequest;
import org.socialweave.sandbox.XSandbox;

/** X API v2 wire format under {@code /x/...}. */
public final class XSimulator extends Simulator implements XSandbox {

  /** The path prefix the sandbox routes here. */
  public static final String PREFIX = "/x/";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern ID = Pattern.compile("[0-9]{1,19}");
  private static final Pattern TWEET_PATH = Pattern.compile("/2/tweets/([^/]+)");
  private static final Pattern USER_TWEETS_PATH = Pattern.compile("/2/users/([^/]+)/tweets");
  private static final Pattern UPLOAD_PATH =
      Pattern.compile("/2/media/upload/([^/]+)/(append|finalize)");
  private static final Pattern URL = Pattern.compile("https?://\\S+");
  private static final String PROBLEMS = "https://api.twitter.com/2/problems/";
  private static final String INVALID_TOKEN = "Value passed for the token was invalid.";
  private static final Set<String> CREATE_FIELDS =
      Set.of(
          "text",
          "media",
          "reply",
          "quote_tweet_id",
          "reply_settings",
          "poll",
          "geo",
          "card_uri",
          "community_id",
          "direct_message_deep_link",
          "for_super_followers_only",
          "nullcast",
          "edit_options",
          "share_with_followers",
          "made_with_ai",
          "paid_partnership");
  private static final Set<String> MEDIA_TYPES =
      Set.of(
          "video/mp4",
          "video/webm",
          "video/mp2t",
          "video/quicktime",
          "text/srt",
          "text/vtt",
          "image/jpeg",
          "image/gif",
          "image/bmp",
          "image/png",
          "image/webp",
          "image/pjpeg",
          "image/tiff");
  private static final Set<String> MEDIA_CATEGORIES =
      Set.of(
          "amplify_video",
          "tweet_gif",
          "tweet_image",
          "tweet_video",
          "dm_gif",
          "dm_image",
          "dm_video",
          "subtitles");

  private record Client(String secret, String redirectUri) {}

  private record User(String id, String username) {}

  private record Code(
      String clientId,
      String userId,
      String redirectUri,
      String scope,
      String challenge,
      Instant expiresAt) {}

  /** One authorization of a client by a user; its tokens change, the grant stays. */
  private static final class Grant {
    final String clientId;
    final String userId;
    final String scope;
    String accessToken;
    String refreshToken;
    Instant accessExpiresAt;

    Grant(String clientId, String userId, String scope) {
      this.clientId = clientId;
      this.userId = userId;
      this.scope = scope;
    }

    boolean has(String scopeName) {
      return Arrays.asList(scope.split(" ")).contains(scopeName);
    }
  }

  private static final class Upload {
    final String id;
    final String userId;
    final long totalBytes;
    long received;
    boolean finalized;
    int pollsLeft;
    boolean fails;
    Instant expiresAt;

    Upload(String id, String userId, long totalBytes, Instant expiresAt) {
      this.id = id;
      this.userId = userId;
      this.totalBytes = totalBytes;
      this.expiresAt = expiresAt;
    }

    boolean ready() {
      return finalized && pollsLeft <= 0 && !fails;
    }
  }

  private final URI sandboxUrl;
  private final Object lock = new Object();
  private final Map<String, Client> clients = new HashMap<>();
  private final Map<String, User> users = new LinkedHashMap<>();
  private final Map<String, Code> codes = new HashMap<>();
  private final Map<String, Grant> byAccessToken = new HashMap<>();
  private final Map<String, Grant> byRefreshToken = new HashMap<>();
  private final List<XPost> posts = new ArrayList<>();
  private final Map<String, long[]> engagement = new HashMap<>();
  private final Map<String, Upload> uploads = new HashMap<>();
  private final Map<String, String> altTexts = new HashMap<>();
  private final Map<String, Integer> dailyLimits = new HashMap<>();
  private final FaultQueue<Fault> faults = new FaultQueue<>();
  private final List<XRequest> requestLog = new ArrayList<>();
  private final SimClock clock = new SimClock(ChronoUnit.MILLIS);
  private String consentingUser;
  private int processingPolls;
  private boolean processingFails;
  private long nextUserId = 1_600_000_000_000_000_001L;
  private long nextPostId = 1_860_000_000_000_000_001L;
  private long nextMediaId = 1_880_000_000_000_000_001L;

  public XSimulator(URI sandboxUrl) {
    this.sandboxUrl = sandboxUrl;
  }

  // ---- XSandbox ----

  @Override
  public URI apiBaseUrl() {
    return URI.create(sandboxUrl + "/x");
  }

  @Override
  public URI authorizeUrl() {
    return URI.create(sandboxUrl + "/x/i/oauth2/authorize");
  }

  @Override
  public void addClient(String clientId, String clientSecret, String redirectUri) {
    if (clientId == null || clientId.isBlank() || redirectUri == null) {
      throw new IllegalArgumentException("clientId and redirectUri are required");
    }
    synchronized (lock) {
      clients.put(clientId, new Client(clientSecret, redirectUri));
    }
  }

  @Override
  public String addUser(String username) {
    if (username == null || !username.matches("[A-Za-z0-9_]{1,15}")) {
      throw new IllegalArgumentException("not an X user name: " + username);
    }
    synchronized (lock) {
      String id = String.valueOf(nextUserId++);
      users.put(id, new User(id, username));
      return id;
    }
  }

  @Override
  public void consentAs(String username) {
    synchronized (lock) {
      userByName(username);
      consentingUser = username;
    }
  }

  @Override
  public Tokens issueTokens(String username, String clientId, String scope) {
    synchronized (lock) {
      if (!clients.containsKey(clientId)) {
        throw new IllegalArgumentException("unknown client: " + clientId);
      }
      Grant grant = new Grant(clientId, userByName(username).id(), scope);
      issue(grant);
      return new Tokens(grant.accessToken, grant.refreshToken, scope);
    }
  }

  @Override
  public void revoke(String accessToken) {
    synchronized (lock) {
      Grant grant = byAccessToken.remove(accessToken);
      if (grant != null && grant.refreshToken != null) {
        byRefreshToken.remove(grant.refreshToken);
      }
    }
  }

  @Override
  public void expire(String accessToken) {
    synchronized (lock) {
      Grant grant = byAccessToken.get(accessToken);
      if (grant != null) {
        grant.accessExpiresAt = clock.now();
      }
    }
  }

  @Override
  public void inject(String key, Fault fault, int times) {
    faults.add(key, fault, times);
  }

  @Override
  public void clearFaults(String key) {
    faults.clear(key);
  }

  @Override
  public List<XPost> posts(String userId) {
    synchronized (lock) {
      return posts.stream().filter(p -> p.authorId().equals(userId)).toList();
    }
  }

  @Override
  public void setEngagement(
      String postId, long impressions, long likes, long reposts, long quotes, long bookmarks) {
    synchronized (lock) {
      engagement.put(postId, new long[] {impressions, likes, reposts, quotes, bookmarks});
    }
  }

  @Override
  public void setDailyPostLimit(String userId, int limit) {
    synchronized (lock) {
      dailyLimits.put(userId, limit);
    }
  }

  @Override
  public void setMediaProcessing(int polls, boolean fails) {
    synchronized (lock) {
      processingPolls = polls;
      processingFails = fails;
    }
  }

  @Override
  public String altText(String mediaId) {
    synchronized (lock) {
      return altTexts.get(mediaId);
    }
  }

  @Override
  public void advanceClock(Duration duration) {
    clock.advance(duration);
  }

  @Override
  public List<XRequest> requests() {
    synchronized (lock) {
      return List.copyOf(requestLog);
    }
  }

  @Override
  public void reset() {
    synchronized (lock) {
      clients.clear();
      users.clear();
      codes.clear();
      byAccessToken.clear();
      byRefreshToken.clear();
      posts.clear();
      engagement.clear();
      uploads.clear();
      altTexts.clear();
      dailyLimits.clear();
      faults.reset();
      requestLog.clear();
      requests.reset();
      consentingUser = null;
      processingPolls = 0;
      processingFails = false;
      clock.reset();
    }
  }

  private User userByName(String username) {
    return users.values().stream()
        .filter(u -> u.username().equalsIgnoreCase(username))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown user: " + username));
  }

  private void issue(Grant grant) {
    grant.accessToken = randomToken();
    grant.accessExpiresAt = clock.now().plus(ACCESS_TOKEN_LIFETIME);
    byAccessToken.put(grant.accessToken, grant);
    if (grant.has("offline.access")) {
      grant.refreshToken = randomToken();
      byRefreshToken.put(grant.refreshToken, grant);
    }
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  // ---- HTTP ----

  private static Answer json(int status, JsonNode body) {
    return new Answer(status, "application/json; charset=utf-8", body.toString());
  }

  private record Call(
      String method,
      String path,
      Map<String, List<String>> query,
      Map<String, List<String>> headers,
      String contentType,
      byte[] body) {

    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    String param(String name) {
      return FormBodies.first(query, name);
    }
  }

  @Override
  Answer internalError(RuntimeException e) {
    return problem(500, "Internal Server Error", e.getClass().getSimpleName(), "about:blank");
  }

  @Override
  Answer answer(HttpExchange exchange) throws IOException, InterruptedException {
    String path = exchange.getRequestURI().getPath().substring(PREFIX.length() - 1);
    String rawQuery = exchange.getRequestURI().getRawQuery();
    byte[] body = FormBodies.body(exchange);
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    synchronized (lock) {
      if (requestLog.size() < 10_000) {
        requestLog.add(new XRequest(method, path, rawQuery, contentType, body));
      }
    }
    Call call =
        new Call(
            method,
            path,
            FormBodies.query(exchange),
            exchange.getRequestHeaders(),
            contentType,
            body);

    String key = faultKey(call);
    Fault fault = key == null ? null : faults.next(key);
    return play(fault, () -> dispatch(call), this::failure);
  }

  private Answer failure(Fault fault) {
    switch (fault.type()) {
      case RATE_LIMITED:
        return problem(429, "Too Many Requests", "Too Many Requests", "about:blank")
            .with(
                Map.of(
                    "x-rate-limit-limit", "200",
                    "x-rate-limit-remaining", "0",
                    "x-rate-limit-reset",
                        String.valueOf(
                            clock.now().plusSeconds(fault.retryAfterSeconds()).getEpochSecond())));
      case SERVER_ERROR:
        if (fault.status() == 500 || fault.status() == 503) {
          String title = fault.status() == 500 ? "Internal Server Error" : "Service Unavailable";
          return problem(fault.status(), title, title, "about:blank");
        }
        return new Answer(
            fault.status(),
            "text/html",
            "<html><body><h1>" + fault.status() + " Bad Gateway</h1></body></html>");
      case ERROR:
        return problem(fault.status(), reason(fault.status()), fault.description(), "about:blank");
      case RAW:
        return new Answer(fault.status(), "application/json", fault.body());
      default:
        throw new IllegalStateException("unknown fault " + fault.type());
    }
  }

  /** The access token of an API call, or the client id of a token endpoint call. */
  private String faultKey(Call call) {
    if (call.path().equals("/2/oauth2/token")) {
      Map<String, List<String>> form = form(call);
      String[] basic = basicCredentials(call);
      return basic != null ? basic[0] : FormBodies.first(form, "client_id");
    }
    String token = bearer(call);
    requests.countKey(token);
    return token;
  }

  private Answer dispatch(Call call) {
    synchronized (lock) {
      String path = call.path();
      String method = call.method();
      if (path.equals("/i/oauth2/authorize") && method.equals("GET")) {
        return authorize(call);
      }
      if (path.equals("/2/oauth2/token") && method.equals("POST")) {
        return token(call);
      }
      Grant grant = byAccessToken.get(bearer(call));
      if (grant == null || !clock.now().isBefore(grant.accessExpiresAt)) {
        return problem(401, "Unauthorized", "Unauthorized", "about:blank");
      }
      Answer answer;
      try {
        answer = api(call, grant);
      } catch (BadParameter e) {
        answer = invalidRequest(e.getMessage(), null);
      }
      return answer.with(rateHeaders());
    }
  }

  private Answer api(Call call, Grant grant) {
    String path = call.path();
    String method = call.method();
    if (path.equals("/2/users/me") && method.equals("GET")) {
      return require(grant, "users.read", () -> usersMe(grant));
    }
    if (path.equals("/2/tweets") && method.equals("POST")) {
      return require(grant, "tweet.write", () -> createPost(call, grant));
    }
    Matcher m = TWEET_PATH.matcher(path);
    if (m.matches() && !m.group(1).equals("search")) {
      String id = m.group(1);
      if (method.equals("GET")) {
        return require(grant, "tweet.read", () -> lookup(call, id));
      }
      if (method.equals("DELETE")) {
        return require(grant, "tweet.write", () -> deletePost(id, grant));
      }
    }
    m = USER_TWEETS_PATH.matcher(path);
    if (m.matches() && method.equals("GET")) {
      String userId = m.group(1);
      return require(grant, "tweet.read", () -> userTweets(call, userId));
    }
    if (path.equals("/2/tweets/search/recent") && method.equals("GET")) {
      return require(grant, "tweet.read", () -> search(call));
    }
    if (path.equals("/2/media/upload/initialize") && method.equals("POST")) {
      return require(grant, "media.write", () -> initialize(call, grant));
    }
    m = UPLOAD_PATH.matcher(path);
    if (m.matches() && method.equals("POST")) {
      String id = m.group(1);
      boolean append = m.group(2).equals("append");
      return require(
          grant, "media.write", () -> append ? append(call, id, grant) : finalize(id, grant));
    }
    if (path.equals("/2/media/upload") && method.equals("GET")) {
      return require(grant, "media.write", () -> status(call, grant));
    }
    if (path.equals("/2/media/metadata") && method.equals("POST")) {
      return require(grant, "media.write", () -> metadata(call, grant));
    }
    return problem(404, "Not Found", "Sorry, that page does not exist", "about:blank");
  }

  private interface Handler {
    Answer handle();
  }

  private static Answer require(Grant grant, String scope, Handler handler) {
    if (!grant.has(scope)) {
      return problem(
          403,
          "Forbidden",
          "You are not permitted to perform this action. Missing scope " + scope + ".",
          PROBLEMS + "client-forbidden");
    }
    return handler.handle();
  }

  private Map<String, String> rateHeaders() {
    return Map.of(
        "x-rate-limit-limit", "900",
        "x-rate-limit-remaining", "899",
        "x-rate-limit-reset",
            String.valueOf(clock.now().plus(Duration.ofMinutes(15)).getEpochSecond()));
  }

  // ---- OAuth 2.0 ----

  private Answer authorize(Call call) {
    Client client = clients.get(call.param("client_id"));
    if (client == null || !client.redirectUri().equals(call.param("redirect_uri"))) {
      return oauthError(400, "invalid_request", "Unknown client or redirect_uri mismatch");
    }
    String scope = call.param("scope");
    String challenge = call.param("code_challenge");
    String state = call.param("state");
    if (!"code".equals(call.param("response_type"))
        || scope == null
        || scope.isBlank()
        || state == null
        || state.isBlank()
        || challenge == null
        || !challenge.matches("[A-Za-z0-9_-]{43}")
        || !"S256".equals(call.param("code_challenge_method"))) {
      return oauthError(400, "invalid_request", "Missing or invalid authorization parameters");
    }
    if (consentingUser == null) {
      return oauthError(400, "access_denied", "Nobody is signed in to approve the app");
    }
    String code = randomToken();
    codes.put(
        code,
        new Code(
            call.param("client_id"),
            userByName(consentingUser).id(),
            client.redirectUri(),
            scope,
            challenge,
            clock.now().plus(CODE_LIFETIME)));
    String location =
        client.redirectUri()
            + (client.redirectUri().contains("?") ? "&" : "?")
            + "state="
            + URLEncoder.encode(state, StandardCharsets.UTF_8)
            + "&code="
            + code;
    return new Answer(302, null, "", Map.of("Location", location));
  }

  private Answer token(Call call) {
    if (call.contentType() == null
        || !call.contentType()
            .toLowerCase(Locale.ROOT)
            .startsWith("application/x-www-form-urlencoded")) {
      return oauthError(400, "invalid_request", "Missing required parameter [grant_type].");
    }
    Map<String, List<String>> form = form(call);
    String clientId = authenticatedClient(call, form);
    if (clientId == null) {
      return oauthError(401, "unauthorized_client", "Missing valid authorization header");
    }
    String grantType = FormBodies.first(form, "grant_type");
    if ("authorization_code".equals(grantType)) {
      Code code = codes.remove(FormBodies.first(form, "code")); // one-time, whatever comes next
      String verifier = FormBodies.first(form, "code_verifier");
      if (code == null
          || !code.clientId().equals(clientId)
          || !clock.now().isBefore(code.expiresAt())
          || !code.redirectUri().equals(FormBodies.first(form, "redirect_uri"))
          || verifier == null
          || !verifier.matches("[A-Za-z0-9._~-]{43,128}")
          || !s256(verifier).equals(code.challenge())) {
        return oauthError(400, "invalid_request", INVALID_TOKEN);
      }
      Grant grant = new Grant(clientId, code.userId(), code.scope());
      issue(grant);
      return tokens(grant);
    }
    if ("refresh_token".equals(grantType)) {
      Grant grant = byRefreshToken.remove(FormBodies.first(form, "refresh_token"));
      if (grant == null || !grant.clientId.equals(clientId)) {
        return oauthError(400, "invalid_request", INVALID_TOKEN);
      }
      byAccessToken.remove(grant.accessToken); // X rotates both
      issue(grant);
      return tokens(grant);
    }
    return oauthError(400, "unsupported_grant_type", "Unsupported grant_type: " + grantType);
  }

  private Answer tokens(Grant grant) {
    ObjectNode body = JSON.createObjectNode();
    body.put("token_type", "bearer");
    body.put("expires_in", ACCESS_TOKEN_LIFETIME.toSeconds());
    body.put("access_token", grant.accessToken);
    body.put("scope", grant.scope);
    if (grant.refreshToken != null) {
      body.put("refresh_token", grant.refreshToken);
    }
    return json(200, body);
  }

  /** The client the call authenticates as: HTTP Basic for confidential ones, else client_id. */
  private String authenticatedClient(Call call, Map<String, List<String>> form) {
    String[] basic = basicCredentials(call);
    if (basic != null) {
      Client client = clients.get(basic[0]);
      return client != null && client.secret() != null && client.secret().equals(basic[1])
          ? basic[0]
          : null;
    }
    if (call.header("Authorization") != null) {
      return null; // an Authorization header that is not readable Basic credentials
    }
    String id = FormBodies.first(form, "client_id");
    Client client = id == null ? null : clients.get(id);
    return client != null && client.secret() == null ? id : null;
  }

  /** The client id and secret of an {@code Authorization: Basic} header, or {@code null}. */
  private static String[] basicCredentials(Call call) {
    String basic = call.header("Authorization");
    if (basic == null || !basic.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded =
          new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0
          ? null
          : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String s256(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Answer oauthError(int status, String error, String description) {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", error);
    body.put("error_description", description);
    return json(status, body);
  }

  // ---- users and posts ----

  private Answer usersMe(Grant grant) {
    User user = users.get(grant.userId);
    ObjectNode body = JSON.createObjectNode();
    ObjectNode data = body.putObject("data");
    data.put("id", user.id());
    data.put("name", user.username());
    data.put("username", user.username());
    data.putObject("public_metrics")
        .put("followers_count", 1200)
        .put("following_count", 42)
        .put("tweet_count", posts(user.id()).size())
        .put("listed_count", 3);
    return json(200, body);
  }

  private Answer createPost(Call call, Grant grant) {
    JsonNode body = jsonBody(call);
    if (body == null) {
      return invalidRequest("The request body must be a JSON object.", null);
    }
    for (java.util.Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!CREATE_FIELDS.contains(field)) {
        return invalidRequest("$." + field + ": is not defined in the schema", field);
      }
    }
    JsonNode textNode = body.path("text");
    if (!textNode.isMissingNode() && !textNode.isTextual()) {
      return invalidRequest("$.text: string expected", "text");
    }
    String text = textNode.asText("");
    List<String> mediaIds = new ArrayList<>();
    if (body.has("media")) {
      JsonNode ids = body.path("media").path("media_ids");
      if (!ids.isArray() || ids.isEmpty() || ids.size() > 4) {
        return invalidRequest("$.media.media_ids: between 1 and 4 ids expected", "media_ids");
      }
      for (JsonNode id : ids) {
        Upload upload = id.isTextual() ? uploads.get(id.asText()) : null;
        if (upload == null
            || !upload.userId.equals(grant.userId)
            || !upload.ready()
            || !clock.now().isBefore(upload.expiresAt)) {
          return invalidRequest("Your media IDs are invalid.", "media_ids");
        }
        mediaIds.add(id.asText());
      }
    }
    if (text.isBlank() && mediaIds.isEmpty()) {
      return invalidRequest("Text is required unless media is present.", "text");
    }
    XPost parent = null;
    if (body.has("reply")) {
      JsonNode to = body.path("reply").path("in_reply_to_tweet_id");
      if (!to.isTextual() || !ID.matcher(to.asText()).matches()) {
        return invalidRequest("$.reply.in_reply_to_tweet_id: does not match the pattern", "reply");
      }
      parent = live(to.asText());
      if (parent == null) {
        return problem(
            403,
            "Forbidden",
            "You attempted to reply to a Tweet that is deleted or not visible to you.",
            "about:blank");
      }
    }
    if (weightedLength(text) > MAX_WEIGHTED_LENGTH) {
      return problem(
          403,
          "Forbidden",
          "Your Tweet text is too long. For more information on how X determines text length see"
              + " https://github.com/twitter/twitter-text.",
          "about:blank");
    }
    Instant now = clock.now();
    if (!text.isBlank()
        && posts.stream()
            .anyMatch(
                p ->
                    !p.deleted()
                        && p.authorId().equals(grant.userId)
                        && p.text().equals(text)
                        && p.createdAt().isAfter(now.minus(Duration.ofHours(24))))) {
      return problem(
          403,
          "Forbidden",
          "You are not allowed to create a Tweet with duplicate content.",
          "about:blank");
    }
    Map<String, String> capHeaders = new LinkedHashMap<>();
    Integer cap = dailyLimits.get(grant.userId);
    if (cap != null) {
      List<Instant> recent =
          posts.stream()
              .filter(
                  p ->
                      p.authorId().equals(grant.userId)
                          && p.createdAt().isAfter(now.minus(Duration.ofHours(24))))
              .map(XPost::createdAt)
              .sorted()
              .toList();
      Instant reset =
          (recent.isEmpty() ? now : recent.get(0)).plus(Duration.ofHours(24)).plusSeconds(1);
      int remaining = Math.max(0, cap - recent.size());
      capHeaders.put("x-user-limit-24hour-limit", String.valueOf(cap));
      capHeaders.put("x-user-limit-24hour-reset", String.valueOf(reset.getEpochSecond()));
      if (remaining == 0) {
        capHeaders.put("x-user-limit-24hour-remaining", "0");
        return problem(429, "Too Many Requests", "Too Many Requests", "about:blank")
            .with(capHeaders);
      }
      capHeaders.put("x-user-limit-24hour-remaining", String.valueOf(remaining - 1));
    }
    String id = String.valueOf(nextPostId++);
    XPost post =
        new XPost(
            id,
            grant.userId,
            text,
            parent == null ? null : parent.id(),
            parent == null ? id : parent.conversationId(),
            mediaIds,
            now,
            false);
    posts.add(post);
    ObjectNode answer = JSON.createObjectNode();
    ObjectNode data = answer.putObject("data");
    data.put("id", id);
    data.put("text", displayed(text));
    data.putArray("edit_history_tweet_ids").add(id);
    return json(201, answer).with(capHeaders);
  }

  private Answer lookup(Call call, String id) {
    if (!ID.matcher(id).matches()) {
      return invalidRequest("The `id` query parameter value [" + id + "] is not valid", "id");
    }
    XPost post = live(id);
    ObjectNode body = JSON.createObjectNode();
    if (post == null) {
      body.putArray("errors").add(notFound(id));
      return json(200, body);
    }
    body.set("data", postJson(post, fields(call)));
    includeAuthors(call, body, List.of(post));
    return json(200, body);
  }

  private Answer deletePost(String id, Grant grant) {
    if (!ID.matcher(id).matches()) {
      return invalidRequest("The `id` query parameter value [" + id + "] is not valid", "id");
    }
    XPost post = live(id);
    if (post == null) {
      ObjectNode body = notFound(id);
      body.put("status", 404);
      return new Answer(404, "application/problem+json", body.toString());
    }
    if (!post.authorId().equals(grant.userId)) {
      return problem(403, "Forbidden", "You are not allowed to delete this Tweet.", "about:blank");
    }
    posts.set(posts.indexOf(post), post.asDeleted());
    ObjectNode body = JSON.createObjectNode();
    body.putObject("data").put("deleted", true);
    return json(200, body);
  }

  private Answer userTweets(Call call, String userId) {
    if (!ID.matcher(userId).matches() || !users.containsKey(userId)) {
      return invalidRequest("The `id` query parameter value [" + userId + "] is not valid", "id");
    }
    Integer max = intParam(call, "max_results", 10, 5, 100);
    if (max == null) {
      return invalidRequest(
          "The `max_results` query parameter value is not between 5 and 100", null);
    }
    return page(call, p -> p.authorId().equals(userId), max);
  }

  private Answer search(Call call) {
    String query = call.param("query");
    if (query == null || query.isBlank() || query.length() > 512) {
      return invalidRequest(
          "The `query` parameter is required and at most 512 characters", "query");
    }
    Integer max = intParam(call, "max_results", 10, 10, 100);
    if (max == null) {
      return invalidRequest(
          "The `max_results` query parameter value is not between 10 and 100", null);
    }
    Instant start = instantParam(call, "start_time");
    if (start != null && start.isBefore(clock.now().minus(Duration.ofDays(7)))) {
      return invalidRequest(
          "Invalid 'start_time':'"
              + call.param("start_time")
              + "'. 'start_time' must be on or after "
              + clock.now().minus(Duration.ofDays(7)),
          "start_time");
    }
    Predicate<XPost> matches = p -> true;
    for (String term : query.trim().split("\\s+")) {
      boolean negated = term.startsWith("-");
      String t = negated ? term.substring(1) : term;
      Predicate<XPost> one;
      if (t.startsWith("conversation_id:")) {
        String id = t.substring("conversation_id:".length());
        one = p -> p.conversationId().equals(id);
      } else if (t.startsWith("from:")) {
        String who = userIdOf(t.substring(5));
        one = p -> p.authorId().equals(who);
      } else if (t.startsWith("to:")) {
        String who = userIdOf(t.substring(3));
        one = p -> p.inReplyToId() != null && who.equals(authorOf(p.inReplyToId()));
      } else if (t.equals("is:reply")) {
        one = p -> p.inReplyToId() != null;
      } else if (t.equals("is:retweet")) {
        one = p -> false;
      } else {
        one = p -> p.text().toLowerCase(Locale.ROOT).contains(t.toLowerCase(Locale.ROOT));
      }
      matches = matches.and(negated ? one.negate() : one);
    }
    return page(call, matches, max);
  }

  private String userIdOf(String who) {
    if (ID.matcher(who).matches()) {
      return who;
    }
    return users.values().stream()
        .filter(u -> u.username().equalsIgnoreCase(who))
        .map(User::id)
        .findFirst()
        .orElse("");
  }

  private String authorOf(String postId) {
    return posts.stream()
        .filter(p -> p.id().equals(postId))
        .map(XPost::authorId)
        .findFirst()
        .orElse(null);
  }

  /** A page of live posts, newest first, bounded by the time and id parameters. */
  private Answer page(Call call, Predicate<XPost> filter, int max) {
    Instant start = instantParam(call, "start_time");
    Instant end = instantParam(call, "end_time");
    String sinceId = call.param("since_id");
    String untilId = call.param("until_id");
    for (String id : new String[] {sinceId, untilId}) {
      if (id != null && !ID.matcher(id).matches()) {
        return invalidRequest("The `since_id`/`until_id` value [" + id + "] is not valid", null);
      }
    }
    String token = call.param("pagination_token");
    if (token == null) {
      token = call.param("next_token");
    }
    int offset = 0;
    if (token != null) {
      if (!token.matches("p[0-9]{1,6}")) {
        return invalidRequest("The pagination token is invalid", "pagination_token");
      }
      offset = Integer.parseInt(token.substring(1));
    }
    List<XPost> all =
        posts.stream()
            .filter(p -> !p.deleted())
            .filter(filter)
            .filter(p -> start == null || !p.createdAt().isBefore(start))
            .filter(p -> end == null || p.createdAt().isBefore(end))
            .filter(p -> sinceId == null || Long.parseLong(p.id()) > Long.parseLong(sinceId))
            .filter(p -> untilId == null || Long.parseLong(p.id()) < Long.parseLong(untilId))
            .sorted(Comparator.comparing((XPost p) -> Long.parseLong(p.id())).reversed())
            .toList();
    List<XPost> page =
        all.subList(Math.min(offset, all.size()), Math.min(offset + max, all.size()));
    ObjectNode body = JSON.createObjectNode();
    Set<String> fields = fields(call);
    if (!page.isEmpty()) {
      ArrayNode data = body.putArray("data");
      page.forEach(p -> data.add(postJson(p, fields)));
      includeAuthors(call, body, page);
    }
    ObjectNode meta = body.putObject("meta");
    meta.put("result_count", page.size());
    if (!page.isEmpty()) {
      meta.put("newest_id", page.get(0).id());
      meta.put("oldest_id", page.get(page.size() - 1).id());
    }
    if (offset + max < all.size()) {
      meta.put("next_token", "p" + (offset + max));
    }
    return json(200, body);
  }

  private Set<String> fields(Call call) {
    String fields = call.param("tweet.fields");
    return fields == null ? Set.of() : new HashSet<>(Arrays.asList(fields.split(",")));
  }

  private void includeAuthors(Call call, ObjectNode body, List<XPost> page) {
    String expansions = call.param("expansions");
    if (expansions == null || !Arrays.asList(expansions.split(",")).contains("author_id")) {
      return;
    }
    ArrayNode included = body.putObject("includes").putArray("users");
    page.stream()
        .map(XPost::authorId)
        .distinct()
        .map(users::get)
        .forEach(
            u ->
                included
                    .addObject()
                    .put("id", u.id())
                    .put("name", u.username())
                    .put("username", u.username()));
  }

  private ObjectNode postJson(XPost post, Set<String> fields) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", post.id());
    node.put("text", displayed(post.text()));
    node.putArray("edit_history_tweet_ids").add(post.id());
    if (fields.contains("created_at")) {
      node.put("created_at", post.createdAt().toString());
    }
    if (fields.contains("author_id")) {
      node.put("author_id", post.authorId());
    }
    if (fields.contains("conversation_id")) {
      node.put("conversation_id", post.conversationId());
    }
    if (fields.contains("in_reply_to_user_id") && post.inReplyToId() != null) {
      node.put("in_reply_to_user_id", authorOf(post.inReplyToId()));
    }
    if (fields.contains("referenced_tweets") && post.inReplyToId() != null) {
      node.putArray("referenced_tweets")
          .addObject()
          .put("type", "replied_to")
          .put("id", post.inReplyToId());
    }
    if (fields.contains("public_metrics")) {
      long[] e = engagement.getOrDefault(post.id(), new long[5]);
      long replies =
          posts.stream().filter(p -> !p.deleted() && post.id().equals(p.inReplyToId())).count();
      node.putObject("public_metrics")
          .put("retweet_count", e[2])
          .put("reply_count", replies)
          .put("like_count", e[1])
          .put("quote_count", e[3])
          .put("bookmark_count", e[4])
          .put("impression_count", e[0]);
    }
    return node;
  }

  private XPost live(String id) {
    for (XPost p : posts) {
      if (p.id().equals(id)) {
        return p.deleted() ? null : p;
      }
    }
    return null;
  }

  private static ObjectNode notFound(String id) {
    ObjectNode error = JSON.createObjectNode();
    error.put("value", id);
    error.put("detail", "Could not find tweet with id: [" + id + "].");
    error.put("title", "Not Found Error");
    error.put("resource_type", "tweet");
    error.put("parameter", "id");
    error.put("resource_id", id);
    error.put("type", PROBLEMS + "resource-not-found");
    return error;
  }

  /** The text as X shows it: URLs wrapped as t.co links, {@code & < >} HTML-escaped. */
  private static String displayed(String text) {
    Matcher m = URL.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String hash = Integer.toUnsignedString(m.group().hashCode(), 36);
      m.appendReplacement(out, "https://t.co/" + ("x" + hash + "0000000000").substring(0, 10));
    }
    m.appendTail(out);
    return out.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * X's weighted length, written independently of the connector's counter: NFC, a grapheme cluster
   * weighs 2 when it has a code point outside X's light ranges, else 1 per code point; every URL
   * 23.
   */
  static int weightedLength(String text) {
    String nfc = Normalizer.normalize(URL.matcher(text).replaceAll(""), Normalizer.Form.NFC);
    long urls = URL.matcher(text).results().count();
    BreakIterator it = BreakIterator.getCharacterInstance(Locale.ROOT);
    it.setText(nfc);
    int weight = 0;
    for (int start = it.first(), end = it.next();
        end != BreakIterator.DONE;
        start = end, end = it.next()) {
      String cluster = nfc.substring(start, end);
      boolean heavy = cluster.codePoints().anyMatch(cp -> !light(cp));
      weight += heavy ? 2 : (int) cluster.codePoints().count();
    }
    return weight + (int) urls * 23;
  }

  private static boolean light(int cp) {
    return cp <= 0x10FF
        || (cp >= 0x2000 && cp <= 0x200D)
        || (cp >= 0x2010 && cp <= 0x201F)
        || (cp >= 0x2032 && cp <= 0x2037);
  }

  // ---- media ----

  private Answer initialize(Call call, Grant grant) {
    JsonNode body = jsonBody(call);
    if (body == null) {
      return invalidRequest("The request body must be a JSON object.", null);
    }
    for (java.util.Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!Set.of("media_type", "total_bytes", "media_category", "additional_owners", "shared")
          .contains(field)) {
        return invalidRequest("$." + field + ": is not defined in the schema", field);
      }
    }
    String type = body.path("media_type").asText("");
    String category = body.path("media_category").asText("tweet_image");
    long total = body.path("total_bytes").asLong(-1);
    if (!MEDIA_TYPES.contains(type)
        || !MEDIA_CATEGORIES.contains(category)
        || !body.path("total_bytes").isIntegralNumber()
        || total < 1) {
      return invalidRequest("media_type, media_category or total_bytes is invalid", null);
    }
    if (category.equals("tweet_image") && total > MAX_IMAGE_BYTES) {
      return invalidRequest("File size exceeds " + MAX_IMAGE_BYTES + " bytes.", "total_bytes");
    }
    String id = String.valueOf(nextMediaId++);
    uploads.put(id, new Upload(id, grant.userId, total, clock.now().plus(Duration.ofDays(1))));
    ObjectNode answer = JSON.createObjectNode();
    ObjectNode data = answer.putObject("data");
    data.put("id", id);
    data.put("media_key", "3_" + id);
    data.put("expires_after_secs", 86_400);
    return json(200, answer);
  }

  private Answer append(Call call, String id, Grant grant) {
    Upload upload = uploads.get(id);
    if (upload == null || !upload.userId.equals(grant.userId) || upload.finalized) {
      return invalidRequest("The media id [" + id + "] is not a pending upload", "id");
    }
    Map<String, byte[]> parts;
    try {
      parts = Multipart.parse(call.contentType(), call.body());
    } catch (IllegalArgumentException e) {
      return invalidRequest("Expected multipart/form-data: " + e.getMessage(), null);
    }
    byte[] segment = parts.get("segment_index");
    byte[] media = parts.get("media");
    String index = segment == null ? "" : new String(segment, StandardCharsets.UTF_8).trim();
    if (media == null || media.length == 0 || !index.matches("[0-9]{1,3}")) {
      return invalidRequest("media and segment_index (0-999) are required", "segment_index");
    }
    if (!parts.keySet().equals(Set.of("media", "segment_index"))) {
      return invalidRequest("Unexpected form fields " + parts.keySet(), null);
    }
    upload.received += media.length;
    ObjectNode answer = JSON.createObjectNode();
    answer.putObject("data").put("expires_at", upload.expiresAt.getEpochSecond());
    return json(200, answer);
  }

  private Answer finalize(String id, Grant grant) {
    Upload upload = uploads.get(id);
    if (upload == null || !upload.userId.equals(grant.userId)) {
      return invalidRequest("The media id [" + id + "] is not a pending upload", "id");
    }
    if (upload.received != upload.totalBytes) {
      return invalidRequest("Segments do not add up to provided total file size.", null);
    }
    upload.finalized = true;
    upload.pollsLeft = processingPolls;
    upload.fails = processingFails;
    return json(200, mediaStatus(upload, false));
  }

  private Answer status(Call call, Grant grant) {
    String id = call.param("media_id");
    Upload upload = id == null ? null : uploads.get(id);
    if (upload == null || !upload.userId.equals(grant.userId) || !upload.finalized) {
      return invalidRequest("The media id [" + id + "] is not valid", "media_id");
    }
    return json(200, mediaStatus(upload, true));
  }

  private ObjectNode mediaStatus(Upload upload, boolean poll) {
    ObjectNode answer = JSON.createObjectNode();
    ObjectNode data = answer.putObject("data");
    data.put("id", upload.id);
    data.put("media_key", "3_" + upload.id);
    data.put("size", upload.totalBytes);
    data.put("expires_after_secs", Duration.between(clock.now(), upload.expiresAt).toSeconds());
    if (processingPolls > 0 || upload.fails || upload.pollsLeft > 0) {
      ObjectNode info = data.putObject("processing_info");
      if (poll && upload.pollsLeft > 0) {
        upload.pollsLeft--;
      }
      if (upload.pollsLeft > 0) {
        info.put("state", poll ? "in_progress" : "pending");
        info.put("check_after_secs", 1);
        info.put("progress_percent", poll ? 50 : 0);
      } else if (upload.fails) {
        info.put("state", "failed");
        info.putObject("error")
            .put("code", 1)
            .put("name", "InvalidMedia")
            .put("message", "Unsupported image format");
      } else {
        info.put("state", "succeeded");
        info.put("progress_percent", 100);
      }
    }
    return answer;
  }

  private Answer metadata(Call call, Grant grant) {
    JsonNode body = jsonBody(call);
    String id = body == null ? null : body.path("id").asText(null);
    Upload upload = id == null ? null : uploads.get(id);
    JsonNode alt = body == null ? null : body.path("metadata").path("alt_text").path("text");
    if (upload == null
        || !upload.userId.equals(grant.userId)
        || alt == null
        || !alt.isTextual()
        || alt.asText().length() > 1000) {
      return invalidRequest(
          "id and metadata.alt_text.text (at most 1000 characters) are required", null);
    }
    altTexts.put(id, alt.asText());
    ObjectNode answer = JSON.createObjectNode();
    answer.putObject("data").put("id", id).put("associated_metadata", true);
    return json(200, answer);
  }

  // ---- helpers ----

  private static Answer problem(int status, String title, String detail, String type) {
    ObjectNode body = JSON.createObjectNode();
    body.put("title", title);
    body.put("detail", detail);
    body.put("type", type);
    body.put("status", status);
    return new Answer(status, "application/problem+json", body.toString());
  }

  private static Answer invalidRequest(String message, String parameter) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putArray("errors").addObject();
    if (parameter != null) {
      error.putObject("parameters").putArray(parameter);
    }
    error.put("message", message);
    body.put("title", "Invalid Request");
    body.put("detail", "One or more parameters to your request was invalid.");
    body.put("type", PROBLEMS + "invalid-request");
    body.put("status", 400);
    return new Answer(400, "application/problem+json", body.toString());
  }

  private static String reason(int status) {
    switch (status) {
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 429:
        return "Too Many Requests";
      default:
        return status >= 500 ? "Server Error" : "Error";
    }
  }

  private static JsonNode jsonBody(Call call) {
    if (call.contentType() == null
        || !call.contentType().toLowerCase(Locale.ROOT).startsWith("application/json")) {
      return null;
    }
    return FormBodies.jsonObject(call.body());
  }

  private static Map<String, List<String>> form(Call call) {
    Map<String, List<String>> form = new LinkedHashMap<>();
    FormBodies.parseForm(new String(call.body(), StandardCharsets.UTF_8), form);
    return form;
  }

  private static String bearer(Call call) {
    String authorization = call.header("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).trim();
    }
    return null;
  }

  private static Integer intParam(Call call, String name, int fallback, int min, int max) {
    String value = call.param(name);
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value);
      return n < min || n > max ? null : n;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Instant instantParam(Call call, String name) {
    String value = call.param(name);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new BadParameter(name);
    }
  }

  /** A query parameter that does not parse; answered as X's invalid-request problem. */
  private static final class BadParameter extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadParameter(String name) {
      super("The `" + name + "` query parameter value is not valid", null, false, false);
    }
  }
}
