package org.socialweave.api.channel;

import java.util.List;
import java.util.Map;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.connector.ChannelContext;

/**
 * Channels: connected accounts, their credentials in the vault, and their token health. Every
 * connect, refresh and test goes through the network's connector; the vault keeps the newest
 * credentials and never loses a good refresh token.
 */
public interface ChannelService {

  /** The networks whose connectors are installed now, by id. */
  List<Network> networks();

  Page<Channel> list(String workspaceId, PageRequest page);

  /**
   * @throws org.socialweave.api.error.NotFoundException when the channel is not in the workspace
   */
  Channel get(String workspaceId, String channelId);

  /**
   * Connects through a direct flow (app secret, app password, bot or access token). Connecting an
   * account that is already a channel of the workspace updates that channel (a reconnect).
   *
   * @throws org.socialweave.api.error.ValidationException for a missing or malformed field, or a
   *     network without a direct flow
   * @throws org.socialweave.api.connector.ConnectorException when the network refuses
   */
  Channel connect(String workspaceId, String network, Map<String, String> fields);

  /**
   * Starts an OAuth connect (or a reconnect of {@code channelId}) for {@code userId}: keeps the
   * PKCE verifier and answers the network's authorization URL with a one-time {@code state}.
   *
   * @param returnTo the console path to come back to, e.g. {@code /channels}; must be relative
   */
  AuthorizationStart beginAuthorization(
      String workspaceId, String network, String channelId, String userId, String returnTo);

  /**
   * Completes an OAuth callback. The {@code state} is used once; an unknown, expired or replayed
   * one ends with an error and connects nothing.
   *
   * @param error the network's {@code error} parameter when the user declined, else {@code null}
   */
  AuthorizationOutcome completeAuthorization(
      String network, String state, String code, String error);

  /** Asks the network whether the credentials work, and records the verdict in the health. */
  Channel test(String workspaceId, String channelId);

  /** Refreshes the channel's credentials now, and records the verdict in the health. */
  Channel refresh(String workspaceId, String channelId);

  /** Removes the channel and its credentials. Idempotent. */
  void disconnect(String workspaceId, String channelId);

  /**
   * The context a connector needs to act for the channel, with credentials refreshed first when
   * they expire within the refresh margin.
   *
   * @throws org.socialweave.api.connector.ConnectorException {@code AUTH_REVOKED} when the channel
   *     needs a reconnect
   */
  ChannelContext context(String workspaceId, String channelId);
}
