package org.socialweave.sandbox;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class XSandboxTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLIENT = "sandbox-client";
  private static final String REDIRECT = "https://app.example/api/v1/oauth/x/callback";
  private static final String VERIFIER = "v".repeat(43) + "-verifier._~";
  private static final String SCOPES =
      "tweet.read tweet.write users.read offline.access media.write";

  private Sandbox sandbox;
  private XSandbox x;
  private String aliceId;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Before
  public void start() throws IOException {
    sandbox = Sandbox.start(0);
    x = sandbox.x();
    x.addClient(CLIENT, null, REDIRECT);
    aliceId = x.addUser("alice");
  }

  @After
  public void stop() {
    sandbox.close();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> api(String method, String path, String token, String json)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(x.apiBaseUrl() + path))
            .header("Authorization", "Bearer " + token);
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    return send(
        b.method(
            method,
            json == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)));
  }

  private HttpResponse<String> token(String form, String basic) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(x.apiBaseUrl() + "/2/oauth2/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (basic != null) {
      b.header("Authorization", "Basic " + basic);
    }
    return send(b);
  }

  private static String challenge(String verifier) throws Exception {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(
            MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
  }

  private String authorize(String clientId) throws Exception {
    x.consentAs("alice");
    String url =
        x.authorizeUrl()
            + "?response_type=code&client_id="
            + clientId
            + "&redirect_uri="
            + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
            + "&scope="
            + URLEncoder.encode(SCOPES, StandardCharsets.UTF_8).replace("+", "%20")
            + "&state=st-1&code_challenge="
            + challenge(VERIFIER)
            + "&code_challenge_method=S256";
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url)).GET());
    assertEquals(302, r.statusCode());
    String location = r.headers().firstValue("Location").orElseThrow();
    assertTrue(location, location.startsWith(REDIRECT + "?state=st-1&code="));
    Matcher m = Pattern.compile("code=([^&]+)").matcher(location);
    assertTrue(m.find());
    return m.group(1);
  }

  private static String exchange(String code, String verifier, String clientId) {
    return "grant_type=authorization_code&code="
        + code
        + "&redirect_uri="
        + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
        + "&code_verifier="
        + verifier
        + (clientId == null ? "" : "&client_id=" + clientId);
  }

  @Test
  public void pkceCodeIsCheckedAndUsableOnce() throws Exception {
    String code = authorize(CLIENT);
    HttpResponse<String> wrong = token(exchange(code, "w".repeat(43), CLIENT), null);
    assertEquals(400, wrong.statusCode());
    assertEquals("invalid_request", JSON.readTree(wrong.body()).path("error").asText());
    assertEquals(
        "Value passed for the token was invalid.",
        JSON.readTree(wrong.body()).path("error_description").asText());
    // the failed attempt consumed the code
    assertEquals(400, token(exchange(code, VERIFIER, CLIENT), null).statusCode());

    String fresh = authorize(CLIENT);
    HttpResponse<String> ok = token(exchange(fresh, VERIFIER, CLIENT), null);
    assertEquals(200, ok.statusCode());
    JsonNode tokens = JSON.readTree(ok.body());
    assertEquals("bearer", tokens.path("token_type").asText());
    assertEquals(7200, tokens.path("expires_in").asInt());
    assertEquals(SCOPES, tokens.path("scope").asText());
    assertTrue(tokens.path("refresh_token").isTextual());
    assertEquals(400, token(exchange(fresh, VERIFIER, CLIENT), null).statusCode());
  }

  @Test
  public void codesExpireAfterThirtySeconds() throws Exception {
    String code = authorize(CLIENT);
    x.advanceClock(Duration.ofSeconds(31));
    assertEquals(400, token(exchange(code, VERIFIER, CLIENT), null).statusCode());
  }

  @Test
  public void confidentialClientMustUseBasicAuth() throws Exception {
    x.addClient("conf", "s3cret", REDIRECT);
    String code = authorize("conf");
    HttpResponse<String> noBasic = token(exchange(code, VERIFIER, "conf"), null);
    assertEquals(401, noBasic.statusCode());
    assertEquals("unauthorized_client", JSON.readTree(noBasic.body()).path("error").asText());
    String basic =
        Base64.getEncoder().encodeToString("conf:s3cret".getBytes(StandardCharsets.UTF_8));
    String again = authorize("conf");
    assertEquals(200, token(exchange(again, VERIFIER, null), basic).statusCode());
  }

  @Test
  public void refreshRotatesAndRejectsTheUsedToken() throws Exception {
    XSandbox.Tokens first = x.issueTokens("alice", CLIENT, SCOPES);
    String form = "grant_type=refresh_token&client_id=" + CLIENT + "&refresh_token=";
    HttpResponse<String> r = token(form + first.refreshToken(), null);
    assertEquals(200, r.statusCode());
    JsonNode second = JSON.readTree(r.body());
    assertNotEquals(first.refreshToken(), second.path("refresh_token").asText());
    HttpResponse<String> reused = token(form + first.refreshToken(), null);
    assertEquals(400, reused.statusCode());
    assertEquals("invalid_request", JSON.readTree(reused.body()).path("error").asText());
    assertEquals(401, api("GET", "/2/users/me", first.accessToken(), null).statusCode());
    String newAccess = second.path("access_token").asText();
    assertEquals(200, api("GET", "/2/users/me", newAccess, null).statusCode());
    assertEquals(200, token(form + second.path("refresh_token").asText(), null).statusCode());
  }

  @Test
  public void accessTokensExpireAfterTwoHours() throws Exception {
    XSandbox.Tokens t = x.issueTokens("alice", CLIENT, SCOPES);
    x.advanceClock(Duration.ofHours(2));
    HttpResponse<String> r = api("GET", "/2/users/me", t.accessToken(), null);
    assertEquals(401, r.statusCode());
    JsonNode problem = JSON.readTree(r.body());
    assertEquals("Unauthorized", problem.path("title").asText());
    assertEquals(401, problem.path("status").asInt());
  }

  @Test
  public void createLookupDeleteAndDuplicate() throws Exception {
    String token = x.issueTokens("alice", CLIENT, SCOPES).accessToken();
    HttpResponse<String> created =
        api("POST", "/2/tweets", token, "{\"text\":\"Tom & Jerry https://example.com/a\"}");
    assertEquals(201, created.statusCode());
    assertTrue(created.headers().firstValue("x-rate-limit-reset").isPresent());
    JsonNode data = JSON.readTree(created.body()).path("data");
    String id = data.path("id").asText();
    assertTrue(
        data.path("text").asText(),
        data.path("text").asText().startsWith("Tom &amp; Jerry https://t.co/"));
    assertEquals(id, data.path("edit_history_tweet_ids").path(0).asText());

    HttpResponse<String> duplicate =
        api("POST", "/2/tweets", token, "{\"text\":\"Tom & Jerry https://example.com/a\"}");
    assertEquals(403, duplicate.statusCode());
    assertEquals(
        "You are not allowed to create a Tweet with duplicate content.",
        JSON.readTree(duplicate.body()).path("detail").asText());

    JsonNode found =
        JSON.readTree(
            api("GET", "/2/tweets/" + id + "?tweet.fields=created_at", token, null).body());
    assertTrue(found.path("data").path("created_at").isTextual());

    assertEquals(
        "{\"data\":{\"deleted\":true}}", api("DELETE", "/2/tweets/" + id, token, null).body());
    assertEquals(404, api("DELETE", "/2/tweets/" + id, token, null).statusCode());
    JsonNode gone = JSON.readTree(api("GET", "/2/tweets/" + id, token, null).body());
    assertTrue(gone.path("data").isMissingNode());
    assertEquals(
        "https://api.twitter.com/2/problems/resource-not-found",
        gone.path("errors").path(0).path("type").asText());
    assertTrue(x.posts(aliceId).get(0).deleted());
  }

  @Test
  public void unknownFieldsAndLongTextAreRefused() throws Exception {
    String token = x.issueTokens("alice", CLIENT, SCOPES).accessToken();
    HttpResponse<String> unknown = api("POST", "/2/tweets", token, "{\"status\":\"hi\"}");
    assertEquals(400, unknown.statusCode());
    assertEquals(
        "https://api.twitter.com/2/problems/invalid-request",
        JSON.readTree(unknown.body()).path("type").asText());
    assertEquals(
        403,
        api("POST", "/2/tweets", token, "{\"text\":\"" + "好".repeat(141) + "\"}").statusCode());
    assertEquals(
        201,
        api("POST", "/2/tweets", token, "{\"text\":\"" + "好".repeat(140) + "\"}").statusCode());
  }

  @Test
  public void missingScopeIsForbidden() throws Exception {
    String token = x.issueTokens("alice", CLIENT, "tweet.read users.read").accessToken();
    assertEquals(403, api("POST", "/2/tweets", token, "{\"text\":\"hi\"}").statusCode());
    assertTrue(x.posts(aliceId).isEmpty());
  }

  @Test
  public void faultsArePlayedInXsFormat() throws Exception {
    String token = x.issueTokens("alice", CLIENT, SCOPES).accessToken();
    x.inject(token, Fault.rateLimited(60), 1);
    HttpResponse<String> limited = api("POST", "/2/tweets", token, "{\"text\":\"a\"}");
    assertEquals(429, limited.statusCode());
    long reset = Long.parseLong(limited.headers().firstValue("x-rate-limit-reset").orElseThrow());
    assertTrue(Math.abs(reset - Instant.now().plusSeconds(60).getEpochSecond()) < 5);
    assertEquals("0", limited.headers().firstValue("x-rate-limit-remaining").orElseThrow());

    x.inject(token, Fault.serverError(503), 1);
    assertEquals(503, api("POST", "/2/tweets", token, "{\"text\":\"a\"}").statusCode());
    x.inject(token, Fault.error(403, "nope"), 1);
    assertEquals(
        "nope",
        JSON.readTree(api("GET", "/2/users/me", token, null).body()).path("detail").asText());
    x.inject(token, Fault.raw(200, "<html>"), 1);
    assertEquals("<html>", api("GET", "/2/users/me", token, null).body());
    assertTrue(x.posts(aliceId).isEmpty());

    x.inject(token, Fault.acceptThenDrop(), 1);
    try {
      api("POST", "/2/tweets", token, "{\"text\":\"dropped\"}");
      fail("the connection should have been dropped");
    } catch (IOException expected) {
      assertEquals("dropped", x.posts(aliceId).get(0).text());
    }
    x.inject(token, Fault.delay(Duration.ofMillis(300)), 1);
    long started = System.nanoTime();
    assertEquals(201, api("POST", "/2/tweets", token, "{\"text\":\"slow\"}").statusCode());
    assertTrue(System.nanoTime() - started >= Duration.ofMillis(300).toNanos());

    x.inject(CLIENT, Fault.serverError(503), 1);
    assertEquals(
        503,
        token("grant_type=refresh_token&client_id=" + CLIENT + "&refresh_token=x", null)
            .statusCode());
  }

  @Test
  public void dailyPostCapAnswers429WithTheUserLimitHeaders() throws Exception {
    String token = x.issueTokens("alice", CLIENT, SCOPES).accessToken();
    x.setDailyPostLimit(aliceId, 1);
    HttpResponse<String> ok = api("POST", "/2/tweets", token, "{\"text\":\"one\"}");
    assertEquals(201, ok.statusCode());
    assertEquals("0", ok.headers().firstValue("x-user-limit-24hour-remaining").orElseThrow());
    HttpResponse<String> capped = api("POST", "/2/tweets", token, "{\"text\":\"two\"}");
    assertEquals(429, capped.statusCode());
    assertEquals("0", capped.headers().firstValue("x-user-limit-24hour-remaining").orElseThrow());
    assertTrue(capped.headers().firstValue("x-user-limit-24hour-reset").isPresent());
  }

  @Test
  public void chunkedMediaUploadChecksTheTotal() throws Exception {
    String token = x.issueTokens("alice", CLIENT, SCOPES).accessToken();
    JsonNode init =
        JSON.readTree(
            api(
                    "POST",
                    "/2/media/upload/initialize",
                    token,
                    "{\"media_type\":\"image/png\",\"total_bytes\":5,\"media_category\":\"tweet_image\"}")
                .body());
    String id = init.path("data").path("id").asText();
    String boundary = "b0undary";
    String multipart =
        "--b0undary\r\nContent-Disposition: form-data; name=\"media\"; filename=\"c\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\nabc\r\n"
            + "--b0undary\r\nContent-Disposition: form-data; name=\"segment_index\"\r\n\r\n0\r\n"
            + "--b0undary--\r\n";
    HttpResponse<String> appended =
        send(
            HttpRequest.newBuilder(URI.create(x.apiBaseUrl() + "/2/media/upload/" + id + "/append"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart)));
    assertEquals(200, appended.statusCode());
    HttpResponse<String> early = api("POST", "/2/media/upload/" + id + "/finalize", token, null);
    assertEquals(400, early.statusCode());
    assertFalse(
        api("POST", "/2/tweets", token, "{\"media\":{\"media_ids\":[\"" + id + "\"]}}").statusCode()
            == 201);
    assertNull(x.altText(id));
  }
}
