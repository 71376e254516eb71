package org.socialweave.connector.wechat.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.ConnectedAccount;
import org.socialweave.api.connector.PublishRequest;
import org.socialweave.api.connector.PublishResult;
import org.socialweave.api.connector.WebhookRequest;
import org.socialweave.api.connector.WebhookVerdict;
import org.socialweave.connector.support.WebhookSignatures;
import org.socialweave.sandbox.Sandbox;
import org.socialweave.sandbox.WeChatPush;
import org.socialweave.sandbox.WeChatSandbox;

/**
 * The sandbox pushes {@code PUBLISHJOBFINISH} to a local message URL exactly as WeChat would; the
 * connector must accept those pushes and refuse forged, tampered, downgraded and replayed ones.
 */
public class WeChatWebhookTest {

  private static final String APP_ID = WeChatConnectorTest.APP_ID;
  private static final String SECRET = WeChatConnectorTest.SECRET;
  private static final String PUSH_TOKEN = "sandboxPushToken42";
  private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

  /** A request the message URL received. */
  private record Received(Map<String, String> query, byte[] body, Instant at) {}

  private Sandbox sandbox;
  private WeChatSandbox wechat;
  private WeChatConnector connector;
  private HttpServer receiver;
  private URI messageUrl;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  @Before
  public void start() throws IOException {
    sandbox = Sandbox.start(0);
    wechat = sandbox.wechat();
    wechat.addAccount(APP_ID, SECRET);
    connector =
        new WeChatConnector(
            wechat.baseUrl(), Duration.ofSeconds(5), Duration.ofSeconds(10), Clock.systemUTC());
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/wechat/callback",
        exchange -> {
          try (exchange;
              InputStream in = exchange.getRequestBody()) {
            Map<String, String> query = new TreeMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            for (String pair : raw == null ? new String[0] : raw.split("&")) {
              int eq = pair.indexOf('=');
              query.put(
                  URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                  URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            received.add(new Received(query, in.readAllBytes(), Instant.now()));
            byte[] ok = "success".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(ok);
            }
          }
        });
    receiver.start();
    messageUrl =
        URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/wechat/callback");
  }

  @After
  public void stop() {
    receiver.stop(0);
    sandbox.close();
  }

  private ChannelContext channel(boolean safeMode) {
    Map<String, String> fields = new HashMap<>();
    fields.put("appId", APP_ID);
    fields.put("appSecret", SECRET);
    fields.put("token", PUSH_TOKEN);
    if (safeMode) {
      fields.put("encodingAesKey", AES_KEY);
    }
    ConnectedAccount account = connector.connect(fields);
    return new ChannelContext("ws-1", "ch-1", APP_ID, account.credentials(), account.settings());
  }

  private static PublishRequest article(String key) {
    return PublishRequest.builder(key)
        .text("推送测试\n正文")
        .media(
            org.socialweave.api.connector.MediaRef.of(
                "cover", "image/jpeg", 64, () -> new java.io.ByteArrayInputStream(new byte[64])))
        .build();
  }

  /** Publishes, lets the job finish, and answers what the message URL received. */
  private Received publishAndReceivePush(ChannelContext channel, String key)
      throws InterruptedException {
    int before = received.size();
    String jobId = connector.publish(channel, article(key)).jobId();
    PublishResult result = connector.publishStatus(channel, jobId);
    if (!result.isPublished()) {
      result = connector.publishStatus(channel, jobId);
    }
    assertTrue(result.isPublished());
    List<WeChatPush> pushes = wechat.awaitPushes(APP_ID, before + 1, Duration.ofSeconds(10));
    assertEquals(before + 1, pushes.size());
    assertEquals(200, pushes.get(before).status());
    assertEquals("success", pushes.get(before).response());
    return received.get(before);
  }

  private static WebhookRequest request(Map<String, String> query, byte[] body, Instant at) {
    return WebhookRequest.of(Map.of("Content-Type", "text/xml"), body, query, at);
  }

  private static WebhookRequest request(Received r) {
    return request(r.query(), r.body(), r.at());
  }

  // ---- plain mode ----

