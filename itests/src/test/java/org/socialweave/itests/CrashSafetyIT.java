package org.socialweave.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.sandbox.Fault;
import org.socialweave.sandbox.MastodonStatus;
import org.socialweave.sandbox.Sandbox;

/**
 * Kills the node with SIGKILL while hundreds of posts are being published to the sandbox, starts it
 * again on the same PostgreSQL, and proves with the sandbox's own record (it runs in this JVM, so
 * it survives the kill) that every post went out exactly once. Some requests are answered late
 * after the sandbox stored them, so the kill catches posts that the network has and the node never
 * heard back about: they must be reconciled, not sent again.
 *
 * <p>Not a Pax Exam test: the node is the built distribution, unpacked and started as its own
 * process, since a container cannot be killed by the test running inside it.
 */
public class CrashSafetyIT extends ItestSupport {

  static final int ACCOUNTS = 4;
  static final int POSTS_PER_ACCOUNT = 75;
  static final String SCHEMA = "crash_safety";

  private Sandbox sandbox;
  private Path home;
  private Process node;
  private final List<String> tokens = new ArrayList<>();

  @Before
  public void setUp() throws Exception {
    sandbox = Sandbox.start(0);
    resetSchema();
    home = unpack();
    configure();
  }

  @After
  public void tearDown() {
    if (node != null) {
      kill(node);
    }
    sandbox.close();
  }

  @Test
  public void everyPostIsPublishedExactlyOnceAcrossAKill() throws Exception {
    node = start();
    awaitNode();
    Credentials admin = login("admin", ADMIN_PASSWORD);
    assertEquals(
        201,
        json("POST", "/api/v1/workspaces", admin, "{\"slug\":\"crash\",\"name\":\"Crash\"}")
            .status());
    URI instance = sandbox.mastodon().addInstance("crash.social");
    List<String> channels = new ArrayList<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      String token = "crash-token-" + i;
      tokens.add(token);
      sandbox.mastodon().addAccount("crash.social", token, "crash" + i);
      Reply channel =
          json(
              "POST",
              "/api/v1/workspaces/crash/channels",
              admin,
              "{\"network\":\"mastodon\",\"fields\":{\"instanceUrl\":\""
                  + instance
                  + "\",\"accessToken\":\""
                  + token
                  + "\"}}");
      assertEquals(channel.toString(), 201, channel.status());
      channels.add(channel.json().path("id").asText());
    }
    Map<String, String> textOfPost = new HashMap<>();
    for (int i = 0; i < ACCOUNTS * POSTS_PER_ACCOUNT; i++) {
      String text = "crash-safety post " + i;
      Reply post =
          json(
              "POST",
              "/api/v1/workspaces/crash/posts",
              admin,
              "{\"text\":\""
                  + text
                  + "\",\"channelIds\":[\""
                  + channels.get(i % ACCOUNTS)
                  + "\"]}");
      assertEquals(post.toString(), 201, post.status());
      textOfPost.put(post.json().path("id").asText(), text);
    }
    // Every answer comes late, after the sandbox stored the status: the kill finds the posts in
    // flight stored on the network and unanswered.
    for (String token : tokens) {
      sandbox.mastodon().inject(token, Fault.delay(Duration.ofMillis(300)), POSTS_PER_ACCOUNT);
    }
    for (String postId : textOfPost.keySet()) {
      Reply published =
          json("POST", "/api/v1/workspaces/crash/posts/" + postId + "/publish", admin, "");
      assertEquals(published.toString(), 200, published.status());
    }
    await("a third published", Duration.ofSeconds(60), () -> statuses().size() >= 100);
    kill(node);
    int beforeRestart = statuses().size();
    assertTrue("the kill came mid-run: " + beforeRestart, beforeRestart < textOfPost.size());

    node = start();
    awaitNode();
    Credentials again = login("admin", ADMIN_PASSWORD);
    // Jobs of the dead node wait for their lease (15 s here), then are reconciled.
    await(
        "every post published after the restart",
        Duration.ofSeconds(180),
        () -> published(again) == textOfPost.size());

