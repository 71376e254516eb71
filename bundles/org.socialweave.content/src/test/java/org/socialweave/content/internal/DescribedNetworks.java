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
 * Networks with the text and media limits of X (280 weighted, URLs 23; four images), Weibo (140
 * Chinese characters; one picture) and Bluesky (300 graphemes; four images), and text-only
 * Instagram and WeChat: the posts read only a connector's descriptor. Publishing is the
 * dispatcher's, and its tests run the real connectors against the sandbox.
 */
final class DescribedNetworks implements Connectors {

  static final NetworkDescriptor X =
      descriptor(
          "x",
          "X",
          new TextLimit(280, TextCounting.X_WEIGHTED, 0, 23),
          new MediaRules(
              4,
              0,
              Set.of("image/jpeg", "image/png", "image/webp"),
              5 * 1024 * 1024,
              0,
              true,
              false));
  static final NetworkDescriptor WEIBO =
      descriptor(
          "weibo",
          "Weibo",
          TextLimit.of(140, TextCounting.WEIBO_CJK_FULL_LATIN_HALF),
          new MediaRules(
              1,
              0,
              Set.of("image/jpeg", "image/png", "image/gif"),
              5 * 1024 * 1024,
              0,
              false,
              false));

  /** Bluesky: 300 graphemes and 3,000 UTF-8 bytes, URLs as written; four images. */
  static final NetworkDescriptor BLUESKY =
      descriptor(
          "bluesky",
          "Bluesky",
          TextLimit.graphemesAndBytes(300, 3000),
          new MediaRules(4, 0, Set.of("image/jpeg", "image/png"), 1024 * 1024, 0, true, false));

  /** Instagram's caption rules: 2,200 characters, 30 hashtags, 20 mentions (no connector yet). */
  static final NetworkDescriptor INSTAGRAM =
      descriptor(
          "instagram", "Instagram", TextLimit.of(2200, TextCounting.GRAPHEMES), MediaRules.NONE);

  static final NetworkDescriptor WECHAT =
      descriptor(
          "wechat", "WeChat", TextLimit.of(20000, TextCounting.CODE_POINTS), MediaRules.NONE);

  private final Map<String, PlatformConnector> byId =
      Map.of(
          "x",
          described(X),
          "weibo",
          described(WEIBO),
          "instagram",
          described(INSTAGRAM),
          "wechat",
          described(WECHAT),
          "bluesky",
          described(BLUESKY));

  private static NetworkDescriptor descriptor(
      String id, String name, TextLimit limit, MediaRules media) {
    Set<Operation> operations =
        media.maxImages() > 0
            ? Set.of(Operation.PUBLISH_TEXT, Operation.PUBLISH_IMAGE)
            : Set.of(Operation.PUBLISH_TEXT);
    return new NetworkDescriptor(id, name, name, limit, null, media, List.of(), operations);
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
