package org.socialweave.connector.bluesky.internal;

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
import org.socialweave.sandbox.BlueskyRecord;
import org.socialweave.sandbox.BlueskySandbox;
import org.socialweave.sandbox.Fault;
import org.socialweave.sandbox.Sandbox;

/** The connector contract, played by the Bluesky connector against the sandbox's PDS. */
public class BlueskyContractTest extends ConnectorContractSuite {

  private static final String HANDLE = "contract.bsky.social";
  private static final String APP_PASSWORD = "cntr-ctap-ppas-swrd";
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

  private Sandbox sandbox;
  private BlueskySandbox bluesky;
  private String did;
  private BlueskyConnector connector;
  private ChannelContext channel;

  @Before
  public void connectAChannel() throws IOException {
    sandbox = Sandbox.start(0);
    bluesky = sandbox.bluesky();
    did = bluesky.addAccount(HANDLE, null, APP_PASSWORD);
    connector =
        new BlueskyConnector(
            bluesky.serviceUrl(), Duration.ofSeconds(2), REQUEST_TIMEOUT, Clock.systemUTC());
    // Connecting is set-up, not under test: a patient connector, so a loaded machine is no failure.
    BlueskyConnector patient =
        new BlueskyConnector(
            bluesky.serviceUrl(),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10),
            Clock.systemUTC());
    ConnectedAccount account =
        patient.connect(
            Map.of(
                BlueskyConnector.FIELD_IDENTIFIER,
                HANDLE,
                BlueskyConnector.FIELD_APP_PASSWORD,
                APP_PASSWORD));
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
    bluesky.inject(did, fault, times);
  }

  @Override
  protected void revokeCredentials() {
    bluesky.revokeAppPassword(did);
    bluesky.takedown(did);
  }

  @Override
  protected long requestCount() {
    return bluesky.requestCount(did);
  }

  @Override
  protected Map<String, String> postsOnNetwork() {
    return bluesky.records(did).stream()
        .filter(record -> !record.deleted())
        .collect(Collectors.toMap(BlueskyRecord::uri, BlueskyRecord::text));
  }

  @Override
  protected Duration requestTimeout() {
    return REQUEST_TIMEOUT;
  }
}
