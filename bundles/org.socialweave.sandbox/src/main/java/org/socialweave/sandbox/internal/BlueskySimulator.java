package org.socialweave.sandbox.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.socialweave.sandbox.BlueskyRecord;
import org.socialweave.sandbox.BlueskySandbox;
import org.socialweave.sandbox.Fault;
import org.socialweave.sandbox.Lexicons;
import org.socialweave.sandbox.XrpcCall;

/**
 * Bluesky XRPC wire format under {@code /bluesky/xrpc/<nsid>} and {@code /bluesky/pds/<host>/...}.
 */
public final class BlueskySimulator extends Simulator implements BlueskySandbox {

  /** The path prefix the sandbox routes here. */
  public static final String PREFIX = "/bluesky/";

  private static final Pattern PATH =
      Pattern.compile("/bluesky(?:/pds/([a-z0-9.-]+))?/xrpc/([A-Za-z0-9.-]+)/?");
  private static final String POST = "app.bsky.feed.post";
  private static final String SERVICE_DID = "did:web:sandbox.bsky.test";
  private static final String SCOPE_APP_PASS = "com.atproto.appPass";
  private static final String SCOPE_REFRESH = "com.atproto.refresh";
  private static final String B32 = "abcdefghijklmnopqrstuvwxyz234567";
  private static final String S32 = "234567abcdefghijklmnopqrstuvwxyz";
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private static final class Account {
    final String did;
    final String handle;
    final String email;
    String appPassword;
    URI pdsEndpoint;
    long followers;
    boolean takenDown;

    Account(String did, String handle, String email, String appPassword, URI pdsEndpoint) {
      this.did = did;
      this.handle = handle;
      this.email = email;
      this.appPassword = appPassword;
      this.pdsEndpoint = pdsEndpoint;
    }
  }

  /** A refresh token's server-side row, as the reference PDS keeps it. */
  private static final class RefreshRow {
    final String did;
    Instant expiresAt;
    String nextId;

    RefreshRow(String did, Instant expiresAt) {
      this.did = did;
      this.expiresAt = expiresAt;
    }
  }

  private record Blob(String cid, String mimeType, long size) {}

  private record Counts(long likes, long reposts, long quotes) {}

  /** An XRPC error the handlers throw; answered as {@code {"error","message"}}. */
  private static final class XrpcError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String error;

