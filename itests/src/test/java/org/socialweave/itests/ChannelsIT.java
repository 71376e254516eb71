package org.socialweave.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The demo node: the sandbox runs inside the distribution, the demo workspace's channels are
 * connected to it through the connectors, and channels are managed over REST.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ChannelsIT extends ItestSupport {

  static final int SANDBOX_PORT = Integer.getInteger("socialweave.itest.sandboxPort", freePort());

  @Configuration
  public Option[] config() {
    List<Option> options = baseOptions();
    options.add(editConfigurationFilePut("etc/org.socialweave.bootstrap.cfg", "demoData", "true"));
    options.add(
        editConfigurationFilePut(
            "etc/org.socialweave.sandbox.cfg", "port", Integer.toString(SANDBOX_PORT)));
    options.add(
        editConfigurationFilePut("etc/org.socialweave.channels.cfg", "publicBaseUrl", url("")));
    options.add(
        org.ops4j.pax.exam.CoreOptions.systemProperty("socialweave.itest.sandboxPort")
            .value(Integer.toString(SANDBOX_PORT)));
    return options.toArray(new Option[0]);
  }

  private Credentials admin;

  @Before
  public void logIn() {
    awaitReady();
    admin = login("admin", ADMIN_PASSWORD);
  }

  private List<JsonNode> demoChannels() {
    List<JsonNode> items = new ArrayList<>();
    getSettled("/api/v1/workspaces/demo/channels", admin).json().path("items").forEach(items::add);
    return items;
  }

  @Test
  public void theDemoWorkspaceHasHealthyChannelsOnTheSandbox() {
    // Telegram, Mastodon, WeChat and Bluesky connect directly; X and Weibo through OAuth consent.
    List<String> connected = new ArrayList<>();
    try {
      await(
          "the six demo channels",
          Duration.ofSeconds(90),
          () -> {
            connected.clear();
            demoChannels().forEach(c -> connected.add(c.path("network").asText()));
            return connected.size() == 6;
          });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; connected: " + connected, e);
    }
    for (JsonNode channel : demoChannels()) {
      assertEquals(channel.toString(), "HEALTHY", channel.path("health").path("state").asText());
      assertTrue(channel.toString(), !channel.toString().contains("SANDBOX_demo_bot_token"));
      Reply tested =
          json(
              "POST",
              "/api/v1/workspaces/demo/channels/" + channel.path("id").asText() + "/test",
              admin,
              "");
      assertEquals(tested.toString(), 200, tested.status());
    }
    JsonNode installed = getSettled("/api/v1/networks", admin).json().path("items");
    assertTrue(installed.toString(), installed.toString().contains("\"OAUTH2_PKCE\""));
  }

  @Test
  public void channelsAreConnectedTestedAndDisconnectedOverRest() {
    Reply workspace =
        json("POST", "/api/v1/workspaces", admin, "{\"slug\":\"chan-it\",\"name\":\"Channels\"}");
    assertEquals(workspace.toString(), 201, workspace.status());
    String base = "/api/v1/workspaces/chan-it/channels";
    Reply refused =
        json(
            "POST",
            base,
            admin,
            "{\"network\":\"telegram\",\"fields\":{\"botToken\":\"1:wrong\",\"chatId\":\"@socialweave_demo\"}}");
    assertEquals(refused.toString(), 409, refused.status());
    assertTrue(refused.body().contains("channel-needs-reconnect"));
    Reply bad =
        json("POST", base, admin, "{\"network\":\"telegram\",\"fields\":{\"password\":\"x\"}}");
    assertEquals(bad.toString(), 400, bad.status());
    Reply unknown = json("POST", base, admin, "{\"network\":\"myspace\",\"fields\":{}}");
    assertEquals(unknown.toString(), 404, unknown.status());

    Reply connected =
        json(
            "POST",
            base,
            admin,
            "{\"network\":\"telegram\",\"fields\":{\"botToken\":"
                + "\"100000001:SANDBOX_demo_bot_token_works_only_locally\","
                + "\"chatId\":\"@socialweave_demo\"}}");
    assertEquals(connected.toString(), 201, connected.status());
    String id = connected.json().path("id").asText();
    assertEquals(200, json("POST", base + "/" + id + "/test", admin, "").status());
    Reply oauthOnly = json("POST", base + "/authorizations", admin, "{\"network\":\"telegram\"}");
    assertEquals(oauthOnly.toString(), 400, oauthOnly.status());
    assertEquals(204, send("DELETE", base + "/" + id, admin, null, null).status());
    assertEquals(404, get(base + "/" + id, admin).status());
  }

  @Test
  public void aForgedOAuthCallbackGoesBackToTheConsoleWithAnError() {
    Reply reply = get("/api/v1/oauth/telegram/callback?state=forged&code=abc", Credentials.NONE);
    assertEquals(reply.toString(), 303, reply.status());
    String location = reply.header("Location");
    assertTrue(location, location.startsWith(url("/?connectError=")));
  }
}
