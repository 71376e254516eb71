package org.socialweave.content.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.ConnectorException;
import org.socialweave.api.connector.Connectors;
import org.socialweave.api.connector.MediaRules;
import org.socialweave.api.connector.MetricNames;
import org.socialweave.api.connector.MetricPoint;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.connector.Operation;
import org.socialweave.api.connector.PlatformConnector;
import org.socialweave.api.connector.RateLimit;
import org.socialweave.api.error.NotFoundException;

/**
 * X and Weibo as the planning sees them: X with a per-account quota of {@link #X_DAILY} posts a UTC
 * calendar day, and both answering the metrics a test sets per platform post id (X with
 * impressions, Weibo with counts only and followers for the account), or a rate-limit error.
 */
final class MeasuredNetworks implements Connectors {

  static final int X_DAILY = 2;

  /** Platform post id to {impressions or -1, likes, reposts, replies}. */
  final Map<String, long[]> metrics = new ConcurrentHashMap<>();

  /** Reads answered before every further read fails with a rate limit; negative: never. */
  final AtomicInteger readsBeforeRateLimit = new AtomicInteger(-1);

  final AtomicInteger reads = new AtomicInteger();

  volatile long weiboFollowers = 1000;

  private final Map<String, PlatformConnector> byId =
      Map.of(
          "x",
          measured(
              describe(
                  DescribedNetworks.X,
                  List.of(
                      new RateLimit(
                          "posts-per-day",
                          RateLimit.Kind.QUOTA,
                          RateLimit.Scope.ACCOUNT,
                          X_DAILY,
                          Duration.ofDays(1),
                          ZoneOffset.UTC,
                          EnumSet.of(Operation.PUBLISH_TEXT))))),
          "weibo",
          measured(describe(DescribedNetworks.WEIBO, List.of())));

  private static NetworkDescriptor describe(NetworkDescriptor base, List<RateLimit> limits) {
    return new NetworkDescriptor(
        base.id(),
        base.nameZh(),
        base.nameEn(),
        base.text(),
        base.captionLimit(),
        MediaRules.NONE,
        limits,
        EnumSet.of(Operation.PUBLISH_TEXT, Operation.FETCH_METRICS));
  }

  private PlatformConnector measured(NetworkDescriptor descriptor) {
    return new DescribedNetworks.Described(descriptor) {
      @Override
      public Map<String, List<MetricPoint>> fetchMetrics(
          ChannelContext channel, String platformPostId) {
        int budget = readsBeforeRateLimit.getAndDecrement();
        if (budget == 0) {
          readsBeforeRateLimit.set(0);
          throw ConnectorException.rateLimited(
              descriptor().id(), Instant.now().plus(Duration.ofMinutes(15)), "429", null);
        }
        reads.incrementAndGet();
        Instant now = Instant.now();
        if (platformPostId == null) {
          return Map.of(MetricNames.FOLLOWERS, List.of(new MetricPoint(now, weiboFollowers)));
        }
        long[] m = metrics.getOrDefault(platformPostId, new long[] {-1, 0, 0, 0});
        Map<String, List<MetricPoint>> out = new LinkedHashMap<>();
        if (m[0] >= 0) {
          out.put(MetricNames.IMPRESSIONS, List.of(new MetricPoint(now, m[0])));
        }
        out.put(MetricNames.LIKES, List.of(new MetricPoint(now, m[1])));
        out.put(MetricNames.REPOSTS, List.of(new MetricPoint(now, m[2])));
        out.put(MetricNames.REPLIES, List.of(new MetricPoint(now, m[3])));
        return out;
      }
    };
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
