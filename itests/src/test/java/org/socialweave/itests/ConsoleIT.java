package org.socialweave.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The web console's end-to-end journeys in Debian's headless Chromium (driven by playwright-core,
 * nothing downloaded) against the demo node: log in, connect a sandbox channel, compose and publish
 * for two networks, the calendar, the admin screens, an expired session that keeps the draft. The
 * script writes its screenshots and first-load figures under itests/target.
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

  @Before
  public void ready() {
    awaitReady();
    getSettled("/", Credentials.NONE);
  }

  @Test
  public void theMainJourneysPassInHeadlessChromium() throws Exception {
    File web = new File(System.getProperty("socialweave.consoleWeb"));
    assertTrue("the console's web folder: " + web, new File(web, "e2e/console.e2e.mjs").isFile());
    assertTrue(
        "Debian's Chromium is missing: scripts/test.sh installs it (apt-get install chromium)",
        new File("/usr/bin/chromium").canExecute());
    Path out = Path.of(System.getProperty("socialweave.consoleE2eOut"));
    Files.createDirectories(out);
    Path log = out.resolve("e2e.log");
    ProcessBuilder pb = new ProcessBuilder("node", "e2e/console.e2e.mjs").directory(web);
    pb.environment().put("SW_URL", url(""));
    pb.environment().put("SW_PASSWORD", ADMIN_PASSWORD);
    pb.environment().put("SW_OUT", out.toString());
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
