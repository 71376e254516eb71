package org.socialweave.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.socialweave.api.UserService;
import org.socialweave.sandbox.Sandbox;

/**
 * The admin's view: {@code socialweave:*} console commands, the compliance surface (console checks
 * and word lists, {@code POST /checks} for a text and a whole post, overrides of blocking
 * findings), hot deployment of a plug-in through {@code deploy/}, and the login rate limit with
 * default settings.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ConsoleAndPluginIT extends ItestSupport {

  @Inject
  @Filter(timeout = 120_000)
  SessionFactory sessions;

  @Inject
  @Filter(timeout = 120_000)
  UserService users;

  @Inject BundleContext context;

  private static Credentials admin;

  /** A sandbox in the container for the Mastodon channel the override test posts to. */
  private static Sandbox sandbox;

  @Configuration
  public Option[] config() {
    return baseOptions().toArray(new Option[0]);
  }

  @AfterClass
  public static void stopSandbox() {
    if (sandbox != null) {
      sandbox.close();
      sandbox = null;
    }
  }

  @Before
  public void ready() {
    awaitReady();
    if (admin == null) {
      admin = login("admin", ADMIN_PASSWORD);
    }
  }

  /** Runs console commands as an admin would type them; {@code input} answers prompts. */
  private String console(String input, String... commands) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    Session session =
        sessions.create(
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), print, print);
    try {
      for (String command : commands) {
        session.execute(command);
      }
    } catch (Exception e) {
      throw new AssertionError(
          "console failed: " + e.getMessage() + "\n" + out.toString(StandardCharsets.UTF_8), e);
    } finally {
      session.close();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  public void a_consoleManagesWorkspacesUsersRolesTokensAndTheAuditTrail() {
    String status = console("", "socialweave:status");
    assertTrue(status, status.contains("database") && status.contains("UP"));
    assertTrue(status, status.contains("org.socialweave.core"));

    String listed =
        console(
            "",
            "socialweave:workspace-add console-ws \"Console 控制台\"",
            "socialweave:workspace-list");
    assertTrue(listed, listed.contains("console-ws"));

    console(
        "console-password-1\nconsole-password-1\n",
        "socialweave:user-add --display-name Ops ops-user");
    assertTrue(users.find("ops-user").isPresent());
    Credentials ops = login("ops-user", "console-password-1");

    console("", "socialweave:role-grant console-ws ops-user editor");
    JsonNode roles = get("/api/v1/session", ops).json().get("roles");
    assertEquals("EDITOR", roles.elements().next().asText());

    String token =
        console("", "socialweave:token-create --expires-days 7 console-ws ops-user robot viewer");
    String secret = token.lines().filter(l -> l.contains("swt_")).findFirst().orElseThrow();
    secret = secret.substring(secret.indexOf("swt_")).strip();
    assertEquals(200, get("/api/v1/workspaces/console-ws", Credentials.token(secret)).status());

    console("", "socialweave:user-disable ops-user");
    assertEquals(401, get("/api/v1/session", ops).status());

    String tail = console("", "socialweave:audit-tail -n 5");
    assertTrue(tail, tail.contains("console:user-disable"));
    String verify = console("", "socialweave:audit-verify");
    assertTrue(verify, verify.contains("intact"));
  }

  @Test
  public void b1_theConsoleChecksATextAndAnImportedWordListJoinsTheChecks() throws Exception {
    String checked = console("", "socialweave:check \"全网最佳\"");
    assertTrue(checked, checked.contains("ad-law.absolute.superlative"));
    assertTrue(checked, checked.contains("最佳") && checked.contains("BLOCKED"));

    console("", "socialweave:workspace-add compliance-ws \"Compliance 合规\"");
    Path words = Files.createTempFile("banned", ".txt");
    try {
      Files.writeString(words, "# banned in this workspace\n蓝月亮促销\n\n蓝月亮促销\n");
      String imported =
          console("", "socialweave:wordlist-import --severity BLOCK compliance-ws banned " + words);
      assertTrue(imported, imported.contains("banned: 1 words (BLOCK)"));
    } finally {
      Files.delete(words);
    }
    // Folded as every text is: spaced and traditional forms are the same word.
    String found = console("", "socialweave:check --workspace compliance-ws \"今晚 藍 月 亮促銷\"");
    assertTrue(found, found.contains("words.banned") && found.contains("BLOCKED"));
    Reply overHttp =
        json("POST", "/api/v1/workspaces/compliance-ws/checks", admin, "{\"text\":\"今晚蓝月亮促销\"}");
    assertEquals(overHttp.toString(), 200, overHttp.status());
    assertEquals("words.banned", overHttp.json().at("/findings/0/ruleId").asText());
    // Without the workspace the platform's checks alone know nothing of the list.
    assertTrue(console("", "socialweave:check \"今晚蓝月亮促销\"").contains("no findings"));
  }

  @Test
  public void b2_checksAnswerOverHttpForATextAndForAWholePostWithItsVariants() {
    Reply text = json("POST", "/api/v1/checks", admin, "{\"text\":\"全网最佳\"}");
    assertEquals(text.toString(), 200, text.status());
    assertTrue(text.body(), text.json().path("blocked").asBoolean());
    assertEquals("ad-law.absolute.superlative", text.json().at("/findings/0/ruleId").asText());
    assertTrue(text.body(), text.json().has("elapsedMicros") && !text.json().has("master"));

    Reply post =
        json(
            "POST",
            "/api/v1/checks",
            admin,
            "{\"text\":\"春季上新\",\"sponsored\":true,\"variants\":["
                + "{\"channelId\":\"ch-x\",\"network\":\"x\",\"text\":\""
                + "好".repeat(141)
                + " #ad\"},"
                + "{\"channelId\":\"ch-weibo\",\"network\":\"weibo\",\"text\":\"全网最佳 #广告\"},"
                + "{\"network\":\"mastodon\"}]}");
    assertEquals(post.toString(), 200, post.status());
    JsonNode answer = post.json();
    assertTrue(answer.toString(), answer.path("blocked").asBoolean());
    // The master lacks its ad label; the variant without a text of its own is the master's.
    assertEquals("disclosure.ad-label", answer.at("/master/findings/0/ruleId").asText());
    JsonNode variants = answer.path("variants");
    assertEquals(3, variants.size());
    assertEquals("ch-x", variants.get(0).path("channelId").asText());
    assertEquals("platform.length", variants.get(0).at("/report/findings/0/ruleId").asText());
    assertEquals("weibo", variants.get(1).path("network").asText());
    assertEquals(
        "ad-law.absolute.superlative", variants.get(1).at("/report/findings/0/ruleId").asText());
    assertEquals("mastodon", variants.get(2).path("network").asText());
    assertEquals("disclosure.ad-label", variants.get(2).at("/report/findings/0/ruleId").asText());

    Reply unknownNetwork =
        json(
            "POST",
            "/api/v1/checks",
            admin,
            "{\"text\":\"hi\",\"variants\":[{\"channelId\":\"c\",\"network\":\"myspace\"}]}");
    assertEquals(unknownNetwork.toString(), 400, unknownNetwork.status());
    assertEquals("variants", unknownNetwork.json().path("field").asText());
    Reply nullVariant =
        json("POST", "/api/v1/checks", admin, "{\"text\":\"hi\",\"variants\":[null]}");
    assertEquals(nullVariant.toString(), 400, nullVariant.status());
    assertEquals("application/problem+json", nullVariant.header("Content-Type"));
    Reply unknownField =
        json(
            "POST",
            "/api/v1/checks",
            admin,
            "{\"text\":\"hi\",\"variants\":[{\"network\":\"x\",\"colour\":\"red\"}]}");
    assertEquals(unknownField.toString(), 400, unknownField.status());
  }

  @Test
  public void b3_anOverrideOfABlockingFindingNeedsTheRightAndAReasonAndIsAudited()
      throws Exception {
    if (sandbox == null) {
      sandbox = Sandbox.start(0);
    }
    URI instance = sandbox.mastodon().addInstance("compliance.social");
    String token = "tok-" + System.nanoTime();
    sandbox.mastodon().addAccount("compliance.social", token, "brand" + System.nanoTime());
    String ws = "override-ws";
    console("", "socialweave:workspace-add " + ws + " \"Overrides\"");
    String channel = mastodonChannel(admin, ws, instance, token);
    Reply created =
        json(
            "POST",
            "/api/v1/workspaces/" + ws + "/posts",
            admin,
            "{\"text\":\"全网最佳的春季新品\",\"channelIds\":[\"" + channel + "\"]}");
    assertEquals(created.toString(), 201, created.status());
    String post = "/api/v1/workspaces/" + ws + "/posts/" + created.json().path("id").asText();
    String schedule = "{\"scheduledAt\":\"2031-01-01T08:00:00Z\"}";
    Reply blocked = json("POST", post + "/schedule", admin, schedule);
    assertEquals(blocked.toString(), 422, blocked.status());
    assertTrue(blocked.body(), blocked.body().contains("ad-law.absolute.superlative"));

    for (String[] member : new String[][] {{"co-editor", "editor"}, {"co-manager", "manager"}}) {
      console(
          "compliance-password-1\ncompliance-password-1\n",
          "socialweave:user-add --display-name " + member[0] + " " + member[0],
          "socialweave:role-grant " + ws + " " + member[0] + " " + member[1]);
    }
    String reason = "{\"reason\":\"Quoted from the jury's award citation, legal checked it\"}";
    Credentials editor = login("co-editor", "compliance-password-1");
    Reply refused = json("POST", post + "/compliance-override", editor, reason);
    assertEquals(refused.toString(), 403, refused.status());
    assertEquals(422, json("POST", post + "/schedule", admin, schedule).status());

    Credentials manager = login("co-manager", "compliance-password-1");
    Reply noReason = json("POST", post + "/compliance-override", manager, "{\"reason\":\" \"}");
    assertEquals(noReason.toString(), 400, noReason.status());
    assertEquals("reason", noReason.json().path("field").asText());
    Reply accepted = json("POST", post + "/compliance-override", manager, reason);
    assertEquals(accepted.toString(), 200, accepted.status());
    Reply scheduled = json("POST", post + "/schedule", admin, schedule);
    assertEquals(scheduled.toString(), 200, scheduled.status());

    boolean audited = false;
    for (JsonNode entry :
        get("/api/v1/workspaces/" + ws + "/audit?limit=100", admin).json().path("items")) {
      JsonNode event = entry.path("event");
      audited |=
          event.path("action").asText().equals("compliance.override")
              && event.path("actor").asText().equals("co-manager")
              && event.path("target").asText().contains(created.json().path("id").asText())
              && event.path("outcome").asText().equals("success");
    }
    assertTrue("no audited override by co-manager", audited);
  }

  @Test
  public void b_consoleErrorsAreOneLineMessages() {
    try {
      console("", "socialweave:role-grant no-such-workspace admin viewer");
      fail("granting in a missing workspace succeeded");
    } catch (AssertionError expected) {
      assertTrue(expected.getMessage(), expected.getMessage().contains("no-such-workspace"));
      assertTrue(expected.getMessage(), !expected.getMessage().contains("\tat org."));
    }
  }

  @Test
  public void c_aPluginCopiedIntoDeployAddsItsEndpointAndCommandAndLeavesWithoutRefreshingOthers()
      throws Exception {
    Path jar = Path.of(System.getProperty("socialweave.examplePlugin"));
    Path deployed = Path.of(System.getProperty("karaf.base"), "deploy", "example-plugin.jar");
    String greeting = "/api/v1/example/greeting?lang=zh";
    assertEquals(404, getSettled(greeting, admin).status());

    List<String> disturbed = new CopyOnWriteArrayList<>();
    SynchronousBundleListener watcher =
        event -> {
          Bundle b = event.getBundle();
          boolean plugin = "org.socialweave.example.plugin".equals(b.getSymbolicName());
          if (!plugin
              && (event.getType() == BundleEvent.STOPPED
                  || event.getType() == BundleEvent.UNRESOLVED)) {
            disturbed.add(b.getSymbolicName());
          }
        };
    context.addBundleListener(watcher);
    try {
      Files.copy(jar, deployed, StandardCopyOption.REPLACE_EXISTING);
      await(
          "the plug-in endpoint",
          Duration.ofSeconds(60),
          () -> getSettled(greeting, admin).status() == 200);
      Reply hello = getSettled(greeting, admin);
      assertTrue(hello.body(), hello.body().contains("你好") && hello.body().contains("admin"));
      assertEquals(400, getSettled("/api/v1/example/greeting?lang=fr", admin).status());
      JsonNode plugins = getSettled("/api/v1/plugins", admin).json().get("items");
      boolean listed = false;
      for (JsonNode p : plugins) {
        listed |=
            p.get("symbolicName").asText().equals("org.socialweave.example.plugin")
                && p.get("thirdParty").asBoolean();
      }
      assertTrue(plugins.toString(), listed);
      await(
          "the plug-in command",
          Duration.ofSeconds(30),
          () -> {
            try {
              return console("", "socialweave:example-greet --lang en Alice")
                  .contains("Hello, Alice");
            } catch (AssertionError notYet) {
              return false;
            }
          });

      Files.delete(deployed);
      await(
          "the endpoint to leave",
          Duration.ofSeconds(60),
          () -> getSettled(greeting, admin).status() == 404);
      await(
          "the command to leave",
          Duration.ofSeconds(30),
          () -> {
            try {
              console("", "socialweave:example-greet Alice");
              return false;
            } catch (AssertionError gone) {
              return true;
            }
          });
      assertTrue(
          getSettled("/api/v1/plugins", admin)
              .json()
              .get("items")
              .toString()
              .contains("org.socialweave.core"));
      assertTrue("unrelated bundles were stopped: " + disturbed, disturbed.isEmpty());
    } finally {
      context.removeBundleListener(watcher);
      Files.deleteIfExists(deployed);
    }
  }

  @Test
  public void z_loginsFromOneAddressAreRateLimited() {
    int status = 0;
    for (int i = 0; i < 12 && status != 429; i++) {
      status =
          json(
                  "POST",
                  "/api/v1/session",
                  Credentials.NONE,
                  "{\"username\":\"nobody\",\"password\":\"guess-" + i + "\"}")
              .status();
    }
    assertEquals("the 11th attempt within a minute is refused", 429, status);
  }
}
