package org.socialweave.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.socialweave.sandbox.Fault;
import org.socialweave.sandbox.Sandbox;

/**
 * The web console's end-to-end journeys in Debian's headless Chromium (driven by playwright-core,
 * nothing downloaded) against the demo node: log in, connect a sandbox channel, compose and publish
 * for two networks, the calendar, the admin screens, an expired session that keeps the draft, and
 * the approval journey (console-approval.mjs), whose Mastodon channel is on a sandbox of this test
 * that refuses the first post, so the console's one-click retry is exercised. The script writes its
 * screenshots, first-load and calendar figures under itests/target.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConsoleIT extends ItestSupport {

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
        CoreOptions.systemProperty("socialweave.consoleWeb")
            .value(System.getProperty("socialweave.consoleWeb", "")));
    options.add(
        CoreOptions.systemProperty("socialweave.consoleE2eOut")
            .value(System.getProperty("socialweave.consoleE2eOut", "")));
    return options.toArray(new Option[0]);
  }

  /** The approval journey's workspace: its Mastodon channel's first post is refused. */
  static final String APPROVAL_WORKSPACE = "approval";

  /** A sandbox of the test's own, whose faults the test controls. */
  private static Sandbox faulty;

  @Before
  public void ready() {
    awaitReady();
    getSettled("/", Credentials.NONE);
  }

  @AfterClass
  public static void stopSandbox() {
    if (faulty != null) {
      faulty.close();
      faulty = null;
    }
  }

  /**
   * Connects a Mastodon channel of a new workspace to this test's sandbox through the API, then
   * makes the sandbox refuse the next call with its token (the first publish) as Mastodon refuses a
   * post it takes for spam. Connected here, not by the script, so the connect does not meet the
   * fault.
   */
  private void refusingMastodonWorkspace() throws IOException {
    Credentials admin = login("admin", ADMIN_PASSWORD);
    // The demo channels connect while the node settles, each rebuilding the JAX-RS application.
    await(
        "the six demo channels",
        Duration.ofSeconds(90),
        () ->
            getSettled("/api/v1/workspaces/demo/channels", admin).json().path("items").size() == 6);
    faulty = Sandbox.start(0);
    URI instance = faulty.mastodon().addInstance("refusing.social");
    String token = "console-e2e-" + System.nanoTime();
    faulty.mastodon().addAccount("refusing.social", token, "brand");
    Reply ws =
        json(
            "POST",
            "/api/v1/workspaces",
            admin,
            "{\"slug\":\""
                + APPROVAL_WORKSPACE
                + "\",\"name\":\"审批演示\",\"timeZone\":\"Asia/Shanghai\"}");
    assertEquals(ws.toString(), 201, ws.status());
    Reply channel =
        json(
            "POST",
            "/api/v1/workspaces/" + APPROVAL_WORKSPACE + "/channels",
            admin,
            "{\"network\":\"mastodon\",\"fields\":{\"instanceUrl\":\""
                + instance
                + "\",\"accessToken\":\""
                + token
                + "\"}}");
    assertEquals(channel.toString(), 201, channel.status());
    JsonNode connected = channel.json();
    assertEquals(connected.toString(), "mastodon", connected.path("network").asText());
    faulty.mastodon().inject(token, Fault.error(422, "Validation failed: Text contains spam"), 1);
  }

  @Test
  public void theMainJourneysPassInHeadlessChromium() throws Exception {
    File web = new File(System.getProperty("socialweave.consoleWeb"));
    assertTrue("the console's web folder: " + web, new File(web, "e2e/console.e2e.mjs").isFile());
    assertTrue(
        "Debian's Chromium is missing: scripts/test.sh installs it (apt-get install chromium)",
        new File("/usr/bin/chromium").canExecute());
    refusingMastodonWorkspace();
    Path out = Path.of(System.getProperty("socialweave.consoleE2eOut"));
    Files.createDirectories(out);
    Path log = out.resolve("e2e.log");
    ProcessBuilder pb = new ProcessBuilder("node", "e2e/console.e2e.mjs").directory(web);
    pb.environment().put("SW_URL", url(""));
    pb.environment().put("SW_PASSWORD", ADMIN_PASSWORD);
    pb.environment().put("SW_OUT", out.toString());
    pb.environment().put("SW_APPROVAL_WORKSPACE", APPROVAL_WORKSPACE);
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    Process node = pb.start();
    boolean finished = node.waitFor(10, TimeUnit.MINUTES);
    if (!finished) {
      node.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue("the journeys ended within 10 minutes:\n" + output, finished);
    assertEquals("journeys failed:\n" + output, 0, node.exitValue());
    assertTrue(output, Files.exists(out.resolve("results.json")));
  }
}
