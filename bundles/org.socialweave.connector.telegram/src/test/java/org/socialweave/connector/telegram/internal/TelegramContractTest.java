package org.socialweave.connector.telegram.internal;

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
import org.socialweave.sandbox.Sandbox;
import org.socialweave.sandbox.TelegramMessage;
import org.socialweave.sandbox.TelegramSandbox;

/** The connector contract, played by the Telegram connector against the sandbox's Bot API. */
public class TelegramContractTest extends ConnectorContractSuite {

  private static final String TOKEN = "123456789:AAHcontractTokenForTests_only-abcdefgh";
  private static final long CHAT = -1001234567890L;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

  private Sandbox sandbox;
  private TelegramSandbox telegram;
  private TelegramConnector connector;
  private ChannelContext channel;

  @Before
  public void connectAChannel() throws IOException {
    sandbox = Sandbox.start(0);
    telegram = sandbox.telegram();
    telegram.addBot(TOKEN, "socialweave_bot");
    telegram.addChat(CHAT, "socialweave_news");
    connector =
        new TelegramConnector(
            sandbox.baseUrl(), Duration.ofSeconds(2), REQUEST_TIMEOUT, Clock.systemUTC());
    // Connecting is set-up, not under test: a patient connector, so a loaded machine is no failure.
    TelegramConnector patient =
        new TelegramConnector(
            sandbox.baseUrl(), Duration.ofSeconds(10), Duration.ofSeconds(10), Clock.systemUTC());
    ConnectedAccount account =
        patient.connect(
            Map.of(
                TelegramConnector.FIELD_BOT_TOKEN,
                TOKEN,
                TelegramConnector.SETTING_CHAT_ID,
                String.valueOf(CHAT)));
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
    telegram.inject(TOKEN, fault, times);
  }

  @Override
  protected void revokeCredentials() {
    telegram.revoke(TOKEN);
  }

  @Override
  protected long requestCount() {
    return telegram.requestCount(TOKEN);
  }

  @Override
  protected Map<String, String> postsOnNetwork() {
    return telegram.messages(TOKEN).stream()
        .filter(message -> !message.deleted())
        .collect(
            Collectors.toMap(
                message -> String.valueOf(message.messageId()), TelegramMessage::text));
  }

  @Override
  protected Duration requestTimeout() {
    return REQUEST_TIMEOUT;
  }
}
