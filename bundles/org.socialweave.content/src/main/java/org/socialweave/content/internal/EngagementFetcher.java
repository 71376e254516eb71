package org.socialweave.content.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialweave.api.channel.ChannelService;
import org.socialweave.api.connector.ConnectorException;
import org.socialweave.api.connector.Connectors;
import org.socialweave.api.connector.ErrorKind;
import org.socialweave.api.connector.MetricNames;
import org.socialweave.api.connector.MetricPoint;
import org.socialweave.api.connector.Operation;
import org.socialweave.api.connector.PlatformConnector;
import org.socialweave.api.content.DeliveryStatus;
import org.socialweave.api.content.EngagementFetch;
import org.socialweave.content.internal.persistence.EngagementEntity;
import org.socialweave.content.internal.persistence.PublishJobEntity;
import org.socialweave.core.persistence.UnitOfWork;

/**
 * Reads the metrics of published posts through their connectors and keeps one engagement row per
 * variant. A run is bounded (at most {@code batch} posts, newest first), reads only posts whose row
 * is missing or older than the refresh interval, and stops asking a network for the rest of the run
 * once it answers with its rate limit or quota.
 */
final class EngagementFetcher {

  private static final Logger LOG = LoggerFactory.getLogger(EngagementFetcher.class);

  /** The metrics that count as engagement, where the network reports them. */
  static final List<String> ENGAGEMENT =
      List.of(
          MetricNames.LIKES,
          MetricNames.REPOSTS,
          MetricNames.REPLIES,
          MetricNames.QUOTES,
          MetricNames.BOOKMARKS);

  /** How one fetch run is bounded. */
  record Bounds(int batch, Duration refresh, Duration maxAge) {}

  private final UnitOfWork db;
  private final ChannelService channels;
  private final Connectors connectors;
  private final Clock clock;

  EngagementFetcher(UnitOfWork db, ChannelService channels, Connectors connectors, Clock clock) {
    this.db = db;
    this.channels = channels;
    this.connectors = connectors;
    this.clock = clock;
  }

  /**
   * One run over the published posts due for a read.
   *
   * @param channelId only this channel's posts, or {@code null} for every channel
   */
  EngagementFetch run(String channelId, Bounds bounds) {
    Instant now = clock.instant();
    List<PublishJobEntity> due = due(channelId, now, bounds);
    Set<String> stopped = new HashSet<>();
    Map<String, Optional<Long>> followers = new HashMap<>();
    int fetched = 0;
    int failed = 0;
    int deferred = 0;
    for (PublishJobEntity job : due) {
      if (stopped.contains(job.network)) {
        deferred++;
        continue;
      }
      Optional<PlatformConnector> connector =
          connectors.find(job.network).filter(EngagementFetcher::readsMetrics);
      if (connector.isEmpty()) {
        // Its connector went away since the query: kept as read, asked again after the refresh.
        store(job, now, null, null, null, "the " + job.network + " connector reads no metrics");
        failed++;
        continue;
      }
      try {
        var context = channels.context(job.workspaceId, job.channelId);
        Map<String, List<MetricPoint>> metrics =
            connector.get().fetchMetrics(context, job.platformPostId);
        Long impressions = latest(metrics, MetricNames.IMPRESSIONS);
        if (impressions == null) {
          impressions = latest(metrics, MetricNames.VIEWS);
        }
        Long engagements = null;
        for (String name : ENGAGEMENT) {
          Long value = latest(metrics, name);
          if (value != null) {
            engagements = (engagements == null ? 0 : engagements) + value;
          }
        }
        Long audience = null;
        if (impressions == null || impressions == 0) {
          audience =
              followers
                  .computeIfAbsent(
                      job.channelId,
                      c ->
                          Optional.ofNullable(
                              latest(
                                  connector.get().fetchMetrics(context, null),
                                  MetricNames.FOLLOWERS)))
                  .orElse(null);
        }
        store(job, now, impressions, engagements, audience, null);
        fetched++;
      } catch (ConnectorException e) {
        if (e.kind() == ErrorKind.RATE_LIMITED || e.kind() == ErrorKind.QUOTA_EXHAUSTED) {
          LOG.info(
              "engagement fetch: {} answered {}; its other posts wait for the next run",
              job.network,
              e.kind());
          stopped.add(job.network);
          deferred++;
        } else {
          store(job, now, null, null, null, abbreviate(e.kind() + ": " + e.getMessage()));
          failed++;
        }
      } catch (RuntimeException e) {
        LOG.warn("engagement fetch of variant {} failed", job.variantId, e);
        store(job, now, null, null, null, abbreviate(e.toString()));
        failed++;
      }
    }
    return new EngagementFetch(fetched, failed, deferred);
  }

