package org.socialweave.sandbox.internal.demo;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialweave.api.PageRequest;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.channel.AuthorizationOutcome;
import org.socialweave.api.channel.AuthorizationStart;
import org.socialweave.api.channel.Channel;
import org.socialweave.api.channel.ChannelService;
import org.socialweave.sandbox.Sandbox;

/**
 * The demo distribution's networks: starts the sandbox inside Karaf with one demo account per
 * simulated network, points the connectors at it, and connects the accounts as channels of the demo
 * workspace through the ordinary connect flows (for OAuth networks it plays the browser: it opens
 * the authorization URL, where the sandbox consents, and hands the callback's code to the channel
 * service). A new user thus sees publishing work end to end without any network account. Only
 * active with {@code etc/org.socialweave.sandbox.cfg}; {@code scripts/run.sh} writes it, a
 * production node has none.
 */
@Component(
    configurationPid = "org.socialweave.sandbox",
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DemoNetworks.Config.class)
public class DemoNetworks {

  /** {@code etc/org.socialweave.sandbox.cfg}. */
  @ObjectClassDefinition(name = "SocialWeave network sandbox (demo)")
  public @interface Config {
    @AttributeDefinition(description = "Port of the sandbox on 127.0.0.1")
    int port() default 8089;

    @AttributeDefinition(description = "Slug of the workspace that gets the demo channels")
    String demoWorkspace() default "demo";
  }

  /** Demo credentials of the sandbox; they work nowhere else. */
  static final String TELEGRAM_BOT_TOKEN = "100000001:SANDBOX_demo_bot_token_works_only_locally";

  static final long TELEGRAM_CHAT_ID = -1001000000001L;
  static final String MASTODON_INSTANCE = "sandbox.social";
  static final String MASTODON_TOKEN = "sandbox-demo-mastodon-token";
  static final String WECHAT_APP_ID = "wx5ca1ab1e0000de30";
  static final String WECHAT_APP_SECRET = "sandbox-demo-wechat-secret";
  static final String X_CLIENT_ID = "socialweave-demo";
  static final String X_CLIENT_SECRET = "sandbox-demo-x-secret";
  static final String WEIBO_CLIENT_ID = "1000000001";
  static final String WEIBO_CLIENT_SECRET = "sandbox-demo-weibo-secret";
  static final String WEIBO_SECURE_DOMAIN = "brand.example";
  static final String BLUESKY_HANDLE = "demo.bsky.social";
  static final String BLUESKY_APP_PASSWORD = "demo-sand-boxx-only";

  /** Who starts the demo's OAuth connects, in the channel service's audit records. */
  static final String DEMO_USER = "demo-sandbox";

  /** How long to wait for the demo workspace and the connectors while the node starts. */
  static final Duration STARTUP_WAIT = Duration.ofMinutes(3);

  private static final Logger LOG = LoggerFactory.getLogger(DemoNetworks.class);

  private final Sandbox sandbox;
  private final Thread connector;

  @Activate
  public DemoNetworks(
      @Reference ChannelService channels,
      @Reference WorkspaceService workspaces,
      @Reference ConfigurationAdmin configurations,
      Config config)
      throws IOException {
    sandbox = Sandbox.start(config.port());
    Map<String, Map<String, String>> directChannels;
    try {
      directChannels = seedAccounts(callbackBase(configurations));
      pointConnectorsAtSandbox(configurations);
    } catch (IOException | RuntimeException e) {
      sandbox.close(); // frees the port for the next activation
      throw e;
    }
    LOG.info("Network sandbox listening on {}", sandbox.baseUrl());
    connector =
        new Thread(
            () ->
                connectWhenReady(
                    channels,
                    workspaces,
                    config.demoWorkspace(),
                    directChannels,
                    List.of("x", "weibo")),
            "socialweave-demo-channels");
    connector.setDaemon(true);
    connector.start();
  }

