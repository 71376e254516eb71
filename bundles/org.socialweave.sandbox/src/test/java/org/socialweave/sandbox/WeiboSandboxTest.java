package org.socialweave.sandbox;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class WeiboSandboxTest {

  private static final String APP = "3550014725";
  private static final String SECRET = "weibo-app-secret-0123456789abcdef";
  private static final String CALLBACK = "https://sw.example/api/v1/oauth/weibo/callback";
  private static final String UID = "1904178193";
  private static final String FAN = "2803301701";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter CREATED_AT =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.US);
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0};

  private Sandbox sandbox;
  private WeiboSandbox weibo;
  private String token;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Before
  public void start() throws IOException {
    sandbox = Sandbox.start(0);
    weibo = sandbox.weibo();
    weibo.addApp(APP, SECRET, "https://sw.example/", "brand.example");
    weibo.addUser(UID, "品牌官方微博");
    weibo.addUser(FAN, "小粉丝");
    token = weibo.issueToken(APP, UID);
  }

  @After
  public void stop() {
    sandbox.close();
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(weibo.baseUrl() + pathAndQuery)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, v) ->
            body.append(body.length() == 0 ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return http.send(
        HttpRequest.newBuilder(URI.create(weibo.baseUrl() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> share(String text) throws Exception {
    return post("/2/statuses/share.json", Map.of("access_token", token, "status", text));
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  private static void assertError(HttpResponse<String> r, int status, int code, String path)
      throws IOException {
    assertEquals(r.body(), status, r.statusCode());
    JsonNode body = json(r);
    assertEquals(r.body(), code, body.get("error_code").asInt());
    assertTrue(body.get("error").isTextual());
    assertEquals(path, body.get("request").asText());
  }

  private String query(String location, String name) {
    Matcher m = Pattern.compile("[?&]" + name + "=([^&]*)").matcher(location);
    return m.find() ? java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8) : null;
  }

  private String authorize(String state) throws Exception {
    HttpResponse<String> r =
        get(
            "/oauth2/authorize?client_id="
                + APP
                + "&redirect_uri="
                + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8)
                + "&response_type=code&state="
                + state);
    assertEquals(302, r.statusCode());
    String location = r.headers().firstValue("Location").orElseThrow();
    assertTrue(location, location.startsWith(CALLBACK + "?"));
    assertEquals(state, query(location, "state"));
    return query(location, "code");
  }

  private HttpResponse<String> exchange(String code, String secret, String redirectUri)
      throws Exception {
    return post(
        "/oauth2/access_token",
        Map.of(
            "client_id", APP,
            "client_secret", secret,
            "grant_type", "authorization_code",
            "code", code,
            "redirect_uri", redirectUri));
  }

  // ---- OAuth ----

  @Test
  public void authorizeRedirectsWithACodeThatBuysOneTokenWithoutRefreshToken() throws Exception {
    String code = authorize("st-1");
    HttpResponse<String> r = exchange(code, SECRET, CALLBACK);
    assertEquals(r.body(), 200, r.statusCode());
    JsonNode body = json(r);
    assertEquals(token, body.get("access_token").asText()); // the live token, renewed
    assertTrue(body.get("expires_in").isIntegralNumber());
    assertTrue(body.get("remind_in").isTextual());
    assertEquals(UID, body.get("uid").asText());
    assertTrue(body.get("uid").isTextual());
    assertFalse(body.has("refresh_token"));

    assertError(exchange(code, SECRET, CALLBACK), 400, 21325, "/oauth2/access_token");
    JsonNode reused = json(exchange(code, SECRET, CALLBACK));
    assertEquals("invalid_grant", reused.get("error").asText());
    assertTrue(reused.get("error_description").asText().startsWith("invalid authorization code"));
  }

  @Test
  public void exchangeChecksSecretRedirectUriAndCodeLifetime() throws Exception {
    assertError(exchange(authorize("a"), "wrong", CALLBACK), 400, 21324, "/oauth2/access_token");
    assertError(
        exchange(authorize("b"), SECRET, CALLBACK + "/other"), 400, 21322, "/oauth2/access_token");
    String late = authorize("c");
    weibo.advanceClock(Duration.ofMinutes(WeiboSandbox.CODE_LIFETIME_MINUTES));
    assertError(exchange(late, SECRET, CALLBACK), 400, 21325, "/oauth2/access_token");
  }

  @Test
  public void authorizeRefusesUnknownAppsForeignCallbacksAndCanBeDenied() throws Exception {
    assertError(
        get("/oauth2/authorize?client_id=nope&redirect_uri=https%3A%2F%2Fsw.example%2F"),
        400,
        21324,
        "/oauth2/authorize");
    assertError(
        get("/oauth2/authorize?client_id=" + APP + "&redirect_uri=https%3A%2F%2Fevil.example%2F"),
        400,
        21322,
        "/oauth2/authorize");
    weibo.setConsentingUser(null);
    HttpResponse<String> r =
        get(
            "/oauth2/authorize?response_type=code&state=s&client_id="
                + APP
                + "&redirect_uri="
                + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8));
    String location = r.headers().firstValue("Location").orElseThrow();
    assertEquals("access_denied", query(location, "error"));
    assertEquals("21330", query(location, "error_code"));
    assertEquals("s", query(location, "state"));
    assertNull(query(location, "code"));
  }

  @Test
  public void tokenInfoTellsUidAndRemainingLifetime() throws Exception {
    weibo.setTokenLifetime(Duration.ofDays(1));
    String fresh = weibo.issueToken(APP, FAN);
    JsonNode info = json(post("/oauth2/get_token_info", Map.of("access_token", fresh)));
    assertEquals(Long.parseLong(FAN), info.get("uid").asLong());
    assertEquals(APP, info.get("appkey").asText());
    long left = info.get("expire_in").asLong();
    assertTrue(String.valueOf(left), left > 86_390 && left <= 86_400);
    weibo.advanceClock(Duration.ofDays(1));
    assertError(
        post("/oauth2/get_token_info", Map.of("access_token", fresh)),
        401,
        21327,
        "/oauth2/get_token_info");
  }

  // ---- tokens ----

  @Test
  public void expiredRevokedAndMissingTokensAreRefused() throws Exception {
    assertEquals(200, get("/2/account/get_uid.json?access_token=" + token).statusCode());
    HttpResponse<String> header =
        http.send(
            HttpRequest.newBuilder(URI.create(weibo.baseUrl() + "/2/account/get_uid.json"))
                .header("Authorization", "OAuth2 " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(Long.parseLong(UID), json(header).get("uid").asLong());

    assertError(get("/2/account/get_uid.json"), 400, 10006, "/2/account/get_uid.json");
    weibo.advanceClock(WeiboSandbox.DEFAULT_TOKEN_LIFETIME);
    assertError(
        get("/2/account/get_uid.json?access_token=" + token),
        401,
        21327,
        "/2/account/get_uid.json");
    String other = weibo.issueToken(APP, FAN);
    weibo.revoke(other);
    assertError(
        get("/2/users/show.json?uid=" + FAN + "&access_token=" + other),
        401,
        21332,
        "/2/users/show.json");
  }

  // ---- statuses/share ----

  @Test
  public void shareAnswersAWeiboStatusWithShortenedLinks() throws Exception {
    HttpResponse<String> r = share("新品上市 https://brand.example/p/1?utm=wb 欢迎");
    assertEquals(r.body(), 200, r.statusCode());
    JsonNode status = json(r);
    String id = status.get("idstr").asText();
    assertEquals(id, status.get("mid").asText());
    assertEquals(Long.parseLong(id), status.get("id").asLong());
    assertTrue(
        status.get("text").asText(),
        status.get("text").asText().matches("新品上市 http://t\\.cn/\\w+ 欢迎"));
    ZonedDateTime created = ZonedDateTime.parse(status.get("created_at").asText(), CREATED_AT);
    assertEquals("+08:00", created.getOffset().toString());
    assertEquals(UID, status.get("user").get("idstr").asText());
    assertEquals("品牌官方微博", status.get("user").get("screen_name").asText());
    List<WeiboStatus> stored = weibo.statuses(UID);
    assertEquals(1, stored.size());
    assertEquals("新品上市 https://brand.example/p/1?utm=wb 欢迎", stored.get(0).text());
    assertEquals(created.toInstant(), stored.get(0).createdAt());
  }

  @Test
  public void shareEnforcesSecureDomainLengthTopicsAndRepeats() throws Exception {
    assertError(share("没有链接"), 400, 10017, "/2/statuses/share.json");
    assertEquals(
        "text not find domain!", json(share("https://other.example/x")).get("error").asText());
    assertEquals(200, share("子域名也可以 https://m.brand.example/x").statusCode());
    assertError(share("#话题# https://brand.example/"), 400, 10017, "/2/statuses/share.json");
    assertEquals(200, share("锚点不是话题 https://brand.example/#a #b").statusCode());

    String url = " https://brand.example/";
    int urlLength = (url.length() + 1) / 2; // 11 characters
    assertEquals(200, share("中".repeat(140 - urlLength) + url).statusCode());
    assertError(share("国".repeat(141 - urlLength) + url), 400, 20012, "/2/statuses/share.json");
    assertEquals(200, share("a".repeat(280 - url.length()) + url).statusCode());

    assertError(share("a".repeat(280 - url.length()) + url), 400, 20019, "/2/statuses/share.json");
    assertEquals(4, weibo.statuses(UID).size());
    assertError(
        post("/2/statuses/share.json", Map.of("access_token", token)),
        400,
        10016,
        "/2/statuses/share.json");
    assertError(
        get("/2/statuses/share.json?access_token=" + token), 400, 10021, "/2/statuses/share.json");
  }

  private HttpResponse<String> sharePicture(String text, String type, byte[] content)
      throws Exception {
    String boundary = "sandboxBoundary42";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (String[] field :
        new String[][] {{"access_token", token}, {"status", text}, {"rip", "211.156.0.1"}}) {
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + field[0]
                  + "\"\r\n\r\n"
                  + field[1]
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"pic\"; filename=\"pic\"\r\nContent-Type: "
                + type
                + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return http.send(
        HttpRequest.newBuilder(URI.create(weibo.baseUrl() + "/2/statuses/share.json"))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  public void shareTakesOneJpegPngOrGifUnderFiveMegabytes() throws Exception {
    HttpResponse<String> r = sharePicture("看图 https://brand.example/", "image/png", PNG);
    assertEquals(r.body(), 200, r.statusCode());
    assertTrue(json(r).get("original_pic").asText().startsWith("https://wx1.sinaimg.cn/large/"));
    WeiboStatus stored = weibo.statuses(UID).get(0);
    assertEquals("image/png", stored.picType());
    assertEquals(PNG.length, stored.picBytes());
    assertEquals("211.156.0.1", stored.rip());

    assertError(
        sharePicture(
            "文本 https://brand.example/1",
            "image/png",
            "not an image".getBytes(StandardCharsets.UTF_8)),
        400,
        20005,
        "/2/statuses/share.json");
    byte[] big = new byte[(int) WeiboSandbox.MAX_PIC_BYTES + 1];
    big[0] = (byte) 0xFF;
    big[1] = (byte) 0xD8;
    big[2] = (byte) 0xFF;
    assertError(
        sharePicture("大图 https://brand.example/2", "image/jpeg", big),
        400,
        20006,
        "/2/statuses/share.json");
  }

  // ---- limits ----

  @Test
  public void hourlyLimitsAnswer10024And10023UntilTheNextHour() throws Exception {
    weibo.setRateLimits(5, 2, 1);
    assertEquals(200, share("一 https://brand.example/").statusCode());
    assertEquals(200, share("二 https://brand.example/").statusCode());
    HttpResponse<String> third = share("三 https://brand.example/");
    assertError(third, 403, 10024, "/2/statuses/share.json");
    assertTrue(json(third).get("error").asText().contains("statuses/share"));
    assertEquals(200, get("/2/account/get_uid.json?access_token=" + token).statusCode());
    assertEquals(200, get("/2/account/get_uid.json?access_token=" + token).statusCode());
    assertError(
        get("/2/account/get_uid.json?access_token=" + token),
        403,
        10023,
        "/2/account/get_uid.json");
    weibo.advanceClock(Duration.ofHours(1));
    assertEquals(200, share("三 https://brand.example/").statusCode());
  }

  // ---- reading back ----

  @Test
  public void showCountAndCommentsReadStatusesBack() throws Exception {
    String id = json(share("可评论 https://brand.example/")).get("idstr").asText();
    assertEquals(
        id,
        json(get("/2/statuses/show.json?access_token=" + token + "&id=" + id))
            .get("idstr")
            .asText());
    assertError(
        get("/2/statuses/show.json?access_token=" + token + "&id=4000000000000000"),
        400,
        20101,
        "/2/statuses/show.json");

    weibo.setCounts(id, 7, 42);
    for (int i = 1; i <= 5; i++) {
      weibo.addComment(id, FAN, "评论" + i);
    }
    JsonNode counts =
        json(
            get(
                "/2/statuses/count.json?access_token="
                    + token
                    + "&ids="
                    + id
                    + ",4000000000000000"));
    assertEquals(1, counts.size());
    assertEquals(5, counts.get(0).get("comments").asInt());
    assertEquals(7, counts.get(0).get("reposts").asInt());
    assertEquals(42, counts.get(0).get("attitudes").asInt());

    JsonNode page1 =
        json(get("/2/comments/show.json?access_token=" + token + "&id=" + id + "&count=2"));
    assertEquals(5, page1.get("total_number").asInt());
    assertEquals("评论5", page1.get("comments").get(0).get("text").asText());
    assertEquals("评论4", page1.get("comments").get(1).get("text").asText());
    long next = page1.get("next_cursor").asLong();
    assertNotEquals(0, next);
    JsonNode page3 =
        json(
            get(
                "/2/comments/show.json?access_token="
                    + token
                    + "&id="
                    + id
                    + "&count=2&max_id="
                    + json(get(
                            "/2/comments/show.json?access_token="
                                + token
                                + "&id="
                                + id
                                + "&count=2&max_id="
                                + next))
                        .get("next_cursor")
                        .asLong()));
    assertEquals(1, page3.get("comments").size());
    assertEquals("评论1", page3.get("comments").get(0).get("text").asText());
    assertEquals(0, page3.get("next_cursor").asLong());
    assertEquals(FAN, page3.get("comments").get(0).get("user").get("idstr").asText());
    assertEquals(id, page3.get("comments").get(0).get("status").get("idstr").asText());

    JsonNode toMe = json(get("/2/comments/to_me.json?access_token=" + token));
    assertEquals(5, toMe.get("comments").size());
  }

  @Test
  public void commentsCreateAndReplyWithMention() throws Exception {
    String id = json(share("求评论 https://brand.example/")).get("idstr").asText();
    WeiboComment fan = weibo.addComment(id, FAN, "好看");
    JsonNode reply =
        json(
            post(
                "/2/comments/reply.json",
                Map.of("access_token", token, "id", id, "cid", fan.id(), "comment", "谢谢")));
    assertEquals("回复@小粉丝:谢谢", reply.get("text").asText());
    assertEquals(fan.id(), reply.get("reply_comment").get("idstr").asText());
    JsonNode plain =
        json(
            post(
                "/2/comments/reply.json",
                Map.of(
                    "access_token",
                    token,
                    "id",
                    id,
                    "cid",
                    fan.id(),
                    "comment",
                    "再谢",
                    "without_mention",
                    "1")));
    assertEquals("再谢", plain.get("text").asText());
    assertError(
        post(
            "/2/comments/reply.json",
            Map.of("access_token", token, "id", id, "cid", "4950000000000000", "comment", "x")),
        400,
        20201,
        "/2/comments/reply.json");
    JsonNode created =
        json(
            post(
                "/2/comments/create.json",
                Map.of("access_token", token, "id", id, "comment", "置顶说明")));
    assertEquals(UID, created.get("user").get("idstr").asText());
    assertEquals(4, weibo.comments(id).size());
    assertEquals(fan.id(), weibo.comments(id).get(1).replyToId());
  }

  // ---- faults ----

  @Test
  public void faultsArePlayedPerTokenAndPerClientId() throws Exception {
    weibo.injectError(token, 400, 20021, "Content is illegal!", 1);
    assertError(share("违规 https://brand.example/"), 400, 20021, "/2/statuses/share.json");
    assertEquals(200, share("正常 https://brand.example/").statusCode());

    weibo.inject(token, Fault.rateLimited(0), 1);
    assertError(share("限流 https://brand.example/"), 403, 10023, "/2/statuses/share.json");
    weibo.inject(token, Fault.serverError(500), 1);
    assertError(share("系统 https://brand.example/"), 500, 10001, "/2/statuses/share.json");
    weibo.inject(token, Fault.serverError(502), 1);
    HttpResponse<String> gateway = share("网关 https://brand.example/");
    assertEquals(502, gateway.statusCode());
    assertTrue(gateway.body().contains("nginx"));

    weibo.inject(token, Fault.acceptThenDrop(), 1);
    try {
      share("断线 https://brand.example/");
      fail("the connection should drop");
    } catch (IOException expected) {
      // stored, then dropped
    }
    assertEquals("断线 https://brand.example/", weibo.statuses(UID).get(1).text());

    weibo.injectError(APP, 400, 21324, "invalid_client", 1);
    assertError(exchange(authorize("f"), SECRET, CALLBACK), 400, 21324, "/oauth2/access_token");
    assertEquals(1, weibo.requestCount(APP));
    assertTrue(weibo.requestCount(token) >= 6);
    assertError(
        get("/2/statuses/nope.json?access_token=" + token), 404, 10020, "/2/statuses/nope.json");
  }
}
