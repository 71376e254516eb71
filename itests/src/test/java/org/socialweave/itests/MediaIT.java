package org.socialweave.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;

/**
 * The media library over real HTTP on the distribution: uploads past the REST API's 1 MiB body
 * limit up to the media limit, content and thumbnail read back, de-duplication, refusals and checks
 * against an installed connector.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MediaIT extends ItestSupport {

  /** Small enough to pass with a test file, larger than the REST API's 1 MiB. */
  private static final long MEDIA_LIMIT = 6L * 1024 * 1024;

  @Inject
  @Filter(timeout = 120_000)
  WorkspaceService workspaces;

  @Configuration
  public Option[] config() {
    List<Option> options = baseOptions();
    options.add(
        editConfigurationFilePut(
            "etc/org.socialweave.media.cfg", "maxUploadBytes", Long.toString(MEDIA_LIMIT)));
    return options.toArray(new Option[0]);
  }

  private Credentials admin;
  private Workspace ws;

  @Before
  public void ready() {
    awaitReady();
    admin = login("admin", ADMIN_PASSWORD);
    ws = workspaces.create("media-" + Long.toString(System.nanoTime(), 36), "Media", "UTC");
  }

  private String media(String rest) {
    return "/api/v1/workspaces/" + ws.id() + "/media" + rest;
  }

  /** A PNG of random pixels: it does not compress, so its size is about 3 bytes a pixel. */
  private static byte[] noisyPng(int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(42);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt());
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private HttpResponse<byte[]> download(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url(path)))
            .timeout(Duration.ofSeconds(30))
            .header("Cookie", admin.cookie())
            .GET()
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  public void anUploadLargerThanTheRestLimitIsStoredAndReadBackWithItsThumbnail() throws Exception {
    byte[] png = noisyPng(1000, 500);
    assertTrue("larger than the 1 MiB REST limit: " + png.length, png.length > 1024 * 1024);
    Reply created =
        send(
            "POST",
            media("?fileName=noise.png&altText=Random%20pixels"),
            admin,
            "application/octet-stream",
            png);
    assertEquals(created.toString(), 201, created.status());
    JsonNode asset = created.json();
    assertEquals("image/png", asset.get("mimeType").asText());
    assertEquals(1000, asset.get("width").asInt());
    assertEquals(500, asset.get("height").asInt());
    assertEquals(png.length, asset.get("sizeBytes").asLong());
    assertEquals("Random pixels", asset.get("altText").asText());
    String id = asset.get("id").asText();

    HttpResponse<byte[]> content = download(media("/" + id + "/content"));
    assertEquals(200, content.statusCode());
    assertEquals("image/png", content.headers().firstValue("Content-Type").orElse(""));
    assertArrayEquals(png, content.body());

    HttpResponse<byte[]> thumbnail = download(media("/" + id + "/thumbnail"));
    assertEquals(200, thumbnail.statusCode());
    BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
    assertEquals(320, small.getWidth());
    assertEquals(160, small.getHeight());

    Reply again = send("POST", media("?fileName=copy.png"), admin, "image/png", png);
    assertEquals("the same bytes answer the existing asset", 200, again.status());
    assertEquals(id, again.json().get("id").asText());
    JsonNode list = get(media(""), admin).json();
    assertEquals(1, list.get("items").size());
    assertEquals(id, get(media("/" + id), admin).json().get("id").asText());

    JsonNode problems = get(media("/" + id + "/problems?network=telegram"), admin).json();
    assertEquals(problems.toString(), 0, problems.get("items").size());
    JsonNode onWeChat = get(media("/" + id + "/problems?network=wechat"), admin).json();
    assertTrue(onWeChat.toString(), onWeChat.get("items").isArray());
    assertEquals(404, get(media("/" + id + "/problems?network=myspace"), admin).status());
    assertEquals(400, get(media("/" + id + "/problems"), admin).status());

    assertEquals(204, send("DELETE", media("/" + id), admin, null, null).status());
    assertEquals(404, get(media("/" + id), admin).status());
    assertEquals(404, download(media("/" + id + "/content")).statusCode());
  }

  @Test
  public void contentThatIsNoImageOrVideoIsA415ProblemWhateverItsDeclaredType() {
    for (String type : new String[] {"application/json", "image/png", "text/plain", null}) {
      Reply refused =
          send(
              "POST",
              media("?fileName=photo.png"),
              admin,
              type,
              "{}".getBytes(StandardCharsets.UTF_8));
      assertEquals(refused.toString(), 415, refused.status());
      assertTrue(refused.header("Content-Type").startsWith("application/problem+json"));
      assertTrue(
          refused.body(), refused.json().get("detail").asText().contains("not an image or video"));
    }
    assertEquals(0, get(media(""), admin).json().get("items").size());
  }

  @Test
  public void uploadsPastTheMediaLimitAre413AndOtherEndpointsKeepTheRestLimit() throws IOException {
    byte[] png = noisyPng(1600, 1400);
    assertTrue(png.length > MEDIA_LIMIT);
    Reply tooLarge = send("POST", media("?fileName=huge.png"), admin, "image/png", png);
    assertEquals(tooLarge.toString(), 413, tooLarge.status());
    assertEquals("urn:socialweave:problem:media-too-large", tooLarge.json().get("type").asText());
    assertEquals(0, get(media(""), admin).json().get("items").size());

    String bigJson = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
    Reply json = json("POST", "/api/v1/workspaces", admin, bigJson);
    assertEquals(json.toString(), 413, json.status());
  }
}
