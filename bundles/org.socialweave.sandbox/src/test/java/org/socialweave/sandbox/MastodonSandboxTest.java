package org.socialweave.sandbox;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.connector.support.MultipartBody;

public class MastodonSandboxTest {

  private static final String TOKEN = "mastodon-sandbox-token-AbCdEf0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Sandbox sandbox;
  private MastodonSandbox mastodon;
  private URI base;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Before
  public void start() throws IOException {
    sandbox = Sandbox.start(0);
    mastodon = sandbox.mastodon();
    base = mastodon.addInstance("social.example");
    mastodon.addAccount("social.example", TOKEN, "alice");
  }

  @After
  public void stop() {
    sandbox.close();
  }

  private HttpResponse<String> call(
      String method, String path, String token, String key, String type, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (key != null) {
      b.header("Idempotency-Key", key);
    }
    if (type != null) {
      b.header("Content-Type", type);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> postForm(String key, String form) throws Exception {
    return call("POST", "/api/v1/statuses", TOKEN, key, "application/x-www-form-urlencoded", form);
  }

  private HttpResponse<String> upload(String token, MultipartBody body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/v2/media"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", body.contentType())
            .POST(body.publisher())
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static MultipartBody image(String type, int size) {
    return new MultipartBody().file("file", "picture", type, new byte[size]);
  }

  private String uploadedId(MultipartBody body) throws Exception {
    HttpResponse<String> r = upload(TOKEN, body);
    assertTrue(r.body(), r.statusCode() == 200 || r.statusCode() == 202);
    return JSON.readTree(r.body()).get("id").asText();
  }

  private HttpResponse<String> getMedia(String token, String id) throws Exception {
    return call("GET", "/api/v1/media/" + id, token, null, null, null);
  }

  private static String error(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body()).get("error").asText();
  }

  @Test
  public void instanceBaseUrlKeepsMastodonPathsRelative() {
    assertEquals(URI.create(sandbox.baseUrl() + "/mastodon/social.example"), base);
    assertEquals(base, mastodon.instanceUrl("social.example"));
  }

  @Test
  public void postsAFormStatusAndAnswersAStatusEntity() throws Exception {
    HttpResponse<String> r = postForm(null, "status=Hello+%3Cworld%3E&visibility=unlisted");
    assertEquals(r.body(), 200, r.statusCode());
    JsonNode status = JSON.readTree(r.body());
    String id = status.get("id").asText();
    assertTrue(status.get("id").isTextual());
    assertEquals("https://social.example/@alice/" + id, status.get("url").asText());
    assertEquals("https://social.example/users/alice/statuses/" + id, status.get("uri").asText());
    assertEquals("<p>Hello &lt;world&gt;</p>", status.get("content").asText());
    Instant.parse(status.get("created_at").asText());
    List<MastodonStatus> stored = mastodon.statuses(TOKEN);
    assertEquals(1, stored.size());
    assertEquals("unlisted", stored.get(0).visibility());
    assertFalse(stored.get(0).toString().contains(TOKEN));
  }

  @Test
  public void postsAJsonStatusAndRepliesToIt() throws Exception {
    HttpResponse<String> first =
        call("POST", "/api/v1/statuses", TOKEN, null, "application/json", "{\"status\":\"one\"}");
    String id = JSON.readTree(first.body()).get("id").asText();
    HttpResponse<String> reply =
        call(
            "POST",
            "/api/v1/statuses",
            TOKEN,
            null,
            "application/json",
            "{\"status\":\"two\",\"in_reply_to_id\":\"" + id + "\"}");
    assertEquals(200, reply.statusCode());
    assertEquals(id, JSON.readTree(reply.body()).get("in_reply_to_id").asText());
  }

  @Test
  public void sameIdempotencyKeyWithinAnHourReturnsTheSameStatus() throws Exception {
    String a = JSON.readTree(postForm("k-1", "status=once").body()).get("id").asText();
    String b = JSON.readTree(postForm("k-1", "status=once").body()).get("id").asText();
    assertEquals(a, b);
    assertEquals(1, mastodon.statuses(TOKEN).size());
    String c = JSON.readTree(postForm("k-2", "status=once").body()).get("id").asText();
    assertNotEquals(a, c);
    mastodon.advanceClock(Duration.ofMinutes(61));
    String d = JSON.readTree(postForm("k-1", "status=once").body()).get("id").asText();
    assertNotEquals(a, d);
    assertEquals(3, mastodon.statuses(TOKEN).size());
  }

  @Test
  public void getAndDeleteStatus() throws Exception {
    String id = JSON.readTree(postForm(null, "status=bye").body()).get("id").asText();
    assertEquals(200, call("GET", "/api/v1/statuses/" + id, TOKEN, null, null, null).statusCode());
    HttpResponse<String> deleted =
        call("DELETE", "/api/v1/statuses/" + id, TOKEN, null, null, null);
    assertEquals(200, deleted.statusCode());
    assertEquals("bye", JSON.readTree(deleted.body()).get("text").asText());
    HttpResponse<String> gone = call("GET", "/api/v1/statuses/" + id, TOKEN, null, null, null);
    assertEquals(404, gone.statusCode());
    assertEquals("Record not found", JSON.readTree(gone.body()).get("error").asText());
    assertEquals(
        404, call("DELETE", "/api/v1/statuses/" + id, TOKEN, null, null, null).statusCode());
    assertTrue(mastodon.statuses(TOKEN).get(0).deleted());
  }

  @Test
  public void verifyCredentialsAndInvalidToken() throws Exception {
    HttpResponse<String> me =
        call("GET", "/api/v1/accounts/verify_credentials", TOKEN, null, null, null);
    assertEquals(200, me.statusCode());
    assertEquals("alice", JSON.readTree(me.body()).get("acct").asText());
    HttpResponse<String> bad =
        call("GET", "/api/v1/accounts/verify_credentials", "nope", null, null, null);
    assertEquals(401, bad.statusCode());
    assertEquals("The access token is invalid", JSON.readTree(bad.body()).get("error").asText());
    mastodon.revoke(TOKEN);
    assertEquals(401, postForm(null, "status=x").statusCode());
  }

  @Test
  public void tooLongTextIs422() throws Exception {
    HttpResponse<String> r = postForm(null, "status=" + "a".repeat(501));
    assertEquals(422, r.statusCode());
    assertEquals(
        "Validation failed: Text character limit of 500 exceeded",
        JSON.readTree(r.body()).get("error").asText());
    // a URL counts 23, however long
    String url = "https://example.com/" + "p".repeat(100);
    assertEquals(200, postForm(null, "status=" + "a".repeat(470) + "+" + url).statusCode());
  }

  @Test
  public void rateLimitCarriesIsoResetHeaders() throws Exception {
    mastodon.inject(TOKEN, Fault.rateLimited(120), 1);
    HttpResponse<String> r = postForm(null, "status=x");
    assertEquals(429, r.statusCode());
    assertEquals("0", r.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
    assertEquals("300", r.headers().firstValue("X-RateLimit-Limit").orElseThrow());
    Instant reset = Instant.parse(r.headers().firstValue("X-RateLimit-Reset").orElseThrow());
    assertTrue(reset.isAfter(Instant.now().plusSeconds(100)));
    assertEquals("Too many requests", JSON.readTree(r.body()).get("error").asText());
    assertTrue(mastodon.statuses(TOKEN).isEmpty());
  }

  @Test
  public void serverErrorsAndAcceptThenDrop() throws Exception {
    mastodon.inject(TOKEN, Fault.serverError(503), 1);
    assertEquals(503, postForm(null, "status=x").statusCode());
    mastodon.inject(TOKEN, Fault.acceptThenDrop(), 1);
    try {
      postForm("drop-1", "status=x");
      fail("expected the connection to drop");
    } catch (IOException expected) {
      // the status was stored, the answer never came
    }
    assertEquals(1, mastodon.statuses(TOKEN).size());
    assertEquals(2, mastodon.requestCount(TOKEN));
  }

  // ---- media ----

  @Test
  public void uploadProcessedAtOnceAttachesToAStatusWithoutText() throws Exception {
    HttpResponse<String> r =
        upload(TOKEN, image("image/png", 1234).text("description", "a red square"));
    assertEquals(r.body(), 200, r.statusCode());
    JsonNode media = JSON.readTree(r.body());
    String id = media.get("id").asText();
    assertTrue(media.get("url").asText().startsWith("https://social.example/"));
    assertEquals("a red square", media.get("description").asText());

    HttpResponse<String> status = postForm("k-1", "media_ids[]=" + id);
    assertEquals(status.body(), 200, status.statusCode());
    JsonNode attachment = JSON.readTree(status.body()).get("media_attachments").get(0);
    assertEquals(id, attachment.get("id").asText());
    assertEquals("a red square", attachment.get("description").asText());
    MastodonStatus stored = mastodon.statuses(TOKEN).get(0);
    assertEquals("", stored.text());
    assertEquals(
        List.of(new MastodonMedia(id, "image/png", 1234, "a red square")), stored.attachments());
    assertEquals(stored.attachments(), mastodon.media(TOKEN));
  }

  @Test
  public void processingUploadAnswers202ThenPolls206UntilReady() throws Exception {
    mastodon.mediaProcessingPolls(2);
    HttpResponse<String> r = upload(TOKEN, image("image/jpeg", 10));
    assertEquals(202, r.statusCode());
    String id = JSON.readTree(r.body()).get("id").asText();
    assertTrue(JSON.readTree(r.body()).get("url").isNull());

    HttpResponse<String> early = postForm(null, "status=x&media_ids[]=" + id);
    assertEquals(422, early.statusCode());
    assertEquals(
        "Cannot attach files that have not finished processing. Try again in a moment!",
        error(early));
    assertEquals(206, getMedia(TOKEN, id).statusCode());
    assertEquals(206, getMedia(TOKEN, id).statusCode());
    HttpResponse<String> ready = getMedia(TOKEN, id);
    assertEquals(200, ready.statusCode());
    assertTrue(JSON.readTree(ready.body()).get("url").isTextual());
    assertEquals(200, postForm(null, "status=x&media_ids[]=" + id).statusCode());
    assertEquals(404, getMedia(TOKEN, id).statusCode()); // attached: no longer pending
  }

  @Test
  public void unknownForeignOrAttachedMediaAre422() throws Exception {
    mastodon.addAccount("social.example", "bob-token", "bob");
    HttpResponse<String> bobs = upload("bob-token", image("image/png", 5));
    String foreign = JSON.readTree(bobs.body()).get("id").asText();
    assertEquals(404, getMedia(TOKEN, foreign).statusCode());
    assertEquals(401, getMedia(null, foreign).statusCode());
    String mine = uploadedId(image("image/png", 5));

    HttpResponse<String> r =
        postForm(null, "status=x&media_ids[]=" + mine + "&media_ids[]=" + foreign);
    assertEquals(422, r.statusCode());
    assertEquals("Media " + foreign + " not found or already attached to another post", error(r));
    assertEquals(422, postForm(null, "status=x&media_ids[]=999").statusCode());
    assertEquals(200, postForm(null, "status=x&media_ids[]=" + mine).statusCode());
    assertEquals(422, postForm(null, "status=y&media_ids[]=" + mine).statusCode());
    assertEquals(1, mastodon.statuses(TOKEN).size());
  }

  @Test
  public void invalidUploadsAre422() throws Exception {
    HttpResponse<String> pdf = upload(TOKEN, image("application/pdf", 5));
    assertEquals(422, pdf.statusCode());
    assertEquals("Validation failed: File content type is invalid, File is invalid", error(pdf));
    HttpResponse<String> big =
        upload(TOKEN, image("image/png", (int) MastodonSandbox.IMAGE_SIZE_LIMIT + 1));
    assertEquals(422, big.statusCode());
    HttpResponse<String> alt =
        upload(TOKEN, image("image/png", 5).text("description", "é".repeat(1501)));
    assertEquals(422, alt.statusCode());
    assertEquals(
        "Validation failed: Description is too long (maximum is 1500 characters)", error(alt));
    assertEquals(
        200,
        upload(TOKEN, image("image/png", 5).text("description", "é".repeat(1500))).statusCode());
    HttpResponse<String> noFile = upload(TOKEN, new MultipartBody().text("description", "x"));
    assertEquals(422, noFile.statusCode());
    assertEquals(401, upload("nope", image("image/png", 5)).statusCode());
    assertEquals(1, mastodon.media(TOKEN).size());
  }

  @Test
  public void contextListsTheThreadAboveAndBelowAStatus() throws Exception {
    String root = JSON.readTree(postForm(null, "status=root").body()).get("id").asText();
    String bob = mastodon.addReply("social.example", root, "bob", "first <3");
    String own =
        JSON.readTree(postForm(null, "status=thanks&in_reply_to_id=" + bob).body())
            .get("id")
            .asText();
    String carol = mastodon.addReply("social.example", own, "carol", "deep");
    String dave = mastodon.addReply("social.example", root, "dave", "also");
    String oops =
        JSON.readTree(postForm(null, "status=oops&in_reply_to_id=" + root).body())
            .get("id")
            .asText();
    assertEquals(
        200, call("DELETE", "/api/v1/statuses/" + oops, TOKEN, null, null, null).statusCode());

    JsonNode context =
        JSON.readTree(
            call("GET", "/api/v1/statuses/" + root + "/context", TOKEN, null, null, null).body());
    assertEquals(0, context.get("ancestors").size());
    JsonNode down = context.get("descendants");
    assertEquals(4, down.size());
    assertEquals(List.of(bob, own, carol, dave), ids(down));
    assertEquals("bob", down.get(0).get("account").get("acct").asText());
    assertEquals("<p>first &lt;3</p>", down.get(0).get("content").asText());
    assertEquals(root, down.get(0).get("in_reply_to_id").asText());
    assertNotEquals(
        down.get(0).get("account").get("id").asText(),
        down.get(1).get("account").get("id").asText());

    JsonNode deep =
        JSON.readTree(
            call("GET", "/api/v1/statuses/" + carol + "/context", TOKEN, null, null, null).body());
    assertEquals(List.of(root, bob, own), ids(deep.get("ancestors")));
    assertEquals(0, deep.get("descendants").size());
    assertEquals(
        404, call("GET", "/api/v1/statuses/1/context", TOKEN, null, null, null).statusCode());
    assertEquals(3, mastodon.statuses(TOKEN).size()); // another account's replies are not alice's
  }

  @Test
  public void conversationsArePagedByLastStatusWithALinkHeader() throws Exception {
    String first = mastodon.addDirectMessage(TOKEN, "bob", "hi");
    String second = mastodon.addDirectMessage(TOKEN, "carol", "hello");
    String third = mastodon.addDirectMessage(TOKEN, "dave", "hey");
    HttpResponse<String> reply =
        postForm(null, "status=%40bob+back&visibility=direct&in_reply_to_id=" + first);
    String answer = JSON.readTree(reply.body()).get("id").asText();

    HttpResponse<String> page1 =
        call("GET", "/api/v1/conversations?limit=2", TOKEN, null, null, null);
    assertEquals(page1.body(), 200, page1.statusCode());
    JsonNode items = JSON.readTree(page1.body());
    assertEquals(2, items.size());
    assertEquals(answer, items.get(0).get("last_status").get("id").asText());
    assertEquals("bob", items.get(0).get("accounts").get(0).get("acct").asText());
    assertEquals(third, items.get(1).get("last_status").get("id").asText());
    assertEquals(
        "<" + base + "/api/v1/conversations?limit=2&max_id=" + third + ">; rel=\"next\"",
        page1.headers().firstValue("Link").orElseThrow());

    HttpResponse<String> page2 =
        call("GET", "/api/v1/conversations?limit=2&max_id=" + third, TOKEN, null, null, null);
    JsonNode rest = JSON.readTree(page2.body());
    assertEquals(1, rest.size());
    assertEquals(second, rest.get(0).get("last_status").get("id").asText());
    assertEquals("direct", rest.get(0).get("last_status").get("visibility").asText());
    assertFalse(page2.headers().firstValue("Link").isPresent());

    mastodon.addAccount("social.example", "other-token", "zed");
    assertEquals(
        "[]", call("GET", "/api/v1/conversations", "other-token", null, null, null).body());
    assertEquals(401, call("GET", "/api/v1/conversations", null, null, null, null).statusCode());
  }

  private static List<String> ids(JsonNode statuses) {
    List<String> ids = new java.util.ArrayList<>();
    statuses.forEach(s -> ids.add(s.get("id").asText()));
    return ids;
  }
}