  /** Creates the demo accounts and answers the fields of the networks connected directly. */
  private Map<String, Map<String, String>> seedAccounts(String callbackBase) {
    sandbox.telegram().addBot(TELEGRAM_BOT_TOKEN, "socialweave_demo_bot");
    sandbox.telegram().addChat(TELEGRAM_CHAT_ID, "socialweave_demo");
    String mastodonUrl = sandbox.mastodon().addInstance(MASTODON_INSTANCE).toString();
    sandbox.mastodon().addAccount(MASTODON_INSTANCE, MASTODON_TOKEN, "demo");
    sandbox.wechat().addAccount(WECHAT_APP_ID, WECHAT_APP_SECRET);
    sandbox.bluesky().addAccount(BLUESKY_HANDLE, null, BLUESKY_APP_PASSWORD);
    sandbox.x().addClient(X_CLIENT_ID, X_CLIENT_SECRET, callbackBase + "x/callback");
    sandbox.x().addUser("sw_demo");
    sandbox.x().consentAs("sw_demo");
    sandbox
        .weibo()
        .addApp(
            WEIBO_CLIENT_ID,
            WEIBO_CLIENT_SECRET,
            callbackBase + "weibo/callback",
            WEIBO_SECURE_DOMAIN);
    sandbox.weibo().addUser("1000000042", "演示品牌");
    // An app of Weibo's "intermediate" level: a 30-day grant, so the demo starts healthy rather
    // than "expiring in 6 days" as an ordinary app's 7-day grant would.
    sandbox.weibo().setTokenLifetime(Duration.ofDays(30));
    return Map.of(
        "telegram",
        Map.of("botToken", TELEGRAM_BOT_TOKEN, "chatId", "@socialweave_demo"),
        "mastodon",
        Map.of("instanceUrl", mastodonUrl, "accessToken", MASTODON_TOKEN),
        "wechat",
        Map.of("appId", WECHAT_APP_ID, "appSecret", WECHAT_APP_SECRET, "name", "演示服务号"),
        "bluesky",
        Map.of("identifier", BLUESKY_HANDLE, "appPassword", BLUESKY_APP_PASSWORD));
  }

  /** Configures each connector's base URLs (and demo app) to the sandbox; idempotent. */
  private void pointConnectorsAtSandbox(ConfigurationAdmin configurations) throws IOException {
    String base = sandbox.baseUrl().toString();
    Map<String, Map<String, String>> settings =
        Map.of(
            "org.socialweave.connector.telegram",
            Map.of("baseUrl", base),
            "org.socialweave.connector.wechat",
            Map.of("baseUrl", sandbox.wechat().baseUrl().toString()),
            "org.socialweave.connector.bluesky",
            Map.of("serviceUrl", sandbox.bluesky().serviceUrl().toString()),
            "org.socialweave.connector.x",
            Map.of(
                "apiBaseUrl",
                sandbox.x().apiBaseUrl().toString(),
                "authorizeUrl",
                sandbox.x().authorizeUrl().toString(),
                "clientId",
                X_CLIENT_ID,
                ".clientSecret",
                X_CLIENT_SECRET),
            "org.socialweave.connector.weibo",
            Map.of(
                "baseUrl",
                sandbox.weibo().baseUrl().toString(),
                "clientId",
                WEIBO_CLIENT_ID,
                ".clientSecret",
                WEIBO_CLIENT_SECRET,
                "secureDomainUrl",
                "https://" + WEIBO_SECURE_DOMAIN));
    for (Map.Entry<String, Map<String, String>> pid : settings.entrySet()) {
      Configuration configuration = configurations.getConfiguration(pid.getKey(), "?");
      Dictionary<String, Object> current = configuration.getProperties();
      Hashtable<String, Object> wanted = new Hashtable<>();
      if (current != null) {
        for (var keys = current.keys(); keys.hasMoreElements(); ) {
          String key = keys.nextElement();
          wanted.put(key, current.get(key));
        }
      }
      boolean changed = false;
      for (Map.Entry<String, String> value : pid.getValue().entrySet()) {
        changed |= !Objects.equals(wanted.put(value.getKey(), value.getValue()), value.getValue());
      }
      if (changed) {
        configuration.update(wanted);
      }
    }
  }

