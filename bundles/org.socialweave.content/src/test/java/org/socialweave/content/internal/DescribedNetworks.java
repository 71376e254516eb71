package org.socialweave.content.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.ConnectFlow;
import org.socialweave.api.connector.ConnectMethod;
import org.socialweave.api.connector.ConnectedAccount;
import org.socialweave.api.connector.Connectors;
import org.socialweave.api.connector.MediaRules;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.connector.Operation;
import org.socialweave.api.connector.PlatformConnector;
import org.socialweave.api.connector.PostLookup;
import org.socialweave.api.connector.PostQuery;
import org.socialweave.api.connector.PublishRequest;
import org.socialweave.api.connector.PublishResult;
import org.socialweave.api.connector.TextCounting;
import org.socialweave.api.connector.TextLimit;
import org.socialweave.api.error.NotFoundException;

/**
 * Two networks with the text limits of X (280 weighted, URLs 23) and Weibo (140 Chinese
 * characters): the posts read only a connector's descriptor. Publishing is the dispatcher's, and
 * its tests run the real connectors against the sandbox.
 */
final class DescribedNetworks implements Connectors {

  static final NetworkDescriptor X =
      descriptor("x", "X", new TextLimit(280, TextCounting.X_WEIGHTED, 0, 23));
  static final NetworkDescriptor WEIBO =
      descriptor("weibo", "Weibo", TextLimit.of(140, TextCounting.WEIBO_CJK_FULL_LATIN_HALF));

  private final Map<String, PlatformConnector> byId =
      Map.of("x", described(X), "weibo", described(WEIBO));

  private static NetworkDescriptor descriptor(String id, String name, TextLimit limit) {
    return new NetworkDescriptor(
        id, name, name, limit, null, MediaRules.NONE, List.of(), Set.of(Operation.PUBLISH_TEXT));
  }

  private static PlatformConnector described(NetworkDescriptor descriptor) {
    return new Described(descriptor);
  }

  /** A connector that only describes its network; subclasses answer what a test needs. */
  static class Described implements PlatformConnector {
    private final NetworkDescriptor descriptor;

    Described(NetworkDescriptor descriptor) {
      this.descriptor = descriptor;
    }

    @Override
    public NetworkDescriptor descriptor() {
      return descriptor;
    }

    @Override
    public ConnectFlow connectFlow() {
      return ConnectFlow.redirect(ConnectMethod.OAUTH2);
    }

    @Override
    public ConnectedAccount verifyCredentials(ChannelContext channel) {
      throw new UnsupportedOperationException();
    }

    @Override
    public PublishResult publish(ChannelContext channel, PublishRequest request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public PostLookup fetchPost(ChannelContext channel, PostQuery query) {
      throw new UnsupportedOperationException();
    }
  }

  @Override
  public Optional<PlatformConnector> find(String network) {
    return Optional.ofNullable(byId.get(network));
  }

  @Override
  public PlatformConnector require(String network) {
    return find(network).orElseThrow(() -> new NotFoundException("network", network));
  }

  @Override
  public List<PlatformConnector> all() {
    return List.copyOf(byId.values());
  }
}
