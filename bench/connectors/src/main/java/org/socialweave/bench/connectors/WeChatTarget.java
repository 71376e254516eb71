package org.socialweave.bench.connectors;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.ConnectedAccount;
import org.socialweave.api.connector.MediaRef;
import org.socialweave.api.connector.PlatformConnector;
import org.socialweave.api.connector.PublishRequest;
import org.socialweave.connector.support.MultipartBody;
import org.socialweave.connector.wechat.internal.WeChatConnector;
import org.socialweave.sandbox.Sandbox;

/**
 * WeChat Official Account: one {@code publish()} is three requests, as the connector sends them:
 * {@code POST /wechat/cgi-bin/material/add_material?access_token=...&type=image} (multipart, the
 * cover in field {@code media}), {@code POST /cgi-bin/draft/add} (JSON article: title = the text's
 * first line cut to 32 characters, content {@code <p>text</p>}, the cover's {@code media_id}) and
 * {@code POST /cgi-bin/freepublish/submit} ({@code {"media_id": draft}}), which answers a {@code
 * publish_id}: the result is PENDING, nobody polls {@code freepublish/get} (the sandbox finishes
 * the job at submission, {@code setPublishBehaviour(appId, 0, 0)}, so the article is stored at once
 * and counted). The raw side sends the same sequence with the same headers and bodies, reading only
 * the two {@code media_id}s it must pass on (regex, no JSON tree) and checking for an {@code
 * errcode}; posts/s are thus publishes/s, each three HTTP calls. The 4-byte JPEG cover is the one
 * of {@code WeChatContractTest}. The channel is connected with {@code connect(appId, appSecret,
 * token)} ({@code stable_token}) after every reset.
 */
final class WeChatTarget implements BenchTarget {

  private static final String APP_ID = "wx0be0c0ffee0be0c1";
  private static final String SECRET = "bench0secret0b9a8d7c6b5a4f3e2d1c0";
  private static final String PUSH_TOKEN = "benchPushToken";
  private static final byte[] COVER = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xd9};
  private static final int MAX_TITLE = 32;
  private static final Pattern MEDIA_ID = Pattern.compile("\"media_id\"\\s*:\\s*\"([^\"]+)\"");

  private WeChatConnector connector;
  private ChannelContext channel;

  @Override
  public String network() {
    return "wechat";
  }

  @Override
  public void setUp(Sandbox sandbox) {
    sandbox.wechat().addAccount(APP_ID, SECRET);
    sandbox.wechat().setPublishBehaviour(APP_ID, 0, 0);
    ConnectedAccount account =
        connector(sandbox)
            .connect(Map.of("appId", APP_ID, "appSecret", SECRET, "token", PUSH_TOKEN));
    channel =
        new ChannelContext(
            "ws-bench",
            "ch-wechat",
            account.accountId(),
            account.credentials(),
            account.settings());
  }

  /** The public {@code @Activate} constructor (10 s connect, 30 s request timeout). */
  @Override
  public PlatformConnector connector(Sandbox sandbox) {
    if (connector == null) {
      connector =
          new WeChatConnector(
              BenchTarget.config(
                  WeChatConnector.Config.class,
                  Map.of("baseUrl", sandbox.wechat().baseUrl().toString())));
    }
    return connector;
  }

  @Override
  public ChannelContext channel(Sandbox sandbox) {
    return channel;
  }

  /** A WeChat article needs a cover image. */
  @Override
  public PublishRequest request(String key, String text) {
    return PublishRequest.builder(key)
        .text(text)
        .media(
            MediaRef.of("cover", "image/jpeg", COVER.length, () -> new ByteArrayInputStream(COVER)))
        .build();
  }

  /** The first of the three requests (the cover upload); {@link #rawPublish} sends all three. */
  @Override
  public HttpRequest rawRequest(Sandbox sandbox, String key, String text) {
    MultipartBody body = new MultipartBody().file("media", "image-1.jpg", "image/jpeg", COVER);
    return HttpRequest.newBuilder(uri(sandbox, "/cgi-bin/material/add_material", "&type=image"))
        .timeout(Duration.ofSeconds(30))
        .version(HttpClient.Version.HTTP_1_1)
        .header("Content-Type", body.contentType())
        .header("Accept", "application/json")
        .POST(body.publisher())
        .build();
  }

  @Override
  public void rawPublish(HttpClient client, Sandbox sandbox, String key, String text)
      throws Exception {
    String cover = mediaId(send(client, rawRequest(sandbox, key, text)));
    String title = text.strip();
    if (title.length() > MAX_TITLE) {
      title = title.substring(0, MAX_TITLE).strip(); // ASCII texts: 32 characters
    }
    String draft =
        "{\"articles\":[{\"article_type\":\"news\",\"title\":"
            + BenchTarget.json(title)
            + ",\"content\":"
            + BenchTarget.json("<p>" + text.strip() + "</p>")
            + ",\"thumb_media_id\":"
            + BenchTarget.json(cover)
            + ",\"need_open_comment\":0,\"only_fans_can_comment\":0}]}";
    String draftId = mediaId(send(client, postJson(sandbox, "/cgi-bin/draft/add", draft)));
    String submitted =
        send(
            client,
            postJson(
                sandbox,
                "/cgi-bin/freepublish/submit",
                "{\"media_id\":" + BenchTarget.json(draftId) + "}"));
    if (!submitted.contains("\"publish_id\"")) {
      throw new IllegalStateException("freepublish/submit: " + submitted);
    }
  }

  private HttpRequest postJson(Sandbox sandbox, String path, String json) {
    return HttpRequest.newBuilder(uri(sandbox, path, ""))
        .timeout(Duration.ofSeconds(30))
        .version(HttpClient.Version.HTTP_1_1)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
        .build();
  }

  private URI uri(Sandbox sandbox, String path, String extraQuery) {
    return URI.create(
        sandbox.wechat().baseUrl()
            + path
            + "?access_token="
            + URLEncoder.encode(channel.credentials().accessToken(), StandardCharsets.UTF_8)
            + extraQuery);
  }

  /** The body of a 2xx without a non-zero {@code errcode} (WeChat answers errors with 200). */
  private static String send(HttpClient client, HttpRequest request) throws Exception {
    HttpResponse<String> response =
        client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    String body = response.body();
    if (response.statusCode() / 100 != 2
        || (body.contains("\"errcode\"") && !body.matches("(?s).*\"errcode\"\\s*:\\s*0\\b.*"))) {
      throw new IllegalStateException(
          request.uri().getPath() + ": HTTP " + response.statusCode() + " " + body);
    }
    return body;
  }

  private static String mediaId(String body) {
    Matcher m = MEDIA_ID.matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("no media_id: " + body);
    }
    return m.group(1);
  }

  @Override
  public long storedPosts(Sandbox sandbox) {
    return sandbox.wechat().articles(APP_ID).size();
  }
}