  /**
   * Where the channel service tells networks to send the browser back: its {@code publicBaseUrl}.
   */
  private static String callbackBase(ConfigurationAdmin configurations) throws IOException {
    Dictionary<String, Object> channels =
        configurations.getConfiguration("org.socialweave.channels", "?").getProperties();
    Object configured = channels == null ? null : channels.get("publicBaseUrl");
    String base = configured == null ? "http://localhost:8181" : configured.toString().strip();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v1/oauth/";
  }

  /** Waits for the workspace and each network's connector, then connects what is missing. */
  private static void connectWhenReady(
      ChannelService channels,
      WorkspaceService workspaces,
      String slug,
      Map<String, Map<String, String>> direct,
      List<String> redirect) {
    long deadline = System.nanoTime() + STARTUP_WAIT.toNanos();
    HttpClient browser =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    try {
      while (System.nanoTime() < deadline) {
        Workspace workspace = workspaces.find(slug).orElse(null);
        if (workspace != null && connectMissing(channels, browser, workspace, direct, redirect)) {
          return;
        }
        Thread.sleep(1000);
      }
      LOG.warn("Not every demo channel could be connected within {}", STARTUP_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Answers whether every demo channel is connected now. */
  private static boolean connectMissing(
      ChannelService channels,
      HttpClient browser,
      Workspace workspace,
      Map<String, Map<String, String>> direct,
      List<String> redirect)
      throws InterruptedException {
    Set<String> installed =
        channels.networks().stream().map(n -> n.descriptor().id()).collect(Collectors.toSet());
    Set<String> connected =
        channels.list(workspace.id(), PageRequest.of(100, null)).items().stream()
            .map(Channel::network)
            .collect(Collectors.toSet());
    Map<String, Map<String, String>> wanted = new HashMap<>(direct);
    redirect.forEach(network -> wanted.put(network, null));
    boolean all = true;
    for (Map.Entry<String, Map<String, String>> demo : wanted.entrySet()) {
      String network = demo.getKey();
      if (connected.contains(network)) {
        continue;
      }
      all = false;
      if (!installed.contains(network)) {
        continue;
      }
      try {
        Channel made =
            demo.getValue() == null
                ? authorize(channels, browser, workspace, network)
                : channels.connect(workspace.id(), network, demo.getValue());
        LOG.info("Connected the demo channel {} ({})", made.displayName(), network);
      } catch (IOException | RuntimeException e) {
        LOG.info("Demo channel {} not connected yet: {}", network, e.toString());
      }
    }
    return all;
  }

  /** The browser's part of an OAuth connect: the sandbox consents and redirects with a code. */
  private static Channel authorize(
      ChannelService channels, HttpClient browser, Workspace workspace, String network)
      throws IOException, InterruptedException {
    AuthorizationStart start =
        channels.beginAuthorization(workspace.id(), network, null, DEMO_USER, "/");
    HttpResponse<Void> consent =
        browser.send(
            HttpRequest.newBuilder(start.authorizationUrl()).GET().build(),
            HttpResponse.BodyHandlers.discarding());
    URI callback =
        URI.create(
            consent
                .headers()
                .firstValue("Location")
                .orElseThrow(
                    () -> new IOException("the consent page answered " + consent.statusCode())));
    Map<String, String> query = query(callback);
    AuthorizationOutcome outcome =
        channels.completeAuthorization(
            network, query.get("state"), query.get("code"), query.get("error"));
    if (outcome.channel() == null) {
      throw new IllegalStateException(outcome.error());
    }
    return outcome.channel();
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> values = new HashMap<>();
    String raw = uri.getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          values.put(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return values;
  }

  @Deactivate
  void stop() {
    connector.interrupt();
    sandbox.close();
  }
}