  @Test
  public void aPlainPublishJobFinishPushIsAcceptedOnceAndItsReplayRefused() throws Exception {
    wechat.configurePush(APP_ID, messageUrl, PUSH_TOKEN, null);
    ChannelContext channel = channel(false);

    Received push = publishAndReceivePush(channel, "job-1");
    assertNull(push.query().get("encrypt_type"));

    WebhookVerdict verdict = connector.verifyWebhook(channel, request(push));
    assertEquals(verdict.reason(), WebhookVerdict.Outcome.ACCEPTED, verdict.outcome());
    String xml = new String(verdict.payload(), StandardCharsets.UTF_8);
    String publishId = wechat.articles(APP_ID).get(0).publishId();
    assertTrue(xml, xml.contains("<Event><![CDATA[PUBLISHJOBFINISH]]></Event>"));
    assertTrue(xml, xml.contains("<publish_id>" + publishId + "</publish_id>"));
    assertTrue(xml, xml.contains(wechat.articles(APP_ID).get(0).articleId()));
    assertEquals("PUBLISHJOBFINISH:" + publishId, verdict.deliveryId());
    assertEquals("success", verdict.response());

    WebhookVerdict replay = connector.verifyWebhook(channel, request(push));
    assertEquals(WebhookVerdict.Outcome.REPLAYED, replay.outcome());
  }

  @Test
  public void aWrongSignatureOrTokenIsForged() throws Exception {
    wechat.configurePush(APP_ID, messageUrl, PUSH_TOKEN, null);
    ChannelContext channel = channel(false);
    Received push = publishAndReceivePush(channel, "job-1");

    Map<String, String> query = new HashMap<>(push.query());
    query.put("signature", "0".repeat(40));
    assertEquals(
        WebhookVerdict.Outcome.FORGED,
        connector.verifyWebhook(channel, request(query, push.body(), push.at())).outcome());

    wechat.configurePush(APP_ID, messageUrl, "anotherToken99", null);
    Received otherToken = publishAndReceivePush(channel, "job-2");
    assertEquals(
        WebhookVerdict.Outcome.FORGED,
        connector.verifyWebhook(channel, request(otherToken)).outcome());
  }

  @Test
  public void aStaleTimestampIsAReplay() throws Exception {
    wechat.configurePush(APP_ID, messageUrl, PUSH_TOKEN, null);
    ChannelContext channel = channel(false);
    Received push = publishAndReceivePush(channel, "job-1");
    WebhookVerdict verdict =
        connector.verifyWebhook(
            channel, request(push.query(), push.body(), push.at().plus(Duration.ofMinutes(6))));
    assertEquals(WebhookVerdict.Outcome.REPLAYED, verdict.outcome());
  }

  @Test
  public void theHandshakeEchoesOnlyWhenSigned() {
    ChannelContext channel = channel(false);
    Instant now = Instant.now();
    String timestamp = String.valueOf(now.getEpochSecond());
    Map<String, String> query =
        Map.of(
            "signature",
            WebhookSignatures.weChatSignature(PUSH_TOKEN, timestamp, "12345"),
            "timestamp",
            timestamp,
            "nonce",
            "12345",
            "echostr",
            "7384925618273645");
    WebhookVerdict verdict = connector.verifyWebhook(channel, request(query, new byte[0], now));
    assertEquals(WebhookVerdict.Outcome.CHALLENGE, verdict.outcome());
    assertEquals("7384925618273645", verdict.response());

    Map<String, String> forged = new HashMap<>(query);
    forged.put("signature", WebhookSignatures.weChatSignature("guessedToken", timestamp, "12345"));
    assertEquals(
        WebhookVerdict.Outcome.FORGED,
        connector.verifyWebhook(channel, request(forged, new byte[0], now)).outcome());
  }

  @Test
  public void malformedAndUnconfiguredCallsAreRefused() {
    ChannelContext channel = channel(false);
    Instant now = Instant.now();
    assertEquals(
        WebhookVerdict.Outcome.MALFORMED,
        connector.verifyWebhook(channel, request(Map.of(), "<xml/>".getBytes(), now)).outcome());

    String timestamp = String.valueOf(now.getEpochSecond());
    Map<String, String> signed =
        Map.of(
            "signature",
            WebhookSignatures.weChatSignature(PUSH_TOKEN, timestamp, "777"),
            "timestamp",
            timestamp,
            "nonce",
            "777");
    byte[] xxe =
        ("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<xml><Content>&x;</Content></xml>")
            .getBytes(StandardCharsets.UTF_8);
    WebhookVerdict verdict = connector.verifyWebhook(channel, request(signed, xxe, now));
    assertEquals(WebhookVerdict.Outcome.MALFORMED, verdict.outcome());

    ChannelContext noToken =
        channel.withCredentials(
            org.socialweave.api.connector.Credentials.ofSecrets(Map.of("appSecret", SECRET)));
    assertEquals(
        WebhookVerdict.Outcome.FORGED,
        connector.verifyWebhook(noToken, request(signed, "<xml/>".getBytes(), now)).outcome());
  }

  // ---- safe mode ----