  /** Engagements per impression, else per follower; {@code null} when neither is known. */
  static Double rate(Long impressions, Long engagements, Long followers) {
    if (engagements == null) {
      return null;
    }
    if (impressions != null && impressions > 0) {
      return engagements / (double) impressions;
    }
    if (followers != null && followers > 0) {
      return engagements / (double) followers;
    }
    return null;
  }

  private static boolean readsMetrics(PlatformConnector connector) {
    return connector.descriptor().operations().contains(Operation.FETCH_METRICS);
  }

  /**
   * The newest published posts due for a read, of networks whose connector reads metrics: the
   * others' posts would fill the batch and keep the measurable ones waiting.
   */
  private List<PublishJobEntity> due(String channelId, Instant now, Bounds bounds) {
    List<String> measurable =
        connectors.all().stream()
            .filter(EngagementFetcher::readsMetrics)
            .map(c -> c.descriptor().id())
            .toList();
    if (measurable.isEmpty()) {
      return List.of();
    }
    return db.read(
        em -> {
          var query =
              em.createQuery(
                      "SELECT j FROM PublishJobEntity j WHERE j.status = :published"
                          + " AND j.network IN :measurable"
                          + " AND j.platformPostId IS NOT NULL AND j.publishedAt >= :oldest"
                          + (channelId == null ? "" : " AND j.channelId = :channel")
                          + " AND NOT EXISTS (SELECT e FROM EngagementEntity e"
                          + " WHERE e.variantId = j.variantId AND e.fetchedAt > :fresh)"
                          + " ORDER BY j.publishedAt DESC",
                      PublishJobEntity.class)
                  .setParameter("published", DeliveryStatus.PUBLISHED.name())
                  .setParameter("measurable", measurable)
                  .setParameter("oldest", now.minus(bounds.maxAge()))
                  .setParameter("fresh", now.minus(bounds.refresh()));
          if (channelId != null) {
            query.setParameter("channel", channelId);
          }
          return query.setMaxResults(bounds.batch()).getResultList();
        });
  }

  private void store(
      PublishJobEntity job,
      Instant now,
      Long impressions,
      Long engagements,
      Long followers,
      String failure) {
    db.inTransaction(
        em -> {
          EngagementEntity e = em.find(EngagementEntity.class, job.variantId);
          if (e == null) {
            e = new EngagementEntity();
            e.variantId = job.variantId;
            e.workspaceId = job.workspaceId;
            e.channelId = job.channelId;
            e.network = job.network;
            em.persist(e);
          }
          e.publishedAt = job.publishedAt;
          e.fetchedAt = now;
          if (failure == null) {
            e.impressions = impressions;
            e.engagements = engagements;
            e.followers = followers;
            e.engagementRate = rate(impressions, engagements, followers);
          }
          // A failed read keeps the last good figures.
          e.failure = failure;
          return null;
        });
  }

  private static Long latest(Map<String, List<MetricPoint>> metrics, String name) {
    List<MetricPoint> points = metrics.get(name);
    return points == null || points.isEmpty()
        ? null
        : Math.round(points.get(points.size() - 1).value());
  }

  private static String abbreviate(String text) {
    return text.length() > 500 ? text.substring(0, 497) + "..." : text;
  }
}
