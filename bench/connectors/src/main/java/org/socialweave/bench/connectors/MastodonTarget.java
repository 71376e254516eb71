package org.socialweave.bench.connectors;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.Credentials;
import org.socialweave.api.connector.PlatformConnector;
import org.socialweave.connector.mastodon.internal.MastodonConnector;
import org.socialweave.sandbox.Sandbox;

/**
 * Mastodon: {@code POST /mastodon/<instance>/api/v1/statuses} with JSON {@code {"status":"..."}}, a
 * Bearer token and the request's {@code Idempotency-Key} (the connector sends JSON, not a form).
 */
final class MastodonTarget implements BenchTarget {

  private static final String INSTANCE = "bench.social.example";
  private static final String TOKEN = "benchMastodonAccessToken_0123456789abcdefghijklmnopqrstu";

  @Override
  public String network() {
    return "mastodon";
  }

  @Override
  public void setUp(Sandbox sandbox) {
    sandbox.mastodon().addInstance(INSTANCE);
    sandbox.mastodon().addAccount(INSTANCE, TOKEN, "bench");
  }

  @Override
  public PlatformConnector connector(Sandbox sandbox) {
    return new MastodonConnector();
  }

  @Override
  public ChannelContext channel(Sandbox sandbox) {
    return new ChannelContext(
        "ws-bench",
        "ch-mastodon",
        "109000000000000001",
        Credentials.ofToken(TOKEN),
        Map.of("instanceUrl", sandbox.mastodon().instanceUrl(INSTANCE).toString()));
  }

  @Override
  public HttpRequest rawRequest(Sandbox sandbox, String key, String text) {
    String body = "{\"status\":" + BenchTarget.json(text) + "}";
    URI base = sandbox.mastodon().instanceUrl(INSTANCE);
    return HttpRequest.newBuilder(URI.create(base + "/api/v1/statuses"))
        .timeout(Duration.ofSeconds(30))
        .version(HttpClient.Version.HTTP_1_1)
        .header("Authorization", "Bearer " + TOKEN)
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", key)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  @Override
  public long storedPosts(Sandbox sandbox) {
    return sandbox.mastodon().statuses(TOKEN).size();
  }
}
