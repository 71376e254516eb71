package org.socialweave.connector.mastodon.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Before;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.ConnectedAccount;
import org.socialweave.api.connector.PlatformConnector;
import org.socialweave.connector.testkit.ConnectorContractSuite;
import org.socialweave.sandbox.Fault;
import org.socialweave.sandbox.MastodonSandbox;
import org.socialweave.sandbox.MastodonStatus;
import org.socialweave.sandbox.Sandbox;

/** The connector contract, played by the Mastodon connector against a sandbox instance. */
public class MastodonContractTest extends ConnectorContractSuite {

  private static final String TOKEN = "ZA-Yj3aBD8U8Cm7lKUp-contract-9BmDgdhHzDeqsY8tlL0";
  private static final String INSTANCE = "social.example";
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

  private Sandbox sandbox;
  private MastodonSandbox mastodon;
  private MastodonConnector connector;
  private ChannelContext channel;

  @Before
  public void connectAChannel() throws IOException {
    sandbox = Sandbox.start(0);
    mastodon = sandbox.mastodon();
    String instanceUrl = mastodon.addInstance(INSTANCE).toString();
    mastodon.addAccount(INSTANCE, TOKEN, "alice");
    connector =
        new MastodonConnector(
            Duration.ofSeconds(2), REQUEST_TIMEOUT, Duration.ofMillis(10), Clock.systemUTC());
    // Connecting is set-up, not under test: a patient connector, so a loaded machine is no failure.
    MastodonConnector patient =
        new MastodonConnector(
            Duration.ofSeconds(10),
            Duration.ofSeconds(10),
            Duration.ofMillis(10),
            Clock.systemUTC());
    ConnectedAccount account =
        patient.connect(
            Map.of(
                MastodonConnector.SETTING_INSTANCE_URL,
                instanceUrl,
                MastodonConnector.FIELD_ACCESS_TOKEN,
                TOKEN));
    channel =
        new ChannelContext(
            "ws-1", "ch-1", account.accountId(), account.credentials(), account.settings());
  }

  @After
  public void stopSandbox() {
    sandbox.close();
  }

  @Override
  protected PlatformConnector connector() {
    return connector;
  }

  @Override
  protected ChannelContext channel() {
    return channel;
  }

  @Override
  protected void inject(Fault fault, int times) {
    mastodon.inject(TOKEN, fault, times);
  }

  @Override
  protected void revokeCredentials() {
    mastodon.revoke(TOKEN);
  }

  @Override
  protected long requestCount() {
    return mastodon.requestCount(TOKEN);
  }

  @Override
  protected Map<String, String> postsOnNetwork() {
    return mastodon.statuses(TOKEN).stream()
        .filter(status -> !status.deleted())
        .collect(Collectors.toMap(MastodonStatus::id, MastodonStatus::text));
  }

  @Override
  protected Duration requestTimeout() {
    return REQUEST_TIMEOUT;
  }
}
