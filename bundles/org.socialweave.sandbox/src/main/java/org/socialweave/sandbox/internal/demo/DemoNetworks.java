package org.socialweave.sandbox.internal.demo;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
import org.socialweave.api.channel.Channel;
import org.socialweave.api.channel.ChannelService;
import org.socialweave.sandbox.Sandbox;

/**
 * The demo distribution's networks: starts the sandbox inside Karaf with one demo account per
 * simulated network, and connects them as channels of the demo workspace through the ordinary
 * connect flows, so a new user sees publishing work end to end without any network account. Only
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
  static final String BLUESKY_HANDLE = "demo.bsky.social";
  static final String BLUESKY_APP_PASSWORD = "demo-sand-boxx-only";

  /** How long to wait for the demo workspace and the connectors while the node starts. */
  static final Duration STARTUP_WAIT = Duration.ofMinutes(3);

  private static final Logger LOG = LoggerFactory.getLogger(DemoNetworks.class);

  private final Sandbox sandbox;
  private final Thread connector;

  @Activate
  public DemoNetworks(
      @Reference ChannelService channels, @Reference WorkspaceService workspaces, Config config)
      throws IOException {
    sandbox = Sandbox.start(config.port());
    sandbox.telegram().addBot(TELEGRAM_BOT_TOKEN, "socialweave_demo_bot");
    sandbox.telegram().addChat(TELEGRAM_CHAT_ID, "socialweave_demo");
    String mastodonUrl = sandbox.mastodon().addInstance(MASTODON_INSTANCE).toString();
    sandbox.mastodon().addAccount(MASTODON_INSTANCE, MASTODON_TOKEN, "demo");
    sandbox.bluesky().addAccount(BLUESKY_HANDLE, null, BLUESKY_APP_PASSWORD);
    LOG.info("Network sandbox listening on {}", sandbox.baseUrl());
    Map<String, Map<String, String>> demoChannels =
        Map.of(
            "telegram",
            Map.of("botToken", TELEGRAM_BOT_TOKEN, "chatId", "@socialweave_demo"),
            "mastodon",
            Map.of("instanceUrl", mastodonUrl, "accessToken", MASTODON_TOKEN),
            "bluesky",
            Map.of("identifier", BLUESKY_HANDLE, "appPassword", BLUESKY_APP_PASSWORD));
    connector =
        new Thread(
            () -> connectWhenReady(channels, workspaces, config.demoWorkspace(), demoChannels),
            "socialweave-demo-channels");
    connector.setDaemon(true);
    connector.start();
  }

  /** Waits for the workspace and each network's connector, then connects what is missing. */
  private static void connectWhenReady(
      ChannelService channels,
      WorkspaceService workspaces,
      String slug,
      Map<String, Map<String, String>> demoChannels) {
    long deadline = System.nanoTime() + STARTUP_WAIT.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        Workspace workspace = workspaces.find(slug).orElse(null);
        if (workspace != null && connectMissing(channels, workspace, demoChannels)) {
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
      ChannelService channels, Workspace workspace, Map<String, Map<String, String>> demo) {
    Set<String> installed =
        channels.networks().stream().map(n -> n.descriptor().id()).collect(Collectors.toSet());
    Set<String> connected =
        channels.list(workspace.id(), PageRequest.of(100, null)).items().stream()
            .map(Channel::network)
            .collect(Collectors.toSet());
    boolean all = true;
    for (Map.Entry<String, Map<String, String>> channel : demo.entrySet()) {
      String network = channel.getKey();
      if (connected.contains(network)) {
        continue;
      }
      if (!installed.contains(network)) {
        all = false;
        continue;
      }
      try {
        Channel made = channels.connect(workspace.id(), network, channel.getValue());
        LOG.info("Connected the demo channel {} ({})", made.displayName(), network);
      } catch (RuntimeException e) {
        LOG.warn("Demo channel {} not connected yet: {}", network, e.toString());
        all = false;
      }
    }
    return all;
  }

  @Deactivate
  void stop() {
    connector.interrupt();
    sandbox.close();
  }
}
