package org.socialweave.sandbox;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

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
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class BlueskySandboxTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3};

  private Sandbox sandbox;
  private BlueskySandbox bluesky;
  private HttpClient http;
  private String did;
  private String access;
  private String refresh;

  /** One answer: status, headers, body as JSON (or null). */
  private record Answer(int status, HttpResponse<String> response, JsonNode json) {
    String error() {
      return json == null ? null : json.path("error").asText(null);
    }

    String message() {
      return json == null ? null : json.path("message").asText(null);
    }
  }

  @Before
  public void start() throws Exception {
    sandbox = Sandbox.start(0);
    bluesky = sandbox.bluesky();
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    did = bluesky.addAccount("alice.bsky.social", "alice@example.com", "app-pass-word");
    Answer session =
        post(
            "com.atproto.server.createSession",
            null,
            "{\"identifier\":\"alice.bsky.social\",\"password\":\"app-pass-word\"}");
    assertEquals(200, session.status());
    access = session.json().get("accessJwt").asText();
    refresh = session.json().get("refreshJwt").asText();
  }

  @After
  public void stop() {
    sandbox.close();
  }

  private Answer send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode json;
    try {
      json = JSON.readTree(r.body());
    } catch (IOException e) {
      json = null;
    }
    return new Answer(r.statusCode(), r, json);
  }

  private Answer post(String nsid, String token, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(bluesky.serviceUrl() + "/xrpc/" + nsid))
            .header("Content-Type", "application/json")
            .POST(
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return checked(nsid, send(b.build()));
  }

  private Answer get(String nsid, String token, String query) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create(
                    bluesky.serviceUrl() + "/xrpc/" + nsid + (query == null ? "" : "?" + query)))
            .GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return checked(nsid, send(b.build()));
  }

  /** Every success the simulator answers matches the method's output schema; errors its format. */
  private static Answer checked(String nsid, Answer a) {
    if (a.status() == 200 && Lexicons.knows(nsid)) {
      assertEquals(a.json().toString(), List.of(), Lexicons.validateOutput(nsid, a.json()));
    } else if (a.status() >= 400 && a.json() != null) {
      assertTrue(a.json().toString(), a.json().path("error").isTextual());
    }
    return a;
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private ObjectNode post(String text) {
    ObjectNode record = JSON.createObjectNode();
    record.put("$type", "app.bsky.feed.post");
    record.put("text", text);
    record.put("createdAt", "2026-11-24T12:00:00.000Z");
    return record;
  }

  private Answer create(ObjectNode record, String rkey) throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("repo", did);
    body.put("collection", "app.bsky.feed.post");
    if (rkey != null) {
      body.put("rkey", rkey);
    }
    body.set("record", record);
    return post("com.atproto.repo.createRecord", access, body.toString());
  }

  private void assertInvalid(Answer a, String message) {
    assertEquals(a.json().toString(), 400, a.status());
    assertEquals("InvalidRequest", a.error());
    assertTrue(a.message(), a.message().contains(message));
  }

  // ---- sessions ----

  @Test
  public void aSessionIsTwoJwtsWithExpiryAndADidDocument() throws Exception {
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(access.split("\\.")[1]));
    assertEquals(did, claims.get("sub").asText());
    assertEquals("com.atproto.appPass", claims.get("scope").asText());
    assertEquals(
        BlueskySandbox.ACCESS_TOKEN_MINUTES * 60L,
        claims.get("exp").asLong() - claims.get("iat").asLong());
    JsonNode refreshClaims = JSON.readTree(Base64.getUrlDecoder().decode(refresh.split("\\.")[1]));
    assertEquals("com.atproto.refresh", refreshClaims.get("scope").asText());
    assertTrue(refreshClaims.get("jti").isTextual());

    Answer session = get("com.atproto.server.getSession", access, null);
    assertEquals(200, session.status());
    assertEquals("alice.bsky.social", session.json().get("handle").asText());
    JsonNode service = session.json().get("didDoc").get("service").get(0);
    assertEquals("#atproto_pds", service.get("id").asText());
    assertEquals(bluesky.serviceUrl().toString(), service.get("serviceEndpoint").asText());
    assertTrue(did.matches("did:plc:[a-z2-7]{24}"));
  }

  @Test
  public void loginFailuresAndMissingFields() throws Exception {
    Answer wrong =
        post(
            "com.atproto.server.createSession",
            null,
            "{\"identifier\":\"alice.bsky.social\",\"password\":\"nope\"}");
    assertEquals(401, wrong.status());
    assertEquals("AuthenticationRequired", wrong.error());
    assertEquals("Invalid identifier or password", wrong.message());
    assertInvalid(
        post("com.atproto.server.createSession", null, "{\"identifier\":\"alice.bsky.social\"}"),
        "Input must have the property \"password\"");
    Answer byEmail =
        post(
            "com.atproto.server.createSession",
            null,
            "{\"identifier\":\"alice@example.com\",\"password\":\"app-pass-word\"}");
    assertEquals(200, byEmail.status());
    XrpcCall recorded = bluesky.calls().get(0);
    assertEquals("com.atproto.server.createSession", recorded.nsid());
    assertFalse(recorded.body().contains("app-pass-word"));
  }

  @Test
  public void createSessionIsLimitedPerIdentifier() throws Exception {
    for (int i = 1; i < BlueskySandbox.CREATE_SESSION_LIMIT; i++) {
      post(
          "com.atproto.server.createSession",
          null,
          "{\"identifier\":\"alice.bsky.social\",\"password\":\"x\"}");
    }
    Answer limited =
        post(
            "com.atproto.server.createSession",
            null,
            "{\"identifier\":\"alice.bsky.social\",\"password\":\"app-pass-word\"}");
    assertEquals(429, limited.status());
    assertEquals("RateLimitExceeded", limited.error());
    assertEquals(
        "30;w=300", limited.response().headers().firstValue("RateLimit-Policy").orElseThrow());
    assertEquals("0", limited.response().headers().firstValue("RateLimit-Remaining").orElseThrow());
    long reset =
        Long.parseLong(limited.response().headers().firstValue("RateLimit-Reset").orElseThrow());
    assertTrue(reset > Instant.now().getEpochSecond() + 200);
  }

  @Test
  public void tokensExpireHaveScopesAndAreNeeded() throws Exception {
    assertEquals("AuthMissing", get("com.atproto.server.getSession", null, null).error());
    Answer scope = get("com.atproto.server.getSession", refresh, null);
    assertEquals(400, scope.status());
    assertEquals("InvalidToken", scope.error());
    assertEquals("Bad token scope", scope.message());
    Answer forged =
        get("com.atproto.server.getSession", access.substring(0, access.length() - 2) + "xx", null);
    assertEquals("InvalidToken", forged.error());
    bluesky.advanceClock(Duration.ofMinutes(BlueskySandbox.ACCESS_TOKEN_MINUTES));
    Answer expired = get("com.atproto.server.getSession", access, null);
    assertEquals(400, expired.status());
    assertEquals("ExpiredToken", expired.error());
    assertEquals("Token has expired", expired.message());
  }

  @Test
  public void refreshRotatesWithAGracePeriod() throws Exception {
    bluesky.advanceClock(Duration.ofSeconds(1));
    Answer first = post("com.atproto.server.refreshSession", refresh, null);
    assertEquals(200, first.status());
    String rotated = first.json().get("refreshJwt").asText();
    assertNotEquals(refresh, rotated);
    Answer reuse = post("com.atproto.server.refreshSession", refresh, null);
    assertEquals(200, reuse.status());
    assertEquals(jti(rotated), jti(reuse.json().get("refreshJwt").asText())); // same next session
    assertInvalid(
        post("com.atproto.server.refreshSession", refresh, "{}"),
        "A request body was provided when none was expected");
    assertEquals("InvalidToken", post("com.atproto.server.refreshSession", access, null).error());

    bluesky.advanceClock(Duration.ofMinutes(BlueskySandbox.REFRESH_GRACE_MINUTES + 1));
    Answer revoked = post("com.atproto.server.refreshSession", refresh, null);
    assertEquals(400, revoked.status());
    assertEquals("ExpiredToken", revoked.error());
    assertEquals("Token has been revoked", revoked.message());
    assertEquals(200, post("com.atproto.server.refreshSession", rotated, null).status());

    bluesky.revokeAppPassword(did);
    assertEquals("ExpiredToken", post("com.atproto.server.refreshSession", rotated, null).error());
    assertEquals(
        401,
        post(
                "com.atproto.server.createSession",
                null,
                "{\"identifier\":\"alice.bsky.social\",\"password\":\"app-pass-word\"}")
            .status());
  }

  private static String jti(String jwt) throws IOException {
    return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1])).get("jti").asText();
  }

  // ---- records ----

  @Test
  public void aPostRoundTripsWithFacetsRepliesAndReads() throws Exception {
    ObjectNode record = post("你好 #话题");
    ObjectNode facet = record.putArray("facets").addObject();
    facet.putObject("index").put("byteStart", 7).put("byteEnd", 14);
    facet
        .putArray("features")
        .addObject()
        .put("$type", "app.bsky.richtext.facet#tag")
        .put("tag", "话题");
    Answer created = create(record, "3kh3ojj4hdpjj");
    assertEquals(created.json().toString(), 200, created.status());
    String uri = created.json().get("uri").asText();
    assertEquals("at://" + did + "/app.bsky.feed.post/3kh3ojj4hdpjj", uri);
    assertEquals("valid", created.json().get("validationStatus").asText());
    assertTrue(created.json().get("cid").asText().startsWith("bafyrei"));

    Answer read =
        get(
            "com.atproto.repo.getRecord",
            null,
            "repo=" + q(did) + "&collection=app.bsky.feed.post&rkey=3kh3ojj4hdpjj");
    assertEquals(200, read.status());
    assertEquals("你好 #话题", read.json().get("value").get("text").asText());

    String reply = bluesky.post(bluesky.addAccount("bob.bsky.social", null, "pw"), "回复", uri);
    bluesky.setCounts(uri, 5, 2, 1);
    Answer posts = get("app.bsky.feed.getPosts", access, "uris=" + q(uri) + "&uris=" + q(reply));
    assertEquals(2, posts.json().get("posts").size());
    JsonNode view = posts.json().get("posts").get(0);
    assertEquals(5, view.get("likeCount").asInt());
    assertEquals(1, view.get("replyCount").asInt());
    assertEquals("alice.bsky.social", view.get("author").get("handle").asText());

    Answer thread = get("app.bsky.feed.getPostThread", access, "uri=" + q(reply));
    assertEquals(uri, thread.json().get("thread").get("parent").get("post").get("uri").asText());
    Answer root = get("app.bsky.feed.getPostThread", null, "uri=" + q(uri));
    assertEquals(
        reply, root.json().get("thread").get("replies").get(0).get("post").get("uri").asText());

    Answer profile = get("app.bsky.actor.getProfile", access, "actor=alice.bsky.social");
    assertEquals(1, profile.json().get("postsCount").asInt());
    assertEquals(
        did,
        get("com.atproto.identity.resolveHandle", null, "handle=alice.bsky.social")
            .json()
            .get("did")
            .asText());
    assertEquals(
        "HandleNotFound",
        get("com.atproto.identity.resolveHandle", null, "handle=nobody.bsky.social").error());
  }

  @Test
  public void recordsAreValidatedAgainstTheLexicon() throws Exception {
    assertInvalid(
        create(post("字".repeat(301)), null), "Record/text must not be longer than 300 graphemes");
    assertInvalid(
        create(post("👨‍👩‍👧‍👦".repeat(121)), null),
        "Record/text must not be longer than 3000 characters");
    ObjectNode noDate = post("x");
    noDate.remove("createdAt");
    assertInvalid(create(noDate, null), "Record must have the property \"createdAt\"");
    assertInvalid(
        create((ObjectNode) post("x").put("createdAt", "2026-11-24 12:00:00"), null),
        "Record/createdAt must be an valid atproto datetime");
    assertInvalid(
        create((ObjectNode) post("x").put("createdAt", "2026-02-30T12:00:00Z"), null), "datetime");
    ObjectNode langs = post("x");
    langs.putArray("langs").add("en").add("zh").add("ja").add("ko");
    assertInvalid(create(langs, null), "Record/langs must not have more than 3 elements");
    ObjectNode oldFacet = post("hello");
    ObjectNode facet = oldFacet.putArray("facets").addObject();
    facet.putObject("index").put("start", 0).put("end", 5);
    facet
        .putArray("features")
        .addObject()
        .put("$type", "app.bsky.richtext.facet#link")
        .put("uri", "https://x.example");
    assertInvalid(
        create(oldFacet, null), "Record/facets/0/index must have the property \"byteStart\"");
    ObjectNode badDid = post("hi");
    ObjectNode mention = badDid.putArray("facets").addObject();
    mention.putObject("index").put("byteStart", 0).put("byteEnd", 2);
    mention
        .putArray("features")
        .addObject()
        .put("$type", "app.bsky.richtext.facet#mention")
        .put("did", "bob.bsky.social");
    assertInvalid(create(badDid, null), "must be a valid did");
    ObjectNode reply = post("x");
    reply
        .putObject("reply")
        .putObject("root")
        .put("uri", "https://bsky.app/x")
        .put("cid", "bafyreixyz123");
    assertInvalid(create(reply, null), "Record/reply");
    assertInvalid(create(post("x"), "not-a-tid"), "Invalid record key for app.bsky.feed.post");
    assertInvalid(
        create((ObjectNode) post("x").put("$type", "app.bsky.feed.like"), null), "Invalid $type");
    ObjectNode unknownFeature = post("x");
    ObjectNode f = unknownFeature.putArray("facets").addObject();
    f.putObject("index").put("byteStart", 0).put("byteEnd", 1);
    f.putArray("features").addObject().put("$type", "com.example.facet#sparkle");
    assertEquals(200, create(unknownFeature, null).status()); // the union is open
    assertTrue(bluesky.records(did).size() == 1);
  }

  @Test
  public void aTakenKeyIsABare500AndDeletingIsIdempotent() throws Exception {
    assertEquals(200, create(post("one"), "3kh3ojj4hdpjj").status());
    Answer again = create(post("two"), "3kh3ojj4hdpjj");
    assertEquals(500, again.status());
    assertEquals("InternalServerError", again.error());
    String delete =
        "{\"repo\":\""
            + did
            + "\",\"collection\":\"app.bsky.feed.post\",\"rkey\":\"3kh3ojj4hdpjj\"}";
    Answer deleted = post("com.atproto.repo.deleteRecord", access, delete);
    assertEquals(200, deleted.status());
    assertTrue(deleted.json().has("commit"));
    Answer noop = post("com.atproto.repo.deleteRecord", access, delete);
    assertEquals(200, noop.status());
    assertFalse(noop.json().has("commit"));
    Answer missing =
        get(
            "com.atproto.repo.getRecord",
            null,
            "repo=" + q(did) + "&collection=app.bsky.feed.post&rkey=3kh3ojj4hdpjj");
    assertEquals(400, missing.status());
    assertEquals("RecordNotFound", missing.error());
    assertEquals(200, create(post("three"), "3kh3ojj4hdpjj").status()); // the key is free again
  }

  @Test
  public void onlyTheOwnRepositoryIsWritten() throws Exception {
    String bob = bluesky.addAccount("bob.bsky.social", null, "pw");
    ObjectNode body = JSON.createObjectNode();
    body.put("repo", bob);
    body.put("collection", "app.bsky.feed.post");
    body.set("record", post("not mine"));
    Answer a = post("com.atproto.repo.createRecord", access, body.toString());
    assertEquals(401, a.status());
    assertEquals("AuthenticationRequired", a.error());
  }

  @Test
  public void blobsAreSniffedAndMustMatchTheirReference() throws Exception {
    HttpRequest upload =
        HttpRequest.newBuilder(
                URI.create(bluesky.serviceUrl() + "/xrpc/com.atproto.repo.uploadBlob"))
            .header("Authorization", "Bearer " + access)
            .header("Content-Type", "image/jpeg")
            .POST(HttpRequest.BodyPublishers.ofByteArray(PNG))
            .build();
    Answer uploaded = checked("com.atproto.repo.uploadBlob", send(upload));
    JsonNode blob = uploaded.json().get("blob");
    assertEquals("image/png", blob.get("mimeType").asText()); // the bytes win over the header
    assertEquals(PNG.length, blob.get("size").asInt());
    assertTrue(blob.get("ref").get("$link").asText().startsWith("bafkrei"));

    ObjectNode record = post("pic");
    ObjectNode embed = record.putObject("embed");
    embed.put("$type", "app.bsky.embed.images");
    ObjectNode image = embed.putArray("images").addObject();
    image.put("alt", "");
    image.set("image", blob);
    assertEquals(200, create(record, null).status());

    ((ObjectNode) image.get("image")).put("mimeType", "image/jpeg");
    assertEquals("InvalidMimeType", create(record, null).error());
    ((ObjectNode) image.get("image")).put("mimeType", "image/png");
    ((ObjectNode) image.get("image").get("ref"))
        .put("$link", "bafkreiaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    assertEquals("BlobNotFound", create(record, null).error());
    ObjectNode noAlt = post("pic");
    noAlt
        .putObject("embed")
        .put("$type", "app.bsky.embed.images")
        .putArray("images")
        .addObject()
        .set("image", blob);
    assertInvalid(create(noAlt, null), "Record/embed/images/0 must have the property \"alt\"");
  }

  @Test
  public void methodsAndFaultsInTheXrpcFormat() throws Exception {
    Answer unknown = get("app.bsky.feed.getTimeline", access, null);
    assertEquals(501, unknown.status());
    assertEquals("MethodNotImplemented", unknown.error());
    assertInvalid(
        get("com.atproto.repo.createRecord", access, null),
        "Incorrect HTTP method (GET) expected POST");
    assertInvalid(
        get("app.bsky.feed.getPostThread", access, "depth=2"),
        "Params must have the property \"uri\"");
    assertInvalid(
        get(
            "app.bsky.feed.getPostThread",
            access,
            "uri=" + q("at://" + did + "/app.bsky.feed.post/x") + "&depth=-1"),
        "Params/depth can not be less than 0");

    bluesky.inject(did, Fault.rateLimited(60), 1);
    Answer limited = get("com.atproto.server.getSession", access, null);
    assertEquals(429, limited.status());
    assertEquals("RateLimitExceeded", limited.error());
    assertEquals(
        "3000;w=300", limited.response().headers().firstValue("ratelimit-policy").orElseThrow());
    bluesky.inject(did, Fault.error(400, "AccountDeactivated: Account is deactivated"), 1);
    Answer custom = get("com.atproto.server.getSession", access, null);
    assertEquals("AccountDeactivated", custom.error());
    assertEquals("Account is deactivated", custom.message());
    bluesky.inject(did, Fault.serverError(502), 1);
    Answer gateway = get("com.atproto.server.getSession", access, null);
    assertEquals(502, gateway.status());
    assertNull(gateway.json());
    assertEquals(200, get("com.atproto.server.getSession", access, null).status());
  }

  @Test
  public void theSameAccountsAnswerAtANamedPds() throws Exception {
    URI pds = bluesky.pdsUrl("pds1.sandbox");
    bluesky.setPdsEndpoint(did, pds);
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(pds + "/xrpc/com.atproto.server.getSession"))
            .header("Authorization", "Bearer " + access)
            .GET()
            .build();
    Answer a = checked("com.atproto.server.getSession", send(r));
    assertEquals(200, a.status());
    assertEquals(
        pds.toString(),
        a.json().get("didDoc").get("service").get(0).get("serviceEndpoint").asText());
    XrpcCall last = bluesky.calls().get(bluesky.calls().size() - 1);
    assertEquals("pds1.sandbox", last.pds());
    assertEquals(did, last.did());
  }

  // ---- the validator itself ----

  @Test
  public void stringFormatsFollowTheAtprotoSyntax() {
    assertTrue(Lexicons.hasFormat("datetime", "2026-11-24T12:00:00.123Z"));
    assertTrue(Lexicons.hasFormat("datetime", "2026-11-24T12:00:00+08:00"));
    assertFalse(Lexicons.hasFormat("datetime", "2026-11-24T12:00:00"));
    assertFalse(Lexicons.hasFormat("datetime", "2026-11-24T12:00:00-00:00"));
    assertFalse(Lexicons.hasFormat("datetime", "2026-02-29T12:00:00Z"));
    assertTrue(Lexicons.hasFormat("did", "did:plc:z72i7hdynmk6r22z27h6tvur"));
    assertFalse(Lexicons.hasFormat("did", "did:PLC:abc"));
    assertTrue(Lexicons.hasFormat("handle", "alice.bsky.social"));
    assertFalse(Lexicons.hasFormat("handle", "alice"));
    assertFalse(Lexicons.hasFormat("handle", "alice.123"));
    assertTrue(Lexicons.hasFormat("at-uri", "at://did:plc:abc/app.bsky.feed.post/3kh3ojj4hdpjj"));
    assertFalse(Lexicons.hasFormat("at-uri", "https://bsky.app/profile/x"));
    assertTrue(Lexicons.hasFormat("tid", "3kh3ojj4hdpjj"));
    assertFalse(Lexicons.hasFormat("tid", "kkh3ojj4hdpjj"));
    assertTrue(Lexicons.hasFormat("language", "zh-Hans-CN"));
    assertTrue(Lexicons.hasFormat("language", "en"));
    assertFalse(Lexicons.hasFormat("language", "english language"));
    assertTrue(Lexicons.hasFormat("uri", "https://example.com/a?b=1"));
    assertFalse(Lexicons.hasFormat("uri", "not a uri"));
    assertTrue(Lexicons.isValidRecordKey("app.bsky.feed.post", "3kh3ojj4hdpjj"));
    assertFalse(Lexicons.isValidRecordKey("app.bsky.feed.post", "self"));
  }

  @Test
  public void recordsNeedTheirTypeAndKnownCollections() {
    JsonNode ok =
        JSON.createObjectNode()
            .put("$type", "app.bsky.feed.post")
            .put("text", "")
            .put("createdAt", "2026-11-24T12:00:00Z");
    assertEquals(List.of(), Lexicons.validateRecord("app.bsky.feed.post", ok));
    assertEquals(
        List.of("Unknown lexicon type: com.example.thing"),
        Lexicons.validateRecord("com.example.thing", ok));
    JsonNode untyped =
        JSON.createObjectNode().put("text", "").put("createdAt", "2026-11-24T12:00:00Z");
    assertFalse(Lexicons.validateRecord("app.bsky.feed.post", untyped).isEmpty());
    JsonNode params =
        Lexicons.typedParams(
            "app.bsky.feed.getPosts",
            Map.of("uris", List.of("at://did:plc:abc/app.bsky.feed.post/3kh3ojj4hdpjj")));
    assertTrue(params.get("uris").isArray());
    assertEquals(List.of(), Lexicons.validateParams("app.bsky.feed.getPosts", params));
    assertNotNull(
        Lexicons.validateParams("app.bsky.feed.getPosts", JSON.createObjectNode()).get(0));
  }
}
