package org.socialweave.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.socialweave.sandbox.BlueskyRecord;
import org.socialweave.sandbox.MastodonMedia;
import org.socialweave.sandbox.MastodonStatus;
import org.socialweave.sandbox.Sandbox;

/**
 * A post with an image, a link and tags, composed over REST for Mastodon and Bluesky on a sandbox
 * of the test's own, published through the real connectors and read back from the sandbox's record:
 * the image arrived on both networks, the link is a tracked short link with each network's UTM
 * parameters, the tags are hashtags; the short link redirects and its click counts for the post and
 * the channel. A post's link card reaches Mastodon in the text and Bluesky as an external embed,
 * each as its own tracked short link, and a click on Bluesky's counts for that channel.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EnrichedPostIT extends ItestSupport {

  static final int SANDBOX_PORT =
      Integer.getInteger("socialweave.itest.enrichedSandboxPort", freePort());

  @Configuration
  public Option[] config() {
    List<Option> options = baseOptions();
    options.add(
        editConfigurationFilePut(
            "etc/org.socialweave.connector.bluesky.cfg",
            "serviceUrl",
            "http://127.0.0.1:" + SANDBOX_PORT + "/bluesky"));
    options.add(
        editConfigurationFilePut("etc/org.socialweave.links.cfg", "publicBaseUrl", url("")));
    options.add(
        editConfigurationFilePut("etc/org.socialweave.links.cfg", "flushIntervalMillis", "50"));
    options.add(
        CoreOptions.systemProperty("socialweave.itest.enrichedSandboxPort")
            .value(Integer.toString(SANDBOX_PORT)));
    return options.toArray(new Option[0]);
  }

  private static Sandbox sandbox;

  private Credentials admin;
  private String workspace;

  @Before
  public void setUp() throws Exception {
    awaitReady();
    admin = login("admin", ADMIN_PASSWORD);
    if (sandbox == null) {
      sandbox = Sandbox.start(SANDBOX_PORT);
    }
    assertEquals(
        "http://127.0.0.1:" + SANDBOX_PORT + "/bluesky", sandbox.bluesky().serviceUrl().toString());
    workspace = "enrich" + Long.toString(System.nanoTime(), 36);
    Reply ws =
        json(
            "POST",
            "/api/v1/workspaces",
            admin,
            "{\"slug\":\""
                + workspace
                + "\",\"name\":\"Enriched\",\"timeZone\":\"Asia/Shanghai\"}");
    assertEquals(ws.toString(), 201, ws.status());
    // The content, media and links resources may join the whiteboard after the core ones.
    await(
        "the posts, media and links resources",
        Duration.ofSeconds(60),
        () ->
            get(path("/posts"), admin).status() == 200
                && get(path("/media"), admin).status() == 200
                && get(path("/links"), admin).status() == 200);
  }

  @AfterClass
  public static void stopSandbox() {
    if (sandbox != null) {
      sandbox.close();
      sandbox = null;
    }
  }

  private String path(String rest) {
    return "/api/v1/workspaces/" + workspace + rest;
  }

  private String connect(String body) {
    Reply channel = json("POST", path("/channels"), admin, body);
    assertEquals(channel.toString(), 201, channel.status());
    return channel.json().path("id").asText();
  }

  /** A Mastodon and a Bluesky channel of the workspace, on sandbox accounts of their own. */
  private record Accounts(
      String mastodon, String mastodonToken, String bluesky, String blueskyDid) {}

  private Accounts connectMastodonAndBluesky(String mastodonInstance, String user) {
    URI instance = sandbox.mastodon().addInstance(mastodonInstance);
    String token = "tok-" + user;
    sandbox.mastodon().addAccount(mastodonInstance, token, user);
    String mastodon =
        connect(
            "{\"network\":\"mastodon\",\"fields\":{\"instanceUrl\":\""
                + instance
                + "\",\"accessToken\":\""
                + token
                + "\"}}");
    String handle = user + ".bsky.social";
    String did = sandbox.bluesky().addAccount(handle, null, "abcd-efgh-ijkl-mnop");
    String bluesky =
        connect(
            "{\"network\":\"bluesky\",\"fields\":{\"identifier\":\""
                + handle
                + "\",\"appPassword\":\"abcd-efgh-ijkl-mnop\"}}");
    return new Accounts(mastodon, token, bluesky, did);
  }

  private static byte[] png() throws Exception {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < 64; x++) {
      image.setRGB(x, x % 48, 0x3366CC);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static JsonNode variant(JsonNode post, String channelId) {
    for (JsonNode v : post.path("variants")) {
      if (v.path("channelId").asText().equals(channelId)) {
        return v;
      }
    }
    throw new AssertionError("no variant for " + channelId + ": " + post);
  }

  @Test
  public void aPostWithAnImageAndALinkReachesTwoNetworksWithTrackedShortLinks() throws Exception {
    String n = Long.toString(System.nanoTime(), 36);
    Accounts accounts = connectMastodonAndBluesky("enrich.social", "brand" + n);
    String token = accounts.mastodonToken();
    String did = accounts.blueskyDid();
    String mastodon = accounts.mastodon();
    String bluesky = accounts.bluesky();

    byte[] png = png();
    Reply uploaded =
        send(
            "POST",
            path("/media?fileName=launch.png&altText=Winter%20launch%20banner"),
            admin,
            "application/octet-stream",
            png);
    assertEquals(uploaded.toString(), 201, uploaded.status());
    String asset = uploaded.json().path("id").asText();

    Reply unknownMedia =
        json(
            "POST",
            path("/posts"),
            admin,
            "{\"text\":\"x\",\"channelIds\":[\"" + mastodon + "\"],\"media\":[\"nosuchasset\"]}");
    assertEquals(unknownMedia.toString(), 400, unknownMedia.status());
    assertTrue(unknownMedia.body(), unknownMedia.body().contains("no media asset nosuchasset"));

    String link = "https://shop.example.com/winter?color=red";
    Reply created =
        json(
            "POST",
            path("/posts"),
            admin,
            "{\"text\":\"Winter launch "
                + n
                + " 冬季新品 "
                + link
                + "\",\"channelIds\":[\""
                + mastodon
                + "\",\""
                + bluesky
                + "\"],\"media\":[\""
                + asset
                + "\"],\"tags\":[\"冬季新品\",\"launch\"]}");
    assertEquals(created.toString(), 201, created.status());
    JsonNode post = created.json();
    String postId = post.path("id").asText();
    String onMastodon = variant(post, mastodon).path("shortLinks").path(link).asText();
    String onBluesky = variant(post, bluesky).path("shortLinks").path(link).asText();
    assertTrue(post.toString(), onMastodon.startsWith(url("/s/")));
    assertTrue(post.toString(), onBluesky.startsWith(url("/s/")));
    assertTrue("a link per network, for its UTM source", !onMastodon.equals(onBluesky));

    Reply published = json("POST", path("/posts/" + postId + "/publish"), admin, "");
    assertEquals(published.toString(), 200, published.status());
    JsonNode[] last = new JsonNode[1];
    await(
        "the post published on both networks",
        Duration.ofSeconds(60),
        () -> {
          last[0] = get(path("/posts/" + postId), admin).json();
          return last[0].path("status").asText().equals("PUBLISHED");
        });

    String expected = "Winter launch " + n + " 冬季新品 %s\n\n#冬季新品 #launch";
    List<MastodonStatus> statuses = sandbox.mastodon().statuses(token);
    assertEquals(statuses.toString(), 1, statuses.size());
    MastodonStatus status = statuses.get(0);
    assertEquals(String.format(expected, onMastodon), status.text());
    assertEquals(status.toString(), 1, status.attachments().size());
    MastodonMedia image = status.attachments().get(0);
    assertEquals("image/png", image.mimeType());
    assertEquals(png.length, image.sizeBytes());
    assertEquals("Winter launch banner", image.description());

    List<BlueskyRecord> posts = new ArrayList<>();
    for (BlueskyRecord r : sandbox.bluesky().records(did)) {
      if (r.collection().equals("app.bsky.feed.post") && !r.deleted()) {
        posts.add(r);
      }
    }
    assertEquals(posts.toString(), 1, posts.size());
    JsonNode record = posts.get(0).value();
    assertEquals(String.format(expected, onBluesky), record.path("text").asText());
    JsonNode images = record.path("embed").path("images");
    assertEquals(record.toString(), 1, images.size());
    assertEquals("image/png", images.get(0).path("image").path("mimeType").asText());
    assertEquals(png.length, images.get(0).path("image").path("size").asLong());
    List<String> facets = new ArrayList<>();
    for (JsonNode facet : record.path("facets")) {
      for (JsonNode feature : facet.path("features")) {
        facets.add(feature.path("uri").asText(feature.path("tag").asText()));
      }
    }
    assertTrue(record.toString(), facets.contains(onBluesky));
    assertTrue(record.toString(), facets.contains("launch"));

    // The short link leads to the shop with Mastodon's UTM parameters and counts its click.
    clickCounted(
        onMastodon,
        link + "&utm_source=mastodon&utm_medium=social&utm_campaign=" + postId,
        postId,
        mastodon);
  }

  /**
   * Follows a short link as a browser: it redirects to {@code location}, and the click counts once
   * for the post and the channel.
   *
   * @return the post's click counts then
   */
  private JsonNode clickCounted(
      String shortLink, String location, String postId, String channelId) {
    Reply click =
        send(
            "GET",
            URI.create(shortLink).getPath(),
            Credentials.NONE,
            null,
            null,
            "User-Agent",
            BROWSER);
    assertEquals(click.toString(), 302, click.status());
    assertEquals(location, click.header("Location"));
    JsonNode[] stats = new JsonNode[1];
    await(
        "the click counted for the post and channel " + channelId,
        Duration.ofSeconds(20),
        () -> {
          stats[0] = get(path("/links/clicks?postId=" + postId), admin).json();
          return stats[0].path("byChannel").path(channelId).path("human").asLong() == 1
              && stats[0].path("byPost").path(postId).path("human").asLong() == 1;
        });
    return stats[0];
  }

  @Test
  public void aLinkCardReachesEachNetworkAsATrackedShortLinkAndCountsItsClick() throws Exception {
    String n = Long.toString(System.nanoTime(), 36);
    Accounts accounts = connectMastodonAndBluesky("card" + n + ".social", "card" + n);
    String token = accounts.mastodonToken();
    String did = accounts.blueskyDid();
    String mastodon = accounts.mastodon();
    String bluesky = accounts.bluesky();

    String card = "https://shop.example.com/winter/card";
    Reply created =
        json(
            "POST",
            path("/posts"),
            admin,
            "{\"text\":\"Card "
                + n
                + "\",\"title\":\"Winter launch\",\"link\":\""
                + card
                + "\",\"channelIds\":[\""
                + mastodon
                + "\",\""
                + bluesky
                + "\"]}");
    assertEquals(created.toString(), 201, created.status());
    JsonNode post = created.json();
    String postId = post.path("id").asText();
    assertEquals("the card as the editor wrote it", card, post.path("link").asText());
    String onMastodon = variant(post, mastodon).path("shortLinks").path(card).asText();
    String onBluesky = variant(post, bluesky).path("shortLinks").path(card).asText();
    assertTrue(post.toString(), onMastodon.startsWith(url("/s/")));
    assertTrue(post.toString(), onBluesky.startsWith(url("/s/")));
    assertTrue("a link per network, for its UTM source", !onMastodon.equals(onBluesky));
    // Mastodon writes the card into the status, so the variant counts it; Bluesky embeds it.
    assertEquals("Card " + n + "\n\n" + onMastodon, variant(post, mastodon).path("text").asText());
    assertEquals("Card " + n, variant(post, bluesky).path("text").asText());

    Reply published = json("POST", path("/posts/" + postId + "/publish"), admin, "");
    assertEquals(published.toString(), 200, published.status());
    await(
        "the post published on both networks",
        Duration.ofSeconds(60),
        () ->
            get(path("/posts/" + postId), admin)
                .json()
                .path("status")
                .asText()
                .equals("PUBLISHED"));

    List<MastodonStatus> statuses = sandbox.mastodon().statuses(token);
    assertEquals(statuses.toString(), 1, statuses.size());
    assertEquals("Card " + n + "\n\n" + onMastodon, statuses.get(0).text());
    List<JsonNode> records = new ArrayList<>();
    for (BlueskyRecord r : sandbox.bluesky().records(did)) {
      if (r.collection().equals("app.bsky.feed.post") && !r.deleted()) {
        records.add(r.value());
      }
    }
    assertEquals(records.toString(), 1, records.size());
    JsonNode record = records.get(0);
    assertEquals("Card " + n, record.path("text").asText());
    assertEquals("app.bsky.embed.external", record.path("embed").path("$type").asText());
    assertEquals(onBluesky, record.path("embed").path("external").path("uri").asText());
    assertEquals("Winter launch", record.path("embed").path("external").path("title").asText());

    // The card's short link leads to the shop with Bluesky's UTM parameters and counts its click
    // for the post and the Bluesky channel, not the Mastodon one.
    JsonNode stats =
        clickCounted(
            onBluesky,
            card + "?utm_source=bluesky&utm_medium=social&utm_campaign=" + postId,
            postId,
            bluesky);
    assertEquals(
        stats.toString(), 0, stats.path("byChannel").path(mastodon).path("human").asLong());
  }
}