    List<String> texts = statuses().stream().map(MastodonStatus::text).toList();
    Map<String, Long> copies =
        texts.stream().collect(Collectors.groupingBy(t -> t, Collectors.counting()));
    List<String> duplicated =
        copies.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    assertTrue("published twice: " + duplicated, duplicated.isEmpty());
    assertEquals("every post is on the network", Set.copyOf(textOfPost.values()), copies.keySet());
    assertEquals(textOfPost.size(), texts.size());
    long reconciled;
    try (var lines = Files.lines(home.resolve("data/log/karaf.log"))) {
      reconciled = lines.filter(l -> l.contains(": reconciling")).count();
    }
    assertTrue("the kill left jobs in doubt, which were reconciled: " + reconciled, reconciled > 0);
  }

  private List<MastodonStatus> statuses() {
    List<MastodonStatus> all = new ArrayList<>();
    for (String token : tokens) {
      all.addAll(sandbox.mastodon().statuses(token));
    }
    return all;
  }

  private int published(Credentials who) {
    int count = 0;
    String cursor = null;
    do {
      Reply page =
          get(
              "/api/v1/workspaces/crash/posts?status=PUBLISHED&limit=200"
                  + (cursor == null ? "" : "&cursor=" + cursor),
              who);
      if (page.status() != 200) {
        return -1;
      }
      JsonNode json = page.json();
      count += json.path("items").size();
      cursor = json.path("nextCursor").isTextual() ? json.path("nextCursor").asText() : null;
    } while (cursor != null);
    return count;
  }

  // ---- the node as a process

  /** Waits until the newly started node answers on every core resource. */
  private void awaitNode() {
    forgetReadiness();
    awaitReady();
  }

  private Process start() throws IOException {
    ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server");
    pb.environment()
        .put("EXTRA_JAVA_OPTS", "-Xmx384m -Djdk.util.zip.disableZip64ExtraFieldValidation=true");
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
    return pb.start();
  }

  /** SIGKILL to the node's JVM and its launcher: no shutdown hook, no flush, nothing. */
  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Path unpack() throws IOException, InterruptedException {
    File archive = new File(System.getProperty("socialweave.distributionArchive"));
    Path target = Path.of("target/crash-safety").toAbsolutePath();
    if (Files.exists(target)) {
      Process rm = new ProcessBuilder("rm", "-rf", target.toString()).inheritIO().start();
      rm.waitFor();
    }
    Files.createDirectories(target);
    Process tar =
        new ProcessBuilder("tar", "xzf", archive.getAbsolutePath(), "-C", target.toString())
            .inheritIO()
            .start();
    assertEquals("tar of " + archive, 0, tar.waitFor());
    try (var dirs = Files.list(target)) {
      return dirs.findFirst().orElseThrow();
    }
  }

  private void configure() throws IOException {
    Path etc = home.resolve("etc");
    String url = pgUrl() + (pgUrl().contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
    write(
        etc.resolve("org.ops4j.datasource-socialweave.cfg"),
        "osgi.jdbc.driver.class = org.postgresql.Driver",
        "url = " + url,
        "user = " + System.getProperty("socialweave.test.pg.user"),
        "password = " + System.getProperty("socialweave.test.pg.password"),
        "dataSourceName = socialweave",
        "osgi.jndi.service.name = socialweave",
        "pool = hikari",
        "xa = false",
        "hikari.maximumPoolSize = 20",
        "hikari.minimumIdle = 1");
    replace(etc.resolve("org.ops4j.pax.web.cfg"), "org.osgi.service.http.port", HTTP_PORT);
    replace(etc.resolve("org.apache.karaf.shell.cfg"), "sshPort", freePort());
    replace(etc.resolve("org.apache.karaf.management.cfg"), "rmiRegistryPort", freePort());
    replace(etc.resolve("org.apache.karaf.management.cfg"), "rmiServerPort", freePort());
    write(etc.resolve("org.socialweave.bootstrap.cfg"), "adminPassword = " + ADMIN_PASSWORD);
    write(
        etc.resolve("org.socialweave.security.cfg"),
        "argon2MemoryKiB = 1024",
        "argon2Iterations = 1");
    write(
        etc.resolve("org.socialweave.publish.cfg"),
        "leaseSeconds = 15",
        "backoffBaseSeconds = 1",
        "backoffCapSeconds = 2");
  }

  private static void write(Path file, String... lines) throws IOException {
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
  }

  /** Sets {@code key = value} in a Karaf .cfg, replacing the line that sets it if there is one. */
  private static void replace(Path file, String key, Object value) throws IOException {
    List<String> lines =
        Files.exists(file)
            ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8))
            : new ArrayList<>();
    lines.removeIf(l -> l.strip().startsWith(key + " ") || l.strip().startsWith(key + "="));
    lines.add(key + " = " + value);
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  private static String pgUrl() {
    String url = System.getProperty("socialweave.test.pg.itestUrl", "");
    if (url.isBlank()) {
      throw new IllegalStateException(
          "CrashSafetyIT needs -Dsocialweave.test.pg.itestUrl, .user and .password: run"
              + " scripts/test.sh");
    }
    return url;
  }

  /** A schema of its own in the itest database, empty at every run. */
  private static void resetSchema() throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                pgUrl(),
                System.getProperty("socialweave.test.pg.user"),
                System.getProperty("socialweave.test.pg.password"));
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      s.execute("CREATE SCHEMA " + SCHEMA);
    }
  }
}
