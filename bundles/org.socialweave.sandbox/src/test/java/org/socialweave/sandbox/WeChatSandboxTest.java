package org.socialweave.sandbox;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The WeChat simulator's wire format, checked with a plain HTTP client. */
public class WeChatSandboxTest {

  private static final String APP_ID = "wx0123456789abcdef";
  private static final String SECRET = "secret-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Sandbox sandbox;
  private WeChatSandbox wechat;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Before
  public void start() throws IOException {
    sandbox = Sandbox.start(0);
    wechat = sandbox.wechat();
    wechat.addAccount(APP_ID, SECRET);
  }

  @After
  public void stop() {
    sandbox.close();
  }

  private HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(wechat.baseUrl() + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode postJson(String path, String json) throws Exception {
    HttpResponse<String> r = post(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    assertEquals("WeChat answers HTTP 200 even for failures", 200, r.statusCode());
    return JSON.readTree(r.body());
  }

  private String token() throws Exception {
    return postJson(
            "/cgi-bin/stable_token",
            "{\"grant_type\":\"client_credential\",\"appid\":\""
                + APP_ID
                + "\",\"secret\":\""
                + SECRET
                + "\",\"force_refresh\":false}")
        .path("access_token")
        .asText();
  }

  private String upload(String token) throws Exception {
    String boundary = "b0undary";
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"media\"; filename=\"c.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = Arrays.copyOf(head, head.length + 100 + tail.length);
    System.arraycopy(tail, 0, body, head.length + 100, tail.length);
    HttpResponse<String> r =
        post(
            "/cgi-bin/material/add_material?type=image&access_token=" + token,
            "multipart/form-data; boundary=" + boundary,
            body);
    return JSON.readTree(r.body()).path("media_id").asText();
  }

  @Test
  public void stableTokenIsStableUntilItExpiresOrIsForced() throws Exception {
    JsonNode first =
        postJson(
            "/cgi-bin/stable_token",
            "{\"grant_type\":\"client_credential\",\"appid\":\""
                + APP_ID
                + "\",\"secret\":\""
                + SECRET
                + "\"}");
    assertEquals(7200, first.path("expires_in").asInt());
    String token = first.path("access_token").asText();
    assertEquals(token, token());

    wechat.advanceClock(Duration.ofSeconds(7201));
    JsonNode expired = postJson("/cgi-bin/freepublish/get?access_token=" + token, "{}");
    assertEquals(42001, expired.path("errcode").asInt());
    assertTrue(expired.path("errmsg").asText().contains("rid: "));
    String renewed = token();
    assertNotEquals(token, renewed);

    JsonNode forced =
        postJson(
            "/cgi-bin/stable_token",
            "{\"grant_type\":\"client_credential\",\"appid\":\""
                + APP_ID
                + "\",\"secret\":\""
                + SECRET
                + "\",\"force_refresh\":true}");
    assertNotEquals(renewed, forced.path("access_token").asText());
    assertEquals(
        40001,
        postJson("/cgi-bin/freepublish/get?access_token=" + renewed, "{}").path("errcode").asInt());
  }

  @Test
  public void wrongCredentialsAnswerWeChatsCodes() throws Exception {
    assertEquals(
        40125,
        postJson(
                "/cgi-bin/stable_token",
                "{\"grant_type\":\"client_credential\",\"appid\":\""
                    + APP_ID
                    + "\",\"secret\":\"nope\"}")
            .path("errcode")
            .asInt());
    assertEquals(
        40013,
        postJson(
                "/cgi-bin/stable_token",
                "{\"grant_type\":\"client_credential\",\"appid\":\"wxunknown\",\"secret\":\"x\"}")
            .path("errcode")
            .asInt());
    assertEquals(41001, postJson("/cgi-bin/freepublish/get", "{}").path("errcode").asInt());
  }

  @Test
  public void draftsAreCheckedAsWeChatDoes() throws Exception {
    String token = token();
    String thumb = upload(token);
    String draft = "/cgi-bin/draft/add?access_token=" + token;
    assertEquals(
        40033,
        postJson(
                draft,
                "{\"articles\":[{\"title\":\"\\u6807\\u9898\",\"content\":\"x\",\"thumb_media_id\":\""
                    + thumb
                    + "\"}]}")
            .path("errcode")
            .asInt());
    assertEquals(
        45003,
        postJson(
                draft,
                "{\"articles\":[{\"title\":\""
                    + "标".repeat(33)
                    + "\",\"content\":\"x\",\"thumb_media_id\":\""
                    + thumb
                    + "\"}]}")
            .path("errcode")
            .asInt());
    assertEquals(
        40007,
        postJson(
                draft,
                "{\"articles\":[{\"title\":\"标题\",\"content\":\"x\",\"thumb_media_id\":\"nope\"}]}")
            .path("errcode")
            .asInt());
    JsonNode ok =
        postJson(
            draft,
            "{\"articles\":[{\"title\":\"标题\",\"content\":\"<p>正文</p>\",\"thumb_media_id\":\""
                + thumb
                + "\"}]}");
    assertFalse(ok.has("errcode"));
    assertEquals(1, wechat.draftCount(APP_ID));
  }

  @Test
  public void aPublishJobIsAsynchronousAndPushesItsOutcomeSigned() throws Exception {
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/cb",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 7);
            exchange.getResponseBody().write("success".getBytes(StandardCharsets.UTF_8));
          }
        });
    receiver.start();
    try {
      wechat.configurePush(
          APP_ID,
          URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/cb"),
          "tok123",
          null);
      String token = token();
      String thumb = upload(token);
      String mediaId =
          postJson(
                  "/cgi-bin/draft/add?access_token=" + token,
                  "{\"articles\":[{\"title\":\"标题\",\"content\":\"<p>正文</p>\","
                      + "\"thumb_media_id\":\""
                      + thumb
                      + "\"}]}")
              .path("media_id")
              .asText();
      JsonNode submitted =
          postJson(
              "/cgi-bin/freepublish/submit?access_token=" + token,
              "{\"media_id\":\"" + mediaId + "\"}");
      assertEquals(0, submitted.path("errcode").asInt());
      String publishId = submitted.path("publish_id").asText();
      assertTrue(submitted.path("publish_id").isTextual());
      assertTrue(submitted.has("msg_data_id"));

      String get = "/cgi-bin/freepublish/get?access_token=" + token;
      String body = "{\"publish_id\":\"" + publishId + "\"}";
      assertEquals(1, postJson(get, body).path("publish_status").asInt());
      JsonNode done = postJson(get, body);
      assertEquals(0, done.path("publish_status").asInt());
      String articleId = done.path("article_id").asText();
      assertTrue(
          done.path("article_detail")
              .path("item")
              .get(0)
              .path("article_url")
              .asText()
              .startsWith("https://mp.weixin.qq.com/s/"));

      List<WeChatPush> pushes = wechat.awaitPushes(APP_ID, 1, Duration.ofSeconds(10));
      assertEquals(1, pushes.size());
      WeChatPush push = pushes.get(0);
      assertEquals(200, push.status());
      String[] sorted = {"tok123", push.query().get("timestamp"), push.query().get("nonce")};
      Arrays.sort(sorted);
      String expected =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-1")
                      .digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8)));
      assertEquals(expected, push.query().get("signature"));
      String xml = new String(push.body(), StandardCharsets.UTF_8);
      assertTrue(xml, xml.contains("<Event><![CDATA[PUBLISHJOBFINISH]]></Event>"));
      assertTrue(xml, xml.contains("<publish_id>" + publishId + "</publish_id>"));
      assertTrue(xml, xml.contains(articleId));

      String delete = "/cgi-bin/freepublish/delete?access_token=" + token;
      String del = "{\"article_id\":\"" + articleId + "\",\"index\":0}";
      assertEquals(0, postJson(delete, del).path("errcode").asInt());
      assertEquals(53600, postJson(delete, del).path("errcode").asInt());
      assertEquals(5, postJson(get, body).path("publish_status").asInt());
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  public void userReadAllowsThreeDaysAtMost() throws Exception {
    String token = token();
    LocalDate day = LocalDate.of(2026, 3, 1);
    wechat.addUserRead(APP_ID, day, 10, 20, 3, 1);
    String path = "/cgi-bin/datacube/getuserread?access_token=" + token;
    JsonNode ok = postJson(path, "{\"begin_date\":\"2026-02-28\",\"end_date\":\"2026-03-02\"}");
    assertEquals(1, ok.path("list").size());
    assertEquals(20, ok.path("list").get(0).path("int_page_read_count").asInt());
    assertEquals(WeChatSandbox.ALL_SOURCES, ok.path("list").get(0).path("user_source").asInt());
    assertEquals(
        61501,
        postJson(path, "{\"begin_date\":\"2026-02-27\",\"end_date\":\"2026-03-02\"}")
            .path("errcode")
            .asInt());
  }

  @Test
  public void injectedErrorsAreErrcodesOnTheChosenPath() throws Exception {
    String token = token();
    wechat.injectError(
        APP_ID, "/cgi-bin/freepublish/get", 45009, "reach max api daily quota limit", 1);
    assertEquals(
        0,
        postJson("/cgi-bin/get_api_domain_ip?access_token=" + token, "").path("errcode").asInt());
    JsonNode quota = postJson("/cgi-bin/freepublish/get?access_token=" + token, "{}");
    assertEquals(45009, quota.path("errcode").asInt());
    assertEquals(
        40007,
        postJson("/cgi-bin/freepublish/get?access_token=" + token, "{}").path("errcode").asInt());
  }
}
