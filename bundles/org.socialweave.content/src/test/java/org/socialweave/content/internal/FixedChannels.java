package org.socialweave.content.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.channel.AuthorizationOutcome;
import org.socialweave.api.channel.AuthorizationStart;
import org.socialweave.api.channel.Channel;
import org.socialweave.api.channel.ChannelService;
import org.socialweave.api.channel.Network;
import org.socialweave.api.channel.TokenHealth;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.ConnectorException;
import org.socialweave.api.connector.Credentials;
import org.socialweave.api.error.NotFoundException;

/**
 * Channels the posts tests name, with the health they set: the posts only read a channel's network
 * and health. The connect flows are the channels bundle's own tests.
 */
final class FixedChannels implements ChannelService {

  private final Map<String, Channel> byId = new ConcurrentHashMap<>();

  Channel add(String workspaceId, String id, String network) {
    Channel channel =
        new Channel(
            id,
            workspaceId,
            network,
            "acct-" + id,
            "@" + id,
            TokenHealth.judge(null, null, Instant.now(), Instant.now(), null),
            Map.of(),
            Instant.now(),
            Instant.now(),
            1);
    byId.put(id, channel);
    return channel;
  }

  void needsReconnect(String id) {
    Channel c = byId.get(id);
    byId.put(
        id,
        new Channel(
            c.id(),
            c.workspaceId(),
            c.network(),
            c.accountId(),
            c.displayName(),
            TokenHealth.needsReconnect(Instant.now(), "revoked"),
            c.settings(),
            c.connectedAt(),
            Instant.now(),
            c.version() + 1));
  }

  @Override
  public void disconnect(String workspaceId, String channelId) {
    byId.remove(channelId);
  }

  @Override
  public Channel get(String workspaceId, String channelId) {
    Channel c = byId.get(channelId);
    if (c == null || !c.workspaceId().equals(workspaceId)) {
      throw new NotFoundException("channel", channelId);
    }
    return c;
  }

  @Override
  public ChannelContext context(String workspaceId, String channelId) {
    Channel c = get(workspaceId, channelId);
    if (c.health().state() == TokenHealth.State.NEEDS_RECONNECT) {
      throw ConnectorException.authRevoked(c.network(), null, null);
    }
    return new ChannelContext(
        workspaceId, channelId, c.accountId(), Credentials.ofToken("t"), c.settings());
  }

  @Override
  public List<Network> networks() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Page<Channel> list(String workspaceId, PageRequest page) {
    List<Channel> all =
        byId.values().stream()
            .filter(c -> c.workspaceId().equals(workspaceId))
            .sorted(java.util.Comparator.comparing(Channel::id))
            .toList();
    return new Page<>(all, null);
  }

  @Override
  public Channel connect(String workspaceId, String network, Map<String, String> fields) {
    throw new UnsupportedOperationException();
  }

  @Override
  public AuthorizationStart beginAuthorization(
      String workspaceId, String network, String channelId, String userId, String returnTo) {
    throw new UnsupportedOperationException();
  }

  @Override
  public AuthorizationOutcome completeAuthorization(
      String network, String state, String code, String error) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Channel test(String workspaceId, String channelId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Channel refresh(String workspaceId, String channelId) {
    throw new UnsupportedOperationException();
  }
}
