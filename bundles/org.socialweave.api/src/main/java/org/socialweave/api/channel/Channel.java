package org.socialweave.api.channel;

import java.time.Instant;
import java.util.Map;

/**
 * A connected account on one network, owned by a workspace. Its credentials live in the secrets
 * vault and never appear here.
 *
 * @param network the connector's network id, e.g. {@code weibo}
 * @param accountId the network's id of the account; one channel per (workspace, network, account)
 * @param displayName what people see, e.g. {@code @brand} or the official account's name
 * @param settings the connector's per-channel settings (instance URL, chat id...), not secret
 * @param version increases with every change, for {@code ETag}/{@code If-Match}
 */
public record Channel(
    String id,
    String workspaceId,
    String network,
    String accountId,
    String displayName,
    TokenHealth health,
    Map<String, String> settings,
    Instant connectedAt,
    Instant updatedAt,
    long version) {

  public Channel {
    settings = settings == null ? Map.of() : Map.copyOf(settings);
  }
}
