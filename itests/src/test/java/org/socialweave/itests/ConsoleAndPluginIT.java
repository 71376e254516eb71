package org.socialweave.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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

/**
 * The admin's view: {@code socialweave:*} console commands, hot deployment of a plug-in through
 * {@code deploy/}, and the login rate limit with default settings.
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

  @Configuration
  public Option[] config() {
    return baseOptions().toArray(new Option[0]);
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