  @Test
  public void anEncryptedPushIsVerifiedDecryptedAndItsReplayRefused() throws Exception {
    wechat.configurePush(APP_ID, messageUrl, PUSH_TOKEN, AES_KEY);
    ChannelContext channel = channel(true);

    Received push = publishAndReceivePush(channel, "job-1");
    assertEquals("aes", push.query().get("encrypt_type"));
    String envelope = new String(push.body(), StandardCharsets.UTF_8);
    assertTrue(envelope, envelope.contains("<Encrypt>"));
    assertFalse(envelope, envelope.contains("PUBLISHJOBFINISH"));

    WebhookVerdict verdict = connector.verifyWebhook(channel, request(push));
    assertEquals(verdict.reason(), WebhookVerdict.Outcome.ACCEPTED, verdict.outcome());
    String xml = new String(verdict.payload(), StandardCharsets.UTF_8);
    assertEquals(wechat.pushes(APP_ID).get(0).plainXml(), xml);
    assertTrue(xml.contains("PUBLISHJOBFINISH"));
    assertEquals(
        "PUBLISHJOBFINISH:" + wechat.articles(APP_ID).get(0).publishId(), verdict.deliveryId());

    assertEquals(
        WebhookVerdict.Outcome.REPLAYED, connector.verifyWebhook(channel, request(push)).outcome());
  }

  @Test
  public void aFailedJobIsPushedToo() throws Exception {
    wechat.configurePush(APP_ID, messageUrl, PUSH_TOKEN, AES_KEY);
    wechat.setPublishBehaviour(APP_ID, 4, 0);
    ChannelContext channel = channel(true);
    connector.publish(channel, article("job-1"));
    List<WeChatPush> pushes = wechat.awaitPushes(APP_ID, 1, Duration.ofSeconds(10));
    assertEquals(1, pushes.size());
    WebhookVerdict verdict = connector.verifyWebhook(channel, request(received.get(0)));
    assertEquals(WebhookVerdict.Outcome.ACCEPTED, verdict.outcome());
    String xml = new String(verdict.payload(), StandardCharsets.UTF_8);
    assertTrue(xml, xml.contains("<publish_status>4</publish_status>"));
    assertTrue(xml, xml.contains("<fail_idx>1</fail_idx>"));
  }

  @Test
  public void tamperedForgedAndDowngradedPushesAreRefused() throws Exception {
    wechat.configurePush(APP_ID, messageUrl, PUSH_TOKEN, AES_KEY);
    ChannelContext channel = channel(true);
    Received push = publishAndReceivePush(channel, "job-1");
    String envelope = new String(push.body(), StandardCharsets.UTF_8);

    // One character of the ciphertext changed: msg_signature no longer matches.
    int at = envelope.indexOf("<Encrypt><![CDATA[") + 20;
    char c = envelope.charAt(at);
    String tampered =
        envelope.substring(0, at) + (c == 'A' ? 'B' : 'A') + envelope.substring(at + 1);
    assertEquals(
        WebhookVerdict.Outcome.FORGED,
        connector
            .verifyWebhook(
                channel,
                request(push.query(), tampered.getBytes(StandardCharsets.UTF_8), push.at()))
            .outcome());

    // A wrong msg_signature.
    Map<String, String> query = new HashMap<>(push.query());
    query.put("msg_signature", "f".repeat(40));
    assertEquals(
        WebhookVerdict.Outcome.FORGED,
        connector.verifyWebhook(channel, request(query, push.body(), push.at())).outcome());

    // Correctly signed with our token, but encrypted for another app id.
    ChannelContext otherApp =
        new ChannelContext("ws-1", "ch-2", "wx99999999999999aa", channel.credentials(), Map.of());
    WebhookVerdict foreign = connector.verifyWebhook(otherApp, request(push));
    assertEquals(WebhookVerdict.Outcome.FORGED, foreign.outcome());
    assertTrue(foreign.reason(), foreign.reason().contains("APP_ID_MISMATCH"));

    // A plain push to a safe-mode channel: signed with the token, but a downgrade.
    String timestamp = String.valueOf(push.at().getEpochSecond());
    Map<String, String> plain =
        Map.of(
            "signature",
            WebhookSignatures.weChatSignature(PUSH_TOKEN, timestamp, "4242"),
            "timestamp",
            timestamp,
            "nonce",
            "4242");
    byte[] body =
        "<xml><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[PUBLISHJOBFINISH]]></Event></xml>"
            .getBytes(StandardCharsets.UTF_8);
    assertEquals(
        WebhookVerdict.Outcome.FORGED,
        connector.verifyWebhook(channel, request(plain, body, push.at())).outcome());
  }
}