    XrpcError(int status, String error, String message) {
      super(message, null, false, false);
      this.status = status;
      this.error = error;
    }
  }

  private final URI sandboxUrl;
  private final Object lock = new Object();
  private final SecureRandom random = new SecureRandom();
  private final byte[] jwtKey = new byte[32];
  private final int clockId;
  private final Map<String, Account> accounts = new LinkedHashMap<>();
  private final Map<String, RefreshRow> refreshTokens = new HashMap<>();
  private final Map<String, Map<String, Blob>> blobs = new HashMap<>();
  private final List<BlueskyRecord> records = new ArrayList<>();
  private final Map<String, Counts> counts = new HashMap<>();
  private final FaultQueue<Fault> faults = new FaultQueue<>();
  private final Map<String, Deque<Instant>> sessionAttempts = new HashMap<>();
  private final List<XrpcCall> calls = new ArrayList<>();
  private final SimClock clock = new SimClock(ChronoUnit.MILLIS);
  private long lastTid;

  public BlueskySimulator(URI sandboxUrl) {
    this.sandboxUrl = sandboxUrl;
    random.nextBytes(jwtKey);
    this.clockId = random.nextInt(1024);
  }

  // ---- BlueskySandbox ----

  @Override
  public URI serviceUrl() {
    return URI.create(sandboxUrl + "/bluesky");
  }

  @Override
  public URI pdsUrl(String host) {
    if (host == null || !host.matches("[a-z0-9.-]+")) {
      throw new IllegalArgumentException("not a lower-case host name: " + host);
    }
    return URI.create(sandboxUrl + "/bluesky/pds/" + host);
  }

  @Override
  public String addAccount(String handle, String email, String appPassword) {
    if (handle == null || !Lexicons.hasFormat("handle", handle)) {
      throw new IllegalArgumentException("not a handle: " + handle);
    }
    if (appPassword == null || appPassword.isBlank()) {
      throw new IllegalArgumentException("appPassword is required");
    }
    String h = handle.toLowerCase(Locale.ROOT);
    String did =
        "did:plc:"
            + base32(sha256(("sandbox:" + h).getBytes(StandardCharsets.UTF_8))).substring(0, 24);
    synchronized (lock) {
      if (accounts.containsKey(did)) {
        throw new IllegalArgumentException("handle already registered: " + handle);
      }
      accounts.put(did, new Account(did, h, email, appPassword, serviceUrl()));
    }
    return did;
  }

  @Override
  public void setPdsEndpoint(String did, URI endpoint) {
    synchronized (lock) {
      account(did).pdsEndpoint = endpoint;
    }
  }

  @Override
  public void revokeAppPassword(String did) {
    synchronized (lock) {
      account(did).appPassword = null;
      refreshTokens.values().removeIf(row -> row.did.equals(did));
    }
  }

  @Override
  public void takedown(String did) {
    synchronized (lock) {
      account(did).takenDown = true;
    }
  }

  @Override
  public String did(String handle) {
    synchronized (lock) {
      Account a = byIdentifier(handle);
      return a == null ? null : a.did;
    }
  }

  @Override
  public void inject(String did, Fault fault, int times) {
    faults.add(did, fault, times);
  }

  @Override
  public void clearFaults(String did) {
    faults.clear(did);
  }

  @Override
  public List<BlueskyRecord> records(String did) {
    synchronized (lock) {
      return records.stream().filter(r -> r.did().equals(did)).toList();
    }
  }

  @Override
  public String post(String did, String text, String parentUri) {
    synchronized (lock) {
      account(did);
      ObjectNode record = JSON.createObjectNode();
      record.put("$type", POST);
      record.put("text", text);
      record.put("createdAt", clock.now().toString());
      if (parentUri != null) {
        BlueskyRecord parent = live(parentUri);
        if (parent == null) {
          throw new IllegalArgumentException("no such post: " + parentUri);
        }
        JsonNode parentReply = parent.value().path("reply");
        ObjectNode reply = record.putObject("reply");
        reply.set(
            "root",
            parentReply.has("root")
                ? parentReply.get("root")
                : strongRef(parent.uri(), parent.cid()));
        reply.set("parent", strongRef(parent.uri(), parent.cid()));
      }
      List<String> problems = Lexicons.validateRecord(POST, record);
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(problems.get(0));
      }
      return store(did, POST, nextTid(), record).uri();
    }
  }

  @Override
  public void setCounts(String uri, long likes, long reposts, long quotes) {
    synchronized (lock) {
      counts.put(uri, new Counts(likes, reposts, quotes));
    }
  }

  @Override
  public void setFollowers(String did, long followers) {
    synchronized (lock) {
      account(did).followers = followers;
    }
  }

  @Override
  public List<XrpcCall> calls() {
    synchronized (lock) {
      return List.copyOf(calls);
    }
  }

  @Override
  public void advanceClock(Duration duration) {
    clock.advance(duration);
  }

  @Override
  public void reset() {
    synchronized (lock) {
      accounts.clear();
      refreshTokens.clear();
      blobs.clear();
      records.clear();
      counts.clear();
      faults.reset();
      sessionAttempts.clear();
      calls.clear();
      requests.reset();
      clock.reset();
    }
  }

  private Account account(String did) {
    Account a = accounts.get(did);
    if (a == null) {
      throw new IllegalArgumentException("unknown account: " + did);
    }
    return a;
  }

  // ---- HTTP ----

  private static Answer ok(JsonNode body) {
    return new Answer(200, "application/json; charset=utf-8", body.toString());
  }

  /** An XRPC error: {@code {"error","message"}}. */
  private static Answer error(int status, String error, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", error);
    body.put("message", message);
    return new Answer(status, "application/json; charset=utf-8", body.toString());
  }

  /** The XRPC error name of an error answer; {@code null} for a success or another body. */
  private static String errorName(Answer answer) {
    if (answer.status() < 400) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(answer.body());
      return node != null && node.path("error").isTextual() ? node.get("error").asText() : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** One request as the handlers see it. */
  private record Call(
      String method,
      String pds,
      String nsid,
      Map<String, List<String>> params,
      String contentType,
      byte[] body,
      String token) {}

  @Override
  Answer internalError(RuntimeException e) {
    return error(500, "InternalServerError", "Internal Server Error");
  }

  /** Answers a call and records it in {@link #calls()}, whatever its answer. */
  @Override
  Answer answer(HttpExchange exchange) throws IOException, InterruptedException {
    Call call = read(exchange);
    if (call == null) {
      return error(404, "NotFound", "Not Found");
    }
    String did = null;
    Answer answer = Answer.DROP; // what an interrupted call ends as
    try {
      did = accountOf(call);
      requests.countKey(did);
      Fault fault = did == null ? null : faults.next(did);
      answer = play(fault, () -> dispatch(call), this::failure);
    } catch (RuntimeException e) {
      answer = internalError(e);
    } finally {
      record(call, did, answer);
    }
    return answer;
  }

  private Call read(HttpExchange exchange) throws IOException {
    Matcher m = PATH.matcher(exchange.getRequestURI().getPath());
    if (!m.matches()) {
      FormBodies.body(exchange);
      return null;
    }
    Map<String, List<String>> params = FormBodies.query(exchange);
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String token = null;
    if (authorization != null) {
      token =
          authorization.regionMatches(true, 0, "Bearer ", 0, 7)
              ? authorization.substring(7).trim()
              : "";
    }
    return new Call(
        exchange.getRequestMethod().toUpperCase(Locale.ROOT),
        m.group(1),
        m.group(2),
        params,
        exchange.getRequestHeaders().getFirst("Content-Type"),
        FormBodies.body(exchange),
        token);
  }

  /** The account a call is for, as far as it can be told before authentication (for faults). */
  private String accountOf(Call call) {
    synchronized (lock) {
      if (call.token() != null) {
        JsonNode claims = claims(call.token());
        return claims == null ? null : claims.path("sub").asText(null);
      }
      if (call.nsid().equals("com.atproto.server.createSession")) {
        JsonNode body = json(call.body());
        Account a = body == null ? null : byIdentifier(body.path("identifier").asText(null));
        return a == null ? null : a.did;
      }
      return null;
    }
  }

  private void record(Call call, String did, Answer answer) {
    boolean isJson =
        call.contentType() != null
            && call.contentType().toLowerCase(Locale.ROOT).startsWith("application/json");
    String body = null;
    if (isJson && call.body().length > 0) {
      body = new String(call.body(), StandardCharsets.UTF_8);
      JsonNode node = json(call.body());
      if (node != null && node.isObject() && node.has("password")) {
        ((ObjectNode) node).put("password", "<redacted>");
        body = node.toString();
      }
    }
    synchronized (lock) {
      calls.add(
          new XrpcCall(
              call.method(),
              call.pds(),
              call.nsid(),
              call.params(),
              call.contentType(),
              body,
              call.body().length,
              did,
              answer.status(),
              errorName(answer)));
    }
  }

  private Answer failure(Fault fault) {
    switch (fault.type()) {
      case RATE_LIMITED:
        {
          long reset = clock.now().plusSeconds(fault.retryAfterSeconds()).getEpochSecond();
          return error(429, "RateLimitExceeded", "Rate Limit Exceeded")
              .with(
                  Map.of(
                      "RateLimit-Limit", "3000",
                      "RateLimit-Remaining", "0",
                      "RateLimit-Reset", String.valueOf(reset),
                      "RateLimit-Policy", "3000;w=300"));
        }
      case SERVER_ERROR:
        if (fault.status() == 500) {
          return error(500, "InternalServerError", "Internal Server Error");
        }
        // Bluesky's gateway page: nginx's without its signature line.
        return new Answer(
            fault.status(),
            "text/html",
            "<html><head><title>"
                + fault.status()
                + " Bad Gateway</title></head><body><center><h1>"
                + fault.status()
                + " Bad Gateway</h1></center></body></html>");
      case ERROR:
        {
          String d = fault.description() == null ? "InvalidRequest" : fault.description();
          int colon = d.indexOf(": ");
          return colon > 0
              ? error(fault.status(), d.substring(0, colon), d.substring(colon + 2))
              : error(fault.status(), d, d);
        }
      case RAW:
        return new Answer(fault.status(), "application/json", fault.body());
      default:
        throw new IllegalStateException("unknown fault " + fault.type());
    }
  }

  private Answer dispatch(Call call) {
    synchronized (lock) {
      try {
        return route(call);
      } catch (XrpcError e) {
        return error(e.status, e.error, e.getMessage());
      }
    }
  }

  private Answer route(Call call) {
    String nsid = call.nsid();
    boolean procedure;
    switch (nsid) {
      case "com.atproto.server.createSession",
          "com.atproto.server.refreshSession",
          "com.atproto.repo.createRecord",
          "com.atproto.repo.deleteRecord",
          "com.atproto.repo.uploadBlob" ->
          procedure = true;
      case "com.atproto.server.getSession",
          "com.atproto.repo.getRecord",
          "com.atproto.identity.resolveHandle",
          "app.bsky.feed.getPosts",
          "app.bsky.feed.getPostThread",
          "app.bsky.actor.getProfile" ->
          procedure = false;
      default -> {
        return error(501, "MethodNotImplemented", "Method Not Implemented");
      }
    }
    String expected = procedure ? "POST" : "GET";
    if (!call.method().equals(expected)) {
      throw invalid("Incorrect HTTP method (" + call.method() + ") expected " + expected);
    }
    JsonNode params = Lexicons.typedParams(nsid, call.params());
    List<String> paramProblems = Lexicons.validateParams(nsid, params);
    if (!paramProblems.isEmpty()) {
      throw invalid("Error: " + paramProblems.get(0));
    }
    JsonNode input = null;
    if (procedure && !nsid.equals("com.atproto.repo.uploadBlob")) {
      input = input(call);
      List<String> problems = Lexicons.validateInput(nsid, input);
      if (!problems.isEmpty()) {
        throw invalid(problems.get(0));
      }
    }
    return switch (nsid) {
      case "com.atproto.server.createSession" -> createSession(input);
      case "com.atproto.server.refreshSession" -> refreshSession(call);
      case "com.atproto.server.getSession" -> getSession(call);
      case "com.atproto.repo.createRecord" -> createRecord(call, input);
      case "com.atproto.repo.deleteRecord" -> deleteRecord(call, input);
      case "com.atproto.repo.uploadBlob" -> uploadBlob(call);
      case "com.atproto.repo.getRecord" -> getRecord(params);
      case "com.atproto.identity.resolveHandle" -> resolveHandle(params);
      case "app.bsky.feed.getPosts" -> getPosts(call, params);
      case "app.bsky.feed.getPostThread" -> getPostThread(call, params);
      case "app.bsky.actor.getProfile" -> getProfile(call, params);
      default -> throw new IllegalStateException(nsid);
    };
  }

  /** The JSON body of a procedure; {@code null} when there is none. */
  private static JsonNode input(Call call) {
    if (call.body().length == 0) {
      return null;
    }
    String type = call.contentType() == null ? "" : call.contentType().toLowerCase(Locale.ROOT);
    if (!type.startsWith("application/json")) {
      throw invalid("Wrong request encoding (Content-Type): " + call.contentType());
    }
    JsonNode node = json(call.body());
    if (node == null) {
      throw invalid("Unable to parse request body as JSON");
    }
    return node;
  }

  // ---- sessions ----

  private Answer createSession(JsonNode input) {
    String identifier = input.get("identifier").asText().trim().toLowerCase(Locale.ROOT);
    Instant now = clock.now();
    Deque<Instant> attempts = sessionAttempts.computeIfAbsent(identifier, k -> new ArrayDeque<>());
    Duration day = Duration.ofDays(1);
    while (!attempts.isEmpty() && !attempts.peekFirst().isAfter(now.minus(day))) {
      attempts.pollFirst();
    }
    Duration window = Duration.ofMinutes(CREATE_SESSION_WINDOW_MINUTES);
    List<Instant> recent = attempts.stream().filter(t -> t.isAfter(now.minus(window))).toList();
    if (attempts.size() >= CREATE_SESSION_DAILY_LIMIT) {
      return tooMany(CREATE_SESSION_DAILY_LIMIT, day, attempts.peekFirst().plus(day));
    }
    if (recent.size() >= CREATE_SESSION_LIMIT) {
      return tooMany(CREATE_SESSION_LIMIT, window, recent.get(0).plus(window));
    }
    attempts.addLast(now);
    Account account = byIdentifier(identifier);
    String password = input.get("password").asText();
    if (account == null || account.appPassword == null || !account.appPassword.equals(password)) {
      throw new XrpcError(401, "AuthenticationRequired", "Invalid identifier or password");
    }
    checkTakedown(account);
    ObjectNode out = session(account, newRefreshId(account.did));
    return ok(out);
  }

  /** A 429 of a rate limit as the reference PDS's limiter answers it, with its headers. */
  private static Answer tooMany(int limit, Duration window, Instant reset) {
    return error(429, "RateLimitExceeded", "Rate Limit Exceeded")
        .with(
            Map.of(
                "RateLimit-Limit",
                String.valueOf(limit),
                "RateLimit-Remaining",
                "0",
                "RateLimit-Reset",
                String.valueOf(reset.getEpochSecond()),
                "RateLimit-Policy",
                limit + ";w=" + window.toSeconds()));
  }

  private Answer refreshSession(Call call) {
    JsonNode claims = verify(call.token(), SCOPE_REFRESH);
    String id = claims.path("jti").asText("");
    RefreshRow row = refreshTokens.get(id);
    Instant now = clock.now();
    if (row == null || !row.expiresAt.isAfter(now)) {
      throw new XrpcError(400, "ExpiredToken", "Token has been revoked");
    }
    Account account = account(row.did);
    checkTakedown(account);
    Instant grace = now.plus(Duration.ofMinutes(REFRESH_GRACE_MINUTES));
    if (grace.isBefore(row.expiresAt)) {
      row.expiresAt = grace;
    }
    if (row.nextId == null) {
      row.nextId = newRefreshId(row.did);
    }
    return ok(session(account, row.nextId));
  }

  private Answer getSession(Call call) {
    Account account = authenticate(call);
    ObjectNode out = JSON.createObjectNode();
    out.put("handle", account.handle);
    out.put("did", account.did);
    if (account.pdsEndpoint != null) {
      out.set("didDoc", didDoc(account));
    }
    if (account.email != null) {
      out.put("email", account.email);
      out.put("emailConfirmed", true);
    }
    out.put("active", true);
    return ok(out);
  }

  private String newRefreshId(String did) {
    byte[] id = new byte[24];
    random.nextBytes(id);
    String jti = Base64.getEncoder().withoutPadding().encodeToString(id);
    refreshTokens.put(
        jti, new RefreshRow(did, clock.now().plus(Duration.ofDays(REFRESH_TOKEN_DAYS))));
    return jti;
  }

  private ObjectNode session(Account account, String refreshId) {
    Instant now = clock.now();
    ObjectNode out = JSON.createObjectNode();
    out.put(
        "accessJwt",
        jwt(
            "at+jwt",
            SCOPE_APP_PASS,
            account.did,
            null,
            now,
            now.plus(Duration.ofMinutes(ACCESS_TOKEN_MINUTES))));
    out.put(
        "refreshJwt",
        jwt(
            "refresh+jwt",
            SCOPE_REFRESH,
            account.did,
            refreshId,
            now,
            now.plus(Duration.ofDays(REFRESH_TOKEN_DAYS))));
    out.put("handle", account.handle);
    out.put("did", account.did);
    if (account.pdsEndpoint != null) {
      out.set("didDoc", didDoc(account));
    }
    if (account.email != null) {
      out.put("email", account.email);
      out.put("emailConfirmed", true);
    }
    out.put("active", true);
    return out;
  }

  private ObjectNode didDoc(Account account) {
    ObjectNode doc = JSON.createObjectNode();
    doc.putArray("@context")
        .add("https://www.w3.org/ns/did/v1")
        .add("https://w3id.org/security/multikey/v1");
    doc.put("id", account.did);
    doc.putArray("alsoKnownAs").add("at://" + account.handle);
    ObjectNode method = doc.putArray("verificationMethod").addObject();
    method.put("id", account.did + "#atproto");
    method.put("type", "Multikey");
    method.put("controller", account.did);
    method.put("publicKeyMultibase", "zQ3shXjHeiBuRCKmM36cuYnm7YEMzhGnCmCyW92sRJ9pribSF");
    ObjectNode service = doc.putArray("service").addObject();
    service.put("id", "#atproto_pds");
    service.put("type", "AtprotoPersonalDataServer");
    service.put("serviceEndpoint", account.pdsEndpoint.toString());
    return doc;
  }

  private String jwt(String typ, String scope, String did, String jti, Instant iat, Instant exp) {
    ObjectNode header = JSON.createObjectNode().put("typ", typ).put("alg", "HS256");
    ObjectNode payload = JSON.createObjectNode();
    payload.put("scope", scope);
    payload.put("aud", SERVICE_DID);
    payload.put("sub", did);
    if (jti != null) {
      payload.put("jti", jti);
    }
    payload.put("iat", iat.getEpochSecond());
    payload.put("exp", exp.getEpochSecond());
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signingInput =
        b64.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
    return signingInput + "." + b64.encodeToString(hmac(signingInput));
  }

  private byte[] hmac(String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(jwtKey, "HmacSHA256"));
      return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The claims of a token signed by this sandbox, unverified for expiry; {@code null} if not. */
  private JsonNode claims(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return null;
    }
    byte[] expected = hmac(parts[0] + "." + parts[1]);
    byte[] actual;
    try {
      actual = Base64.getUrlDecoder().decode(parts[2]);
      if (!MessageDigest.isEqual(expected, actual)) {
        return null;
      }
      return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    } catch (IllegalArgumentException | IOException e) {
      return null;
    }
  }

  /** Verifies a bearer token as the reference PDS does; answers its claims. */
  private JsonNode verify(String token, String scope) {
    if (token == null) {
      throw new XrpcError(401, "AuthMissing", "Authentication Required");
    }
    if (token.isEmpty()) {
      throw new XrpcError(400, "InvalidToken", "Unexpected authorization type");
    }
    JsonNode claims = claims(token);
    if (claims == null) {
      throw new XrpcError(400, "InvalidToken", "Token could not be verified");
    }
    if (claims.path("exp").asLong(0) <= clock.now().getEpochSecond()) {
      throw new XrpcError(400, "ExpiredToken", "Token has expired");
    }
    if (!scope.equals(claims.path("scope").asText())) {
      throw new XrpcError(400, "InvalidToken", "Bad token scope");
    }
    return claims;
  }

  private Account authenticate(Call call) {
    JsonNode claims = verify(call.token(), SCOPE_APP_PASS);
    Account account = accounts.get(claims.path("sub").asText());
    if (account == null) {
      throw new XrpcError(400, "InvalidToken", "Token could not be verified");
    }
    checkTakedown(account);
    return account;
  }

  private static void checkTakedown(Account account) {
    if (account.takenDown) {
      throw new XrpcError(401, "AccountTakedown", "Account has been taken down");
    }
  }

  /** Optional authentication (AppView reads through the PDS): a bad token still fails. */
  private Account authenticateOptional(Call call) {
    return call.token() == null ? null : authenticate(call);
  }

  private Account byIdentifier(String identifier) {
    if (identifier == null) {
      return null;
    }
    String id = identifier.trim().toLowerCase(Locale.ROOT);
    if (id.startsWith("@")) {
      id = id.substring(1);
    }
    for (Account a : accounts.values()) {
      if (a.did.equals(identifier.trim())
          || a.handle.equals(id)
          || (a.email != null && a.email.toLowerCase(Locale.ROOT).equals(id))) {
        return a;
      }
    }
    return null;
  }

  // ---- repository ----

  private Answer createRecord(Call call, JsonNode input) {
    Account auth = authenticate(call);
    Account repo = byIdentifier(input.get("repo").asText());
    if (repo == null) {
      throw invalid("Could not find repo: " + input.get("repo").asText());
    }
    if (!repo.did.equals(auth.did)) {
      throw new XrpcError(401, "AuthenticationRequired", "Authentication Required");
    }
    String collection = input.get("collection").asText();
    JsonNode given = input.get("record");
    ObjectNode record = given.deepCopy();
    if (!record.has("$type")) {
      record.put("$type", collection);
    } else if (!collection.equals(record.get("$type").asText(null))) {
      throw invalid(
          "Invalid $type: expected " + collection + ", got " + record.get("$type").asText());
    }
    String rkey = input.path("rkey").asText(null);
    if (rkey != null && !Lexicons.hasFormat("record-key", rkey)) {
      throw invalid("Invalid record key: " + rkey);
    }
    if (rkey == null || rkey.isEmpty()) {
      rkey = nextTid();
    }
    JsonNode validate = input.get("validate");
    boolean known = Lexicons.knows(collection);
    String status = "unknown";
    if (validate == null || validate.asBoolean(true)) {
      if (!known) {
        if (validate != null) {
          throw invalid("Unknown lexicon type: " + collection);
        }
      } else {
        if (!Lexicons.isValidRecordKey(collection, rkey)) {
          throw invalid("Invalid record key for " + collection + ": " + rkey);
        }
        List<String> problems = Lexicons.validateRecord(collection, record);
        if (!problems.isEmpty()) {
          throw invalid("Invalid " + collection + " record: " + problems.get(0));
        }
        status = "valid";
      }
    }
    checkBlobs(auth.did, record);
    String uri = "at://" + repo.did + "/" + collection + "/" + rkey;
    if (live(uri) != null) {
      // The reference PDS's MST throws "There is already a value at key", which is not an XRPC
      // error: the client gets a bare 500.
      throw new XrpcError(500, "InternalServerError", "Internal Server Error");
    }
    BlueskyRecord stored = store(repo.did, collection, rkey, record);
    ObjectNode out = JSON.createObjectNode();
    out.put("uri", stored.uri());
    out.put("cid", stored.cid());
    out.set("commit", commit());
    out.put("validationStatus", status);
    return ok(out);
  }

  private void checkBlobs(String did, JsonNode node) {
    if (node.isObject()) {
      if ("blob".equals(node.path("$type").asText())) {
        String cid = node.path("ref").path("$link").asText("");
        Blob blob = blobs.getOrDefault(did, Map.of()).get(cid);
        if (blob == null) {
          throw new XrpcError(400, "BlobNotFound", "Could not find blob: " + cid);
        }
        if (!blob.mimeType().equals(node.path("mimeType").asText())) {
          throw new XrpcError(
              400,
              "InvalidMimeType",
              "Referenced Mimetype does not match stored blob. Expected: "
                  + blob.mimeType()
                  + ", Got: "
                  + node.path("mimeType").asText());
        }
        if (blob.size() != node.path("size").asLong(-1)) {
          throw new XrpcError(
              400,
              "InvalidSize",
              "Referenced Size does not match stored blob. Expected: "
                  + blob.size()
                  + ", Got: "
                  + node.path("size").asText());
        }
        return;
      }
      if (node.has("cid") && node.has("mimeType") && node.size() == 2) {
        throw invalid("Legacy blobs are not allowed (" + node.path("cid").asText() + ")");
      }
    }
    node.forEach(child -> checkBlobs(did, child));
  }

  private ObjectNode commit() {
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    ObjectNode commit = JSON.createObjectNode();
    commit.put("cid", cid(0x71, seed));
    commit.put("rev", nextTid());
    return commit;
  }

  private BlueskyRecord store(String did, String collection, String rkey, JsonNode record) {
    String uri = "at://" + did + "/" + collection + "/" + rkey;
    byte[] canonical;
    try {
      canonical = JSON.writeValueAsBytes(JSON.treeToValue(record, Object.class));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    BlueskyRecord stored =
        new BlueskyRecord(
            did, collection, rkey, uri, cid(0x71, canonical), record, clock.now(), false);
    records.add(stored);
    return stored;
  }

  private Answer deleteRecord(Call call, JsonNode input) {
    Account auth = authenticate(call);
    Account repo = byIdentifier(input.get("repo").asText());
    if (repo == null) {
      throw invalid("Could not find repo: " + input.get("repo").asText());
    }
    if (!repo.did.equals(auth.did)) {
      throw new XrpcError(401, "AuthenticationRequired", "Authentication Required");
    }
    String uri =
        "at://"
            + repo.did
            + "/"
            + input.get("collection").asText()
            + "/"
            + input.get("rkey").asText();
    BlueskyRecord record = live(uri);
    ObjectNode out = JSON.createObjectNode();
    if (record == null) {
      return ok(out); // a no-op: the record already does not exist
    }
    records.set(records.indexOf(record), record.asDeleted());
    out.set("commit", commit());
    return ok(out);
  }

  private Answer getRecord(JsonNode params) {
    Account repo = byIdentifier(params.get("repo").asText());
    String uri =
        "at://"
            + (repo == null ? params.get("repo").asText() : repo.did)
            + "/"
            + params.get("collection").asText()
            + "/"
            + params.get("rkey").asText();
    BlueskyRecord record = repo == null ? null : live(uri);
    if (record == null || (params.has("cid") && !params.get("cid").asText().equals(record.cid()))) {
      throw new XrpcError(400, "RecordNotFound", "Could not locate record: " + uri);
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("uri", record.uri());
    out.put("cid", record.cid());
    out.set("value", record.value());
    return ok(out);
  }

  private Answer uploadBlob(Call call) {
    Account account = authenticate(call);
    String type = call.contentType();
    if (type == null || type.isBlank()) {
      throw invalid("Request encoding (Content-Type) required but not provided");
    }
    byte[] bytes = call.body();
    if (bytes.length > MAX_UPLOAD_BYTES) {
      throw new XrpcError(413, "PayloadTooLarge", "request entity too large");
    }
    String mime = sniff(bytes);
    if (mime == null) {
      mime = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }
    String cid = cid(0x55, bytes);
    blobs
        .computeIfAbsent(account.did, d -> new HashMap<>())
        .put(cid, new Blob(cid, mime, bytes.length));
    ObjectNode out = JSON.createObjectNode();
    ObjectNode blob = out.putObject("blob");
    blob.put("$type", "blob");
    blob.putObject("ref").put("$link", cid);
    blob.put("mimeType", mime);
    blob.put("size", bytes.length);
    return ok(out);
  }

  /** The MIME type of well-known image formats by their magic bytes, as the PDS sniffs them. */
  private static String sniff(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
      return "image/jpeg";
    }
    if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
      return "image/png";
    }
    if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
      return "image/gif";
    }
    if (b.length >= 12
        && b[0] == 'R'
        && b[1] == 'I'
        && b[2] == 'F'
        && b[3] == 'F'
        && b[8] == 'W'
        && b[9] == 'E'
        && b[10] == 'B'
        && b[11] == 'P') {
      return "image/webp";
    }
    return null;
  }

  // ---- identity and AppView reads ----

  private Answer resolveHandle(JsonNode params) {
    Account account = byIdentifier(params.get("handle").asText());
    if (account == null || params.get("handle").asText().startsWith("did:")) {
      throw new XrpcError(400, "HandleNotFound", "Unable to resolve handle");
    }
    return ok(JSON.createObjectNode().put("did", account.did));
  }

  private Answer getPosts(Call call, JsonNode params) {
    authenticateOptional(call);
    ObjectNode out = JSON.createObjectNode();
    ArrayNode posts = out.putArray("posts");
    for (JsonNode uri : params.get("uris")) {
      BlueskyRecord post = live(uri.asText());
      if (post != null && post.collection().equals(POST)) {
        posts.add(postView(post));
      }
    }
    return ok(out);
  }

  private Answer getPostThread(Call call, JsonNode params) {
    authenticateOptional(call);
    String uri = params.get("uri").asText();
    BlueskyRecord post = live(uri);
    if (post == null || !post.collection().equals(POST)) {
      throw new XrpcError(400, "NotFound", "Post not found: " + uri);
    }
    int depth = params.has("depth") ? params.get("depth").asInt() : 6;
    int parentHeight = params.has("parentHeight") ? params.get("parentHeight").asInt() : 80;
    ObjectNode out = JSON.createObjectNode();
    ObjectNode thread = threadView(post, depth);
    ObjectNode child = thread;
    BlueskyRecord current = post;
    for (int i = 0; i < parentHeight; i++) {
      String parentUri = current.value().path("reply").path("parent").path("uri").asText(null);
      if (parentUri == null) {
        break;
      }
      BlueskyRecord parent = live(parentUri);
      if (parent == null) {
        child.set(
            "parent",
            JSON.createObjectNode()
                .put("$type", "app.bsky.feed.defs#notFoundPost")
                .put("uri", parentUri)
                .put("notFound", true));
        break;
      }
      ObjectNode parentView = JSON.createObjectNode();
      parentView.put("$type", "app.bsky.feed.defs#threadViewPost");
      parentView.set("post", postView(parent));
      child.set("parent", parentView);
      child = parentView;
      current = parent;
    }
    out.set("thread", thread);
    return ok(out);
  }

  private ObjectNode threadView(BlueskyRecord post, int depth) {
    ObjectNode view = JSON.createObjectNode();
    view.put("$type", "app.bsky.feed.defs#threadViewPost");
    view.set("post", postView(post));
    if (depth > 0) {
      ArrayNode replies = view.putArray("replies");
      replies(post.uri()).forEach(reply -> replies.add(threadView(reply, depth - 1)));
    }
    return view;
  }

  private List<BlueskyRecord> replies(String uri) {
    return records.stream()
        .filter(r -> !r.deleted() && r.collection().equals(POST))
        .filter(r -> uri.equals(r.value().path("reply").path("parent").path("uri").asText(null)))
        .sorted(Comparator.comparing(BlueskyRecord::indexedAt))
        .toList();
  }

  private ObjectNode postView(BlueskyRecord post) {
    Account author = accounts.get(post.did());
    ObjectNode view = JSON.createObjectNode();
    view.put("uri", post.uri());
    view.put("cid", post.cid());
    ObjectNode a = view.putObject("author");
    a.put("did", post.did());
    a.put("handle", author == null ? "handle.invalid" : author.handle);
    if (author != null) {
      a.put("displayName", displayName(author));
    }
    view.set("record", post.value());
    Counts c = counts.getOrDefault(post.uri(), new Counts(0, 0, 0));
    view.put("replyCount", replies(post.uri()).size());
    view.put("repostCount", c.reposts());
    view.put("likeCount", c.likes());
    view.put("quoteCount", c.quotes());
    view.put("bookmarkCount", 0);
    view.put("indexedAt", post.indexedAt().toString());
    return view;
  }

  private static String displayName(Account account) {
    String first = account.handle.split("\\.", 2)[0];
    return Character.toUpperCase(first.charAt(0)) + first.substring(1);
  }

  private Answer getProfile(Call call, JsonNode params) {
    authenticateOptional(call);
    Account account = byIdentifier(params.get("actor").asText());
    if (account == null) {
      throw invalid("Profile not found");
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("did", account.did);
    out.put("handle", account.handle);
    out.put("displayName", displayName(account));
    out.put("followersCount", account.followers);
    out.put("followsCount", 0);
    out.put(
        "postsCount",
        records.stream()
            .filter(r -> r.did().equals(account.did) && !r.deleted() && r.collection().equals(POST))
            .count());
    return ok(out);
  }

  // ---- helpers ----

  private BlueskyRecord live(String uri) {
    for (int i = records.size() - 1; i >= 0; i--) {
      BlueskyRecord r = records.get(i);
      if (r.uri().equals(uri)) {
        return r.deleted() ? null : r;
      }
    }
    return null;
  }

  private static ObjectNode strongRef(String uri, String cid) {
    return JSON.createObjectNode().put("uri", uri).put("cid", cid);
  }

  /** A TID from the sandbox's clock: 53 bits of microseconds, 10 bits of clock id. */
  private String nextTid() {
    Instant now = clock.now();
    long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    long value = (micros << 10) | clockId;
    if (value <= lastTid) {
      value = lastTid + 1;
    }
    lastTid = value;
    return tid(value);
  }

  /** The base32-sortable form of a TID's 64-bit value (13 characters). */
  public static String tid(long value) {
    StringBuilder s = new StringBuilder(13);
    for (int i = 0; i < 13; i++) {
      s.append(S32.charAt((int) ((value >>> (60 - 5 * i)) & 31)));
    }
    return s.toString();
  }

  private static XrpcError invalid(String message) {
    return new XrpcError(400, "InvalidRequest", message);
  }

  private static JsonNode json(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node == null || node.isMissingNode() ? null : node;
    } catch (IOException e) {
      return null;
    }
  }

  /** A CIDv1 with a SHA-256 multihash: codec 0x55 (raw) for blobs, 0x71 (dag-cbor) for records. */
  static String cid(int codec, byte[] data) {
    byte[] digest = sha256(data);
    byte[] bytes = new byte[4 + digest.length];
    bytes[0] = 0x01;
    bytes[1] = (byte) codec;
    bytes[2] = 0x12;
    bytes[3] = 0x20;
    System.arraycopy(digest, 0, bytes, 4, digest.length);
    return "b" + base32(bytes);
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** RFC 4648 base32, lower case, without padding (multibase {@code b}). */
  private static String base32(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        s.append(B32.charAt((buffer >>> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      s.append(B32.charAt((buffer << (5 - bits)) & 31));
    }
    return s.toString();
  }
}
