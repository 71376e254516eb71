package org.socialweave.itests;

import static org.junit.Assert.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The built distribution unpacked under {@code target/<name>} and run as a process of its own on a
 * schema of the itest PostgreSQL, so a test can kill it, restart it, or run several side by side.
 */
final class KarafNode {

  private final Path home;
  private Process process;

  private KarafNode(Path home) {
    this.home = home;
  }

  /** Unpacks a fresh copy of the distribution into {@code target/<name>}. */
  static KarafNode unpack(String name) throws IOException, InterruptedException {
    File archive = new File(System.getProperty("socialweave.distributionArchive"));
    Path target = Path.of("target", name).toAbsolutePath();
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
      return new KarafNode(dirs.findFirst().orElseThrow());
    }
  }

  /**
   * Points the node at {@code schema}, serves HTTP on {@code httpPort} (other ports free ones) and
   * writes {@code publishSettings} to the dispatcher's configuration.
   */
  void configure(String schema, int httpPort, String... publishSettings) throws IOException {
    Path etc = home.resolve("etc");
    String url = pgUrl() + (pgUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
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
    replace(etc.resolve("org.ops4j.pax.web.cfg"), "org.osgi.service.http.port", httpPort);
    replace(etc.resolve("org.apache.karaf.shell.cfg"), "sshPort", ItestSupport.freePort());
    replace(
        etc.resolve("org.apache.karaf.management.cfg"), "rmiRegistryPort", ItestSupport.freePort());
    replace(
        etc.resolve("org.apache.karaf.management.cfg"), "rmiServerPort", ItestSupport.freePort());
    write(
        etc.resolve("org.socialweave.bootstrap.cfg"),
        "adminPassword = " + ItestSupport.ADMIN_PASSWORD);
    write(
        etc.resolve("org.socialweave.security.cfg"),
        "argon2MemoryKiB = 1024",
        "argon2Iterations = 1");
    write(etc.resolve("org.socialweave.publish.cfg"), publishSettings);
  }

  /** Writes {@code etc/<pid>.cfg} with {@code lines}, replacing what it held. */
  void writeConfig(String pid, String... lines) throws IOException {
    write(home.resolve("etc").resolve(pid + ".cfg"), lines);
  }

  void start() throws IOException {
    ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server");
    pb.environment()
        .put("EXTRA_JAVA_OPTS", "-Xmx384m -Djdk.util.zip.disableZip64ExtraFieldValidation=true");
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
    process = pb.start();
  }

  /** SIGKILL to the node's JVM and its launcher: no shutdown hook, no flush, nothing. */
  void kill() {
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /**
   * Gives this node the vault key {@code other} created on its first start: nodes of one cluster
   * read the same secrets, so they need the same key.
   */
  void shareVaultKeyOf(KarafNode other) throws IOException {
    Path key = Path.of("etc", "socialweave-vault.key");
    Files.copy(other.home.resolve(key), home.resolve(key), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Lines of the node's karaf.log that contain {@code text}. */
  long logLines(String text) throws IOException {
    try (var lines = Files.lines(home.resolve("data/log/karaf.log"))) {
      return lines.filter(l -> l.contains(text)).count();
    }
  }

  static Connection postgres() throws SQLException {
    return DriverManager.getConnection(
        pgUrl(),
        System.getProperty("socialweave.test.pg.user"),
        System.getProperty("socialweave.test.pg.password"));
  }

  /** An empty schema of the itest database. */
  static void resetSchema(String schema) throws SQLException {
    try (Connection c = postgres();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      s.execute("CREATE SCHEMA " + schema);
    }
  }

  private static String pgUrl() {
    String url = System.getProperty("socialweave.test.pg.itestUrl", "");
    if (url.isBlank()) {
      throw new IllegalStateException(
          "tests of nodes as processes need -Dsocialweave.test.pg.itestUrl, .user and .password:"
              + " run scripts/test.sh");
    }
    return url;
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
}
