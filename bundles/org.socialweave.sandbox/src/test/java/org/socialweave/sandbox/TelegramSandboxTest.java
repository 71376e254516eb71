package org.socialweave.sandbox;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.connector.support.MultipartBody;

public class TelegramSandboxTest {

  private static final String TOKEN = "42:sandbox-test-token";

  private Sandbox sandbox;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Before
  public void start() throws IOException {
    sandbox = Sandbox.start(0);
    sandbox.telegram().addBot(TOKEN, "test_bot");
    sandbox.telegram().addChat(-100777L, "public_chat");
  }

  @After
  public void stop() {
    sandbox.close();
  }

  private HttpResponse<String> post(String token, String method, String type, String body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/bot" + token + "/" + method))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String method, MultipartBody body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/bot" + TOKEN + "/" + method))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", body.contentType())
            .POST(body.publisher())
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A media group of {@code count} photos named file0.., the first with {@code caption}. */
  private HttpResponse<String> album(int count, String caption) throws Exception {
    StringBuilder media = new StringBuilder("[");
    MultipartBody body = new MultipartBody().text("chat_id", "-100777");
    for (int i = 0; i < count; i++) {
      media.append(i == 0 ? "" : ",").append("{\"type\":\"photo\",\"media\":\"attach://file" + i);
      media.append(i == 0 ? "\",\"caption\":\"" + caption + "\"}" : "\"}");
      body.file("file" + i, "p" + i + ".png", "image/png", new byte[] {1, 2, (byte) i});
    }
    return post("sendMediaGroup", body.text("media", media.append("]").toString()));
  }

  @Test
  public void bindsToLoopbackOnly() {
    assertEquals("127.0.0.1", sandbox.baseUrl().getHost());
    assertTrue(sandbox.baseUrl().getPort() > 0);
  }

  @Test
  public void getMeAnswersTheBot() throws Exception {
    HttpResponse<String> r = post(TOKEN, "getMe", "application/json", "{}");
    assertEquals(200, r.statusCode());
    assertTrue(r.body(), r.body().contains("\"username\":\"test_bot\""));
    assertTrue(r.body().startsWith("{\"ok\":true,"));
  }

  @Test
  public void sendMessageTakesJsonAndFormBodies() throws Exception {
    HttpResponse<String> json =
        post(TOKEN, "sendMessage", "application/json", "{\"chat_id\":-100777,\"text\":\"héllo\"}");
    assertEquals(200, json.statusCode());
    assertTrue(json.body(), json.body().contains("\"message_id\":1"));
    assertTrue(json.body().contains("\"chat\":{\"id\":-100777"));
    HttpResponse<String> form =
        post(
            TOKEN,
            "sendMessage",
            "application/x-www-form-urlencoded",
            "chat_id=%40public_chat&text=a%20b");
    assertTrue(form.body(), form.body().contains("\"message_id\":2"));
    assertEquals(2, sandbox.telegram().messages(TOKEN).size());
    assertEquals("a b", sandbox.telegram().messages(TOKEN).get(1).text());
  }

  @Test
  public void aRevokedTokenIsUnauthorized() throws Exception {
    sandbox.telegram().revoke(TOKEN);
    HttpResponse<String> r = post(TOKEN, "getMe", "application/json", "{}");
    assertEquals(401, r.statusCode());
    assertTrue(r.body(), r.body().contains("\"description\":\"Unauthorized\""));
  }

  @Test
  public void errorsUseTelegramsEnvelope() throws Exception {
    HttpResponse<String> unauthorized = post("1:nope", "getMe", "application/json", "{}");
    assertEquals(401, unauthorized.statusCode());
    assertEquals(
        "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}", unauthorized.body());

    HttpResponse<String> tooLong =
        post(
            TOKEN,
            "sendMessage",
            "application/json",
            "{\"chat_id\":-100777,\"text\":\"" + "x".repeat(4097) + "\"}");
    assertEquals(400, tooLong.statusCode());
    assertTrue(tooLong.body().contains("Bad Request: message is too long"));
    assertTrue(sandbox.telegram().messages(TOKEN).isEmpty());
  }

  @Test
  public void faultsPlayForTheNextCallsOfTheirTokenOnly() throws Exception {
    sandbox.telegram().inject(TOKEN, Fault.rateLimited(7), 2);
    String body = "{\"chat_id\":-100777,\"text\":\"t\"}";
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> r = post(TOKEN, "sendMessage", "application/json", body);
      assertEquals(429, r.statusCode());
      assertTrue(r.body().contains("\"parameters\":{\"retry_after\":7}"));
    }
    assertEquals(200, post(TOKEN, "sendMessage", "application/json", body).statusCode());
    assertEquals(1, sandbox.telegram().messages(TOKEN).size());
    assertEquals(3, sandbox.telegram().requestCount(TOKEN));
  }

  @Test
  public void acceptThenDropStoresTheMessageButAnswersNothing() throws Exception {
    sandbox.telegram().inject(TOKEN, Fault.acceptThenDrop(), 1);
    try {
      post(TOKEN, "sendMessage", "application/json", "{\"chat_id\":-100777,\"text\":\"t\"}");
      fail("expected the connection to drop");
    } catch (IOException expected) {
      // no answer
    }
    assertEquals(1, sandbox.telegram().messages(TOKEN).size());
  }

  @Test
  public void deleteMessageMarksItDeletedOnce() throws Exception {
    post(TOKEN, "sendMessage", "application/json", "{\"chat_id\":-100777,\"text\":\"t\"}");
    String del = "{\"chat_id\":-100777,\"message_id\":1}";
    HttpResponse<String> first = post(TOKEN, "deleteMessage", "application/json", del);
    assertEquals("{\"ok\":true,\"result\":true}", first.body());
    HttpResponse<String> again = post(TOKEN, "deleteMessage", "application/json", del);
    assertEquals(400, again.statusCode());
    assertTrue(again.body().contains("message to delete not found"));
    assertTrue(sandbox.telegram().messages(TOKEN).get(0).deleted());
  }

  @Test
  public void sendPhotoRecordsTheUploadedPhotoAndItsCaption() throws Exception {
    MultipartBody body =
        new MultipartBody()
            .text("chat_id", "@public_chat")
            .text("caption", "<b>cat</b>")
            .text("parse_mode", "HTML")
            .file("photo", "cat.jpg", "image/jpeg", new byte[1234]);
    HttpResponse<String> r = post("sendPhoto", body);
    assertEquals(r.body(), 200, r.statusCode());
    assertTrue(r.body(), r.body().contains("\"message_id\":1"));
    assertTrue(r.body(), r.body().contains("\"caption\":\"cat\""));
    assertTrue(r.body(), r.body().contains("\"file_size\":1234"));
    TelegramMessage sent = sandbox.telegram().messages(TOKEN).get(0);
    assertEquals("<b>cat</b>", sent.text());
    assertEquals("HTML", sent.parseMode());
    assertEquals(List.of(new TelegramPhoto("cat.jpg", "image/jpeg", 1234)), sent.photos());
    assertNull(sent.mediaGroupId());
  }

  @Test
  public void sendPhotoRefusesWhatTelegramRefuses() throws Exception {
    HttpResponse<String> noPhoto =
        post("sendPhoto", new MultipartBody().text("chat_id", "-100777"));
    assertEquals(400, noPhoto.statusCode());
    assertTrue(
        noPhoto.body(), noPhoto.body().contains("Bad Request: there is no photo in the request"));

    MultipartBody longCaption =
        new MultipartBody()
            .text("chat_id", "-100777")
            .text("caption", "x".repeat(TelegramSandbox.MAX_CAPTION_LENGTH + 1))
            .file("photo", "a.png", "image/png", new byte[1]);
    HttpResponse<String> tooLong = post("sendPhoto", longCaption);
    assertEquals(400, tooLong.statusCode());
    assertTrue(tooLong.body(), tooLong.body().contains("Bad Request: message caption is too long"));
    assertTrue(sandbox.telegram().messages(TOKEN).isEmpty());
  }

  @Test
  public void sendMediaGroupAnswersOneMessagePerPhotoInOneAlbum() throws Exception {
    HttpResponse<String> r = album(3, "three");
    assertEquals(r.body(), 200, r.statusCode());
    assertTrue(r.body(), r.body().startsWith("{\"ok\":true,\"result\":[{\"message_id\":1,"));
    assertTrue(r.body(), r.body().contains("\"message_id\":3,"));
    List<TelegramMessage> sent = sandbox.telegram().messages(TOKEN);
    assertEquals(3, sent.size());
    assertEquals("three", sent.get(0).text());
    assertEquals("", sent.get(1).text());
    assertEquals(List.of(new TelegramPhoto("p2.png", "image/png", 3)), sent.get(2).photos());
    assertTrue(sent.get(0).mediaGroupId() != null);
    assertTrue(sent.stream().allMatch(m -> sent.get(0).mediaGroupId().equals(m.mediaGroupId())));

    String del = "{\"chat_id\":-100777,\"message_id\":2}";
    assertEquals(200, post(TOKEN, "deleteMessage", "application/json", del).statusCode());
    List<TelegramMessage> after = sandbox.telegram().messages(TOKEN);
    assertEquals(
        List.of(false, true, false), after.stream().map(TelegramMessage::deleted).toList());
    assertEquals(sent.get(1).photos(), after.get(1).photos());
  }

  @Test
  public void sendMediaGroupRefusesWithTelegramsDescriptions() throws Exception {
    assertRefused(album(11, "c"), "Bad Request: too many messages to send as an album");
    assertRefused(album(0, "c"), "Bad Request: there are no messages to send");
    assertRefused(album(1, "c"), "Bad Request: media must include 2-10 items");
    assertRefused(
        album(2, "x".repeat(TelegramSandbox.MAX_CAPTION_LENGTH + 1)),
        "Bad Request: message caption is too long");
    MultipartBody unattached =
        new MultipartBody()
            .text("chat_id", "-100777")
            .text(
                "media",
                "[{\"type\":\"photo\",\"media\":\"attach://file0\"},"
                    + "{\"type\":\"photo\",\"media\":\"attach://file1\"}]")
            .file("file0", "a.png", "image/png", new byte[1]);
    assertRefused(
        post("sendMediaGroup", unattached), "Bad Request: can't parse InputMedia: media not found");
    assertTrue(sandbox.telegram().messages(TOKEN).isEmpty());
  }

  private static void assertRefused(HttpResponse<String> r, String description) {
    assertEquals(r.body(), 400, r.statusCode());
    assertTrue(r.body(), r.body().contains("\"description\":\"" + description + "\""));
  }

  @Test
  public void getUpdatesForgetsWhatAnOffsetConfirms() throws Exception {
    sandbox.telegram().receive(TOKEN, 555L, "alice", "first");
    sandbox.telegram().receive(TOKEN, 555L, "alice", "second");
    HttpResponse<String> all = post(TOKEN, "getUpdates", "application/json", "{\"timeout\":0}");
    assertEquals(200, all.statusCode());
    assertTrue(all.body(), all.body().contains("\"first\"") && all.body().contains("\"second\""));
    long first = Long.parseLong(all.body().replaceAll(".*?\"update_id\":(\\d+).*", "$1"));
    HttpResponse<String> rest =
        post(TOKEN, "getUpdates", "application/json", "{\"offset\":" + (first + 1) + "}");
    assertTrue(rest.body(), !rest.body().contains("\"first\"") && rest.body().contains("second"));
    HttpResponse<String> again = post(TOKEN, "getUpdates", "application/json", "{}");
    assertTrue(again.body(), !again.body().contains("\"first\""));
  }

  @Test
  public void getUpdatesConflictsWithAWebhook() throws Exception {
    post(TOKEN, "setWebhook", "application/json", "{\"url\":\"https://example.org/hook\"}");
    HttpResponse<String> refused = post(TOKEN, "getUpdates", "application/json", "{}");
    assertEquals(409, refused.statusCode());
    assertTrue(
        refused.body(),
        refused.body().contains("Conflict: can't use getUpdates method while webhook is active"));
    post(TOKEN, "deleteWebhook", "application/json", "{}");
    assertEquals(200, post(TOKEN, "getUpdates", "application/json", "{}").statusCode());
  }

  @Test
  public void sendMessageRepliesToAKnownMessageOnly() throws Exception {
    long received = sandbox.telegram().receive(TOKEN, 555L, "alice", "hello");
    HttpResponse<String> reply =
        post(
            TOKEN,
            "sendMessage",
            "application/json",
            "{\"chat_id\":555,\"text\":\"hi\",\"reply_parameters\":{\"message_id\":"
                + received
                + ",\"chat_id\":555}}");
    assertEquals(reply.body(), 200, reply.statusCode());
    List<TelegramMessage> sent = sandbox.telegram().messages(TOKEN);
    assertEquals(Long.valueOf(received), sent.get(sent.size() - 1).replyToMessageId());
    HttpResponse<String> unknown =
        post(
            TOKEN,
            "sendMessage",
            "application/json",
            "{\"chat_id\":555,\"text\":\"hi\",\"reply_parameters\":{\"message_id\":999}}");
    assertEquals(400, unknown.statusCode());
    assertTrue(unknown.body(), unknown.body().contains("message to be replied not found"));
  }
}
