package org.socialweave.publish.internal;

import java.util.List;
import java.util.Map;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.channel.AuthorizationOutcome;
import org.socialweave.api.channel.AuthorizationStart;
import org.socialweave.api.channel.Channel;
import org.socialweave.api.channel.ChannelService;
import org.socialweave.api.channel.Network;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.ConnectedAccount;
import org.socialweave.api.error.NotFoundException;

/**
 * The one channel a runner test publishes to, connected through the connector's real flow; the
 * runner only asks for its context (and a refresh, which Mastodon tokens never need).
 */
final class OneChannel implements ChannelService {

  private final String workspaceId;
  private final String channelId;
  private final ConnectedAccount account;
  volatile boolean disconnected;

  OneChannel(String workspaceId, String channelId, ConnectedAccount account) {
    this.workspaceId = workspaceId;
    this.channelId = channelId;
    this.account = account;
  }

  @Override
  public ChannelContext context(String workspace, String channel) {
    if (disconnected || !workspace.equals(workspaceId) || !channel.equals(channelId)) {
      throw new NotFoundException("channel", channel);
    }
    return new ChannelContext(
        workspaceId, channelId, account.accountId(), account.credentials(), account.settings());
  }

  @Override
  public Channel refresh(String workspace, String channel) {
    throw new UnsupportedOperationException("Mastodon access tokens do not expire");
  }

  @Override
  public List<Network> networks() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Page<Channel> list(String workspace, PageRequest page) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Channel get(String workspace, String channel) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Channel connect(String workspace, String network, Map<String, String> fields) {
    throw new UnsupportedOperationException();
  }

  @Override
  public AuthorizationStart beginAuthorization(
      String workspace, String network, String channel, String userId, String returnTo) {
    throw new UnsupportedOperationException();
  }

  @Override
  public AuthorizationOutcome completeAuthorization(
      String network, String state, String code, String error) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Channel test(String workspace, String channel) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void disconnect(String workspace, String channel) {
    throw new UnsupportedOperationException();
  }
}
