package org.socialweave.api.connector;

import java.util.Map;

/**
 * The connected account a call is made for. Connectors are shared by all channels of their network
 * and keep no per-channel state between calls; everything they need arrives here.
 *
 * @param workspaceId the workspace that owns the channel
 * @param channelId SocialWeave's id of the channel
 * @param accountId the network's id of the account (Weibo uid, Bluesky DID, Telegram chat id)
 * @param credentials the current credentials; printed redacted
 * @param settings non-secret channel settings the connector documents, e.g. {@code baseUrl} of a
 *     Mastodon instance, a Bluesky PDS or the sandbox; may be empty
 */
public record ChannelContext(
    String workspaceId,
    String channelId,
    String accountId,
    Credentials credentials,
    Map<String, String> settings) {

  public ChannelContext {
    requireText("workspaceId", workspaceId);
    requireText("channelId", channelId);
    requireText("accountId", accountId);
    if (credentials == null) {
      throw new IllegalArgumentException("credentials are required");
    }
    settings = settings == null ? Map.of() : Map.copyOf(settings);
  }

  /** The setting called {@code name}, or {@code null}. */
  public String setting(String name) {
    return settings.get(name);
  }

  /**
   * The same channel with other credentials, e.g. after {@link
   * PlatformConnector#refreshCredentials}.
   */
  public ChannelContext withCredentials(Credentials newCredentials) {
    return new ChannelContext(workspaceId, channelId, accountId, newCredentials, settings);
  }

  static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
  }
}
