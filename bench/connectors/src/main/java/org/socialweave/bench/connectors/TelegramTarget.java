package org.socialweave.bench.connectors;

import java.lang.reflect.Constructor;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.Credentials;
import org.socialweave.api.connector.PlatformConnector;
import org.socialweave.sandbox.Sandbox;

/**
 * Telegram: {@code POST /bot<token>/sendMessage} with JSON {@code {"chat_id":"...","text":"..."}}.
 */
final class TelegramTarget implements BenchTarget {

  private static final String TOKEN = "7123456789:AAHbenchTokenForTheConnectorBench_x1";
  private static final long CHAT = -1001234567890L;

  @Override
  public String network() {
    return "telegram";
  }

  @Override
  public void setUp(Sandbox sandbox) {
    sandbox.telegram().addBot(TOKEN, "socialweave_bench_bot");
    sandbox.telegram().addChat(CHAT, "socialweave_bench");
  }

  /** The package-private constructor the connector's own tests and the sandbox use. */
  @Override
  public PlatformConnector connector(Sandbox sandbox) {
    try {
      Class<?> type =
          Class.forName("org.socialweave.connector.telegram.internal.TelegramConnector");
      Constructor<?> constructor =
          type.getDeclaredConstructor(URI.class, Duration.class, Duration.class, Clock.class);
      constructor.setAccessible(true);
      return (PlatformConnector)
          constructor.newInstance(
              sandbox.baseUrl(), Duration.ofSeconds(10), Duration.ofSeconds(30), Clock.systemUTC());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build the Telegram connector", e);
    }
  }

  @Override
  public ChannelContext channel(Sandbox sandbox) {
    return new ChannelContext(
        "ws-bench",
        "ch-telegram",
        String.valueOf(CHAT),
        Credentials.ofToken(TOKEN),
        Map.of("chatId", String.valueOf(CHAT), "publicUsername", "socialweave_bench"));
  }

  @Override
  public HttpRequest rawRequest(Sandbox sandbox, String key, String text) {
    String body =
        "{\"chat_id\":"
            + BenchTarget.json(String.valueOf(CHAT))
            + ",\"text\":"
            + BenchTarget.json(text)
            + "}";
    return HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/bot" + TOKEN + "/sendMessage"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  @Override
  public long storedPosts(Sandbox sandbox) {
    return sandbox.telegram().messages(TOKEN).size();
  }
}
