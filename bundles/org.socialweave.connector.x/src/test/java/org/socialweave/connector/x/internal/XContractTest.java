package org.socialweave.connector.x.internal;

import java.net.URI;
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
import org.socialweave.sandbox.Sandbox;
import org.socialweave.sandbox.XPost;
import org.socialweave.sandbox.XSandbox;

/**
 * The connector contract, played by the X connector against the sandbox's API v2, with a channel
 * connected through the OAuth 2.0 PKCE flow.
 */
public class XContractTest extends ConnectorContractSuite {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

  private Sandbox sandbox;
  private XSandbox x;
  private XConnector connector;
  private ChannelContext channel;

  @Before
  public void connectAChannel() throws Exception {
    sandbox = Sandbox.start(0);
    x = sandbox.x();
    x.addClient(XConnectorTest.CLIENT, null, XConnectorTest.REDIRECT);
    x.addUser("alice");
    x.consentAs("alice");
    connector = connector(REQUEST_TIMEOUT);
    // The first calls of a cold JVM are slow; connecting is not what the timeout tests measure.
    XConnector connecting = connector(CONNECT_TIMEOUT);
    ConnectedAccount account =
        connecting.completeAuthorization(
            XConnectorTest.consent(connecting, "contract"),
            URI.create(XConnectorTest.REDIRECT),
            XConnectorTest.VERIFIER);
    channel =
        new ChannelContext(
            "ws-1", "ch-1", account.accountId(), account.credentials(), account.settings());
  }

  private XConnector connector(Duration requestTimeout) {
    return new XConnector(
        new XConnector.Settings(
            x.apiBaseUrl(),
            x.authorizeUrl(),
            XConnectorTest.CLIENT,
            null,
            XConnectorTest.SCOPES,
            XConnectorTest.CONSUMER_SECRET),
        CONNECT_TIMEOUT,
        requestTimeout,
        Clock.systemUTC(),
        duration -> Thread.sleep(duration.toMillis()));
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
    x.inject(channel.credentials().accessToken(), fault, times);
  }

  @Override
  protected void revokeCredentials() {
    x.revoke(channel.credentials().accessToken());
  }

  @Override
  protected long requestCount() {
    return x.requestCount(channel.credentials().accessToken());
  }

  @Override
  protected Map<String, String> postsOnNetwork() {
    return x.posts(channel.accountId()).stream()
        .filter(post -> !post.deleted())
        .collect(Collectors.toMap(XPost::id, XPost::text));
  }

  @Override
  protected Duration requestTimeout() {
    return REQUEST_TIMEOUT;
  }
}
