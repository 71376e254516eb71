package org.socialweave.itests;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.MavenArtifactUrlReference;

/** Boots the built distribution and talks HTTP to it, as a browser or integrator would. */
public abstract class ItestSupport {

  public static final String ADMIN_PASSWORD = "itest-admin-password-1";
  static final ObjectMapper JSON = new ObjectMapper();

  /** Chosen on the test JVM and handed to the container, so both sides agree. */
  static final int HTTP_PORT = Integer.getInteger("socialweave.itest.httpPort", freePort());

  /** The SocialWeave distribution as built by this reactor. */
  protected static List<Option> baseOptions() {
    return options(
        maven()
            .groupId("org.socialweave")
            .artifactId("socialweave-distribution")
            .type("tar.gz")
            .version(System.getProperty("socialweave.version")));
  }

  /** Boots {@code distribution} on free ports with the test administrator. */
  protected static List<Option> options(MavenArtifactUrlReference distribution) {
    List<Option> options = new ArrayList<>();
    options.add(
        karafDistributionConfiguration()
            .frameworkUrl(distribution)
            .unpackDirectory(new File("target/exam"))
            .useDeployFolder(false));
    options.add(configureConsole().ignoreLocalConsole());
    options.add(logLevel(LogLevel.WARN));
    options.add(vmOptions("-Xmx384m", "-Djdk.util.zip.disableZip64ExtraFieldValidation=true"));
    options.add(
        editConfigurationFilePut(
            "etc/org.ops4j.pax.web.cfg",
            "org.osgi.service.http.port",
            Integer.toString(HTTP_PORT)));
    options.add(
        editConfigurationFilePut(
            "etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(freePort())));
    options.add(
        editConfigurationFilePut(
            "etc/org.socialweave.bootstrap.cfg", "adminPassword", ADMIN_PASSWORD));
    // Fast hashing keeps the many logins of the tests quick; production keeps OWASP's minimum.
    options.add(
        editConfigurationFilePut("etc/org.socialweave.security.cfg", "argon2MemoryKiB", "1024"));
    options.add(
        editConfigurationFilePut("etc/org.socialweave.security.cfg", "argon2Iterations", "1"));
    options.add(systemProperty("socialweave.itest.httpPort").value(Integer.toString(HTTP_PORT)));
    options.add(
        systemProperty("socialweave.examplePlugin")
            .value(System.getProperty("socialweave.examplePlugin", "")));
    if (Boolean.getBoolean("socialweave.itest.keep")) {
      // For diagnosis: leaves target/exam/<id> with its data/log/karaf.log (about 100 MB a run).
      options.add(org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder());
    }
    return options;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- HTTP

  protected final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A response with its body parsed when it is JSON. */
  public record Reply(int status, String body, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  /** Who is calling: nobody, a bearer token, or a browser session with its CSRF token. */
  public record Credentials(String bearer, String cookie, String csrf) {
    static final Credentials NONE = new Credentials(null, null, null);

    static Credentials token(String secret) {
      return new Credentials(secret, null, null);
    }
  }

  /** A person's browser (WeChat's in-app one): its clicks count as human. */
  protected static final String BROWSER =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Mobile/15E148 MicroMessenger/8.0.50 NetType/WIFI Language/zh_CN";

  protected static String url(String path) {
    return "http://127.0.0.1:" + HTTP_PORT + path;
  }

  protected Reply send(
      String method,
      String path,
      Credentials who,
      String contentType,
      byte[] body,
      String... headers) {
    return sendTo(HTTP_PORT, method, path, who, contentType, body, headers);
  }

  /** As {@link #send}, to the node whose HTTP port is {@code port}. */
  protected Reply sendTo(
      int port,
      String method,
      String path,
      Credentials who,
      String contentType,
      byte[] body,
      String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (who.bearer() != null) {
      request.header("Authorization", "Bearer " + who.bearer());
    }
    if (who.cookie() != null) {
      request.header("Cookie", who.cookie());
      if (who.csrf() != null) {
        request.header("X-CSRF-Token", who.csrf());
      }
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * GET that waits out the whiteboard's rebuild: when a resource arrives or leaves, Aries JAX-RS
   * re-creates the application and answers 404 "No service was found" for a few milliseconds.
   */
  protected Reply getSettled(String path, Credentials who) {
    Reply[] last = new Reply[1];
    await(
        "GET " + path + " outside a whiteboard rebuild",
        Duration.ofSeconds(10),
        () -> {
          last[0] = get(path, who);
          return !(last[0].status() == 404 && last[0].body().contains("No service was found"));
        });
    return last[0];
  }

  protected Reply get(String path, Credentials who) {
    return send("GET", path, who, null, null);
  }

  protected Reply json(
      String method, String path, Credentials who, String body, String... headers) {
    return send(
        method, path, who, "application/json", body.getBytes(StandardCharsets.UTF_8), headers);
  }

  protected Credentials login(String username, String password) {
    Reply reply =
        json(
            "POST",
            "/api/v1/session",
            Credentials.NONE,
            "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    if (reply.status() != 200) {
      throw new AssertionError("login of " + username + " failed: " + reply);
    }
    String setCookie = reply.header("Set-Cookie");
    return new Credentials(
        null,
        setCookie.substring(0, setCookie.indexOf(';')),
        reply.json().get("csrfToken").asText());
  }

  /**
   * Connects a Mastodon channel of {@code workspace} to the sandbox account of {@code accessToken}
   * on {@code instance}; fails unless it is created. Returns the channel's id.
   */
  protected String mastodonChannel(
      Credentials who, String workspace, URI instance, String accessToken) {
    Reply channel =
        json(
            "POST",
            "/api/v1/workspaces/" + workspace + "/channels",
            who,
            "{\"network\":\"mastodon\",\"fields\":{\"instanceUrl\":\""
                + instance
                + "\",\"accessToken\":\""
                + accessToken
                + "\"}}");
    if (channel.status() != 201) {
      throw new AssertionError("the Mastodon channel of " + workspace + ": " + channel);
    }
    return channel.json().path("id").asText();
  }

  /** Polls until the condition holds; no fixed sleeps. */
  protected static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Every resource of the core bundles, one endpoint each. */
  private static final List<String> CORE_PATHS =
      List.of(
          "/session",
          "/users/{userId}/password",
          "/workspaces/{workspaceId}/members/{userId}",
          "/workspaces/{workspaceId}/tokens/{tokenId}",
          "/workspaces/{workspaceId}/secrets/{name}",
          "/workspaces/{workspaceId}/audit",
          "/workspaces/{workspaceId}/posts",
          "/audit/verification",
          "/plugins",
          "/health/live");

  /** Set once the node inside this container answered; later tests of the class skip the wait. */
  private static volatile boolean ready;

  /** After the node restarted: the next {@link #awaitReady} waits again. */
  protected static void forgetReadiness() {
    ready = false;
  }

  protected void awaitReady() {
    if (ready) {
      return;
    }
    // Each newly arrived resource makes the whiteboard rebuild the application, leaving short
    // 404 windows while the node starts: ready means every check passing for two seconds.
    long[] passingSince = {0};
    try {
      await(
          "the health check and every core resource",
          // Typically 15 s; a stock Karaf resolving every bundle on a busy 2-core machine takes
          // far longer, and a timeout here says nothing about the product.
          Duration.ofSeconds(180),
          () -> {
            if (!allCoreResourcesAnswer()) {
              passingSince[0] = 0;
              return false;
            }
            if (passingSince[0] == 0) {
              passingSince[0] = System.nanoTime();
            }
            return System.nanoTime() - passingSince[0] > Duration.ofSeconds(2).toNanos();
          });
    } catch (AssertionError timedOut) {
      // No cause: Pax Exam reports the innermost exception, which would hide the log lines.
      throw new AssertionError(timedOut.getMessage() + "\n" + karafLogProblems());
    }
    ready = true;
  }

  private boolean allCoreResourcesAnswer() {
    try {
      if (get("/api/v1/health", Credentials.NONE).status() != 200) {
        return false;
      }
      Reply doc = get("/api/v1/openapi.json", Credentials.NONE);
      return doc.status() == 200
          // A document served mid-rebuild may lack "paths": not ready yet, not a failure.
          && CORE_PATHS.stream().allMatch(p -> doc.json().path("paths").has(p))
          && get("/api/v1/session", Credentials.NONE).status() == 401;
    } catch (AssertionError notYet) {
      return false;
    }
  }

  /** The warnings and errors of the newest container's karaf.log, for a failure message. */
  private static String karafLogProblems() {
    try (Stream<Path> logs =
        Files.find(Path.of("target/exam"), 4, (p, a) -> p.endsWith("data/log/karaf.log"))) {
      Path newest = logs.max(Comparator.comparingLong(p -> p.toFile().lastModified())).orElse(null);
      if (newest == null) {
        return "(no karaf.log under target/exam)";
      }
      List<String> problems =
          Files.readAllLines(newest, StandardCharsets.UTF_8).stream()
              .filter(line -> line.contains("| WARN ") || line.contains("| ERROR "))
              .toList();
      return newest
          + ", last warnings and errors:\n"
          + String.join("\n", problems.subList(Math.max(0, problems.size() - 30), problems.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(karaf.log unreadable: " + e + ")";
    }
  }
}
