package org.socialweave.bench.connectors;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.ConnectedAccount;
import org.socialweave.api.connector.PlatformConnector;
import org.socialweave.connector.bluesky.internal.BlueskyConnector;
import org.socialweave.sandbox.Sandbox;

/**
 * Bluesky: {@code POST /bluesky/xrpc/com.atproto.repo.createRecord} with the session's {@code
 * Authorization: Bearer <accessJwt>} and the JSON {@code {"repo":<did>, "collection":
 * "app.bsky.feed.post", "rkey":<TID>, "record":{"$type":"app.bsky.feed.post", "text":...,
 * "createdAt":...}}}, in that order, as the connector's Jackson tree writes it. The record key is
 * derived from the idempotency key by the connector's own package-private {@code RecordKeys.tid}
 * (called through a method handle, so the raw side hashes exactly as the connector does); {@code
 * createdAt} is the current time in milliseconds in the connector's format. A bench text has no
 * link, mention or hashtag, so the connector sends no {@code facets}, and no {@code langs}.
 *
 * <p>The channel is connected as in {@code BlueskyContractTest}: {@code addAccount(handle, null,
 * appPassword)}, then {@code connect} with the identifier and app password ({@code createSession};
 * the sandbox limits it to 30 per 5 minutes per identifier, and its {@code reset()} forgets the
 * count). The DID document names the sandbox's entryway as PDS, so the connector records it as the
 * channel setting {@code pdsUrl} and posts there; the raw side uses the same base.
 */
final class BlueskyTarget implements BenchTarget {

  private static final String HANDLE = "bench.bsky.social";
  private static final String APP_PASSWORD = "bnch-bnch-bnch-bnch";
  private static final String POST = "app.bsky.feed.post";
  private static final DateTimeFormatter CREATED_AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final MethodHandle TID = recordKeys();

  private BlueskyConnector connector;
  private ChannelContext channel;
  private URI base;

  @Override
  public String network() {
    return "bluesky";
  }

  @Override
  public void setUp(Sandbox sandbox) {
    sandbox.bluesky().addAccount(HANDLE, null, APP_PASSWORD);
    BlueskyConnector connecting = (BlueskyConnector) connector(sandbox);
    ConnectedAccount account =
        connecting.connect(Map.of("identifier", HANDLE, "appPassword", APP_PASSWORD));
    channel =
        new ChannelContext(
            "ws-bench",
            "ch-bluesky",
            account.accountId(),
            account.credentials(),
            account.settings());
    String pds = channel.setting("pdsUrl");
    base = pds != null ? URI.create(pds) : sandbox.bluesky().serviceUrl();
  }

  /** The public {@code @Activate} constructor (10 s connect, 30 s request timeout). */
  @Override
  public PlatformConnector connector(Sandbox sandbox) {
    if (connector == null) {
      connector =
          new BlueskyConnector(
              BenchTarget.config(
                  BlueskyConnector.Config.class,
                  Map.of("serviceUrl", sandbox.bluesky().serviceUrl().toString())));
    }
    return connector;
  }

  @Override
  public ChannelContext channel(Sandbox sandbox) {
    return channel;
  }

  @Override
  public HttpRequest rawRequest(Sandbox sandbox, String key, String text) {
    String createdAt = CREATED_AT.format(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    String body =
        "{\"repo\":"
            + BenchTarget.json(channel.accountId())
            + ",\"collection\":\""
            + POST
            + "\",\"rkey\":"
            + BenchTarget.json(tid(key))
            + ",\"record\":{\"$type\":\""
            + POST
            + "\",\"text\":"
            + BenchTarget.json(text)
            + ",\"createdAt\":\""
            + createdAt
            + "\"}}";
    return HttpRequest.newBuilder(URI.create(base + "/xrpc/com.atproto.repo.createRecord"))
        .timeout(Duration.ofSeconds(30))
        .version(HttpClient.Version.HTTP_1_1)
        .header("Accept", "application/json")
        .header("Authorization", "Bearer " + channel.credentials().accessToken())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  @Override
  public long storedPosts(Sandbox sandbox) {
    return sandbox.bluesky().records(channel.accountId()).size();
  }

  /** The connector's record key for the head post of attempt {@code key}. */
  static String tid(String key) {
    try {
      return (String) TID.invokeExact(key, 0);
    } catch (Throwable e) {
      throw new IllegalStateException("RecordKeys.tid", e);
    }
  }

  private static MethodHandle recordKeys() {
    try {
      // Package-private in the connector bundle; on the bench's plain class path it is reachable.
      Class<?> keys = Class.forName("org.socialweave.connector.bluesky.internal.RecordKeys");
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(keys, MethodHandles.lookup());
      return lookup.findStatic(
          keys, "tid", MethodType.methodType(String.class, String.class, int.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
