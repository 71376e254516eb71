package org.socialweave.content.internal;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.channel.Channel;
import org.socialweave.api.channel.ChannelService;
import org.socialweave.api.connector.Connectors;
import org.socialweave.api.content.BestTimeService;
import org.socialweave.api.content.BestTimeSlot;
import org.socialweave.api.content.BestTimes;
import org.socialweave.api.content.EngagementFetch;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.content.internal.persistence.EngagementEntity;
import org.socialweave.core.persistence.UnitOfWork;

/**
 * Best-time suggestions from the engagement of each channel's published posts, and the periodic
 * fetch that keeps that engagement current. Every node asks each minute, but only the node that
 * claims the period's {@link PeriodLease} fetches, so a cluster spends the networks' API quota once
 * per period; a node that dies leaves the next period to another.
 */
@Component(
    service = {BestTimeService.class, BestTimeServiceImpl.class},
    configurationPid = "org.socialweave.content.besttimes")
@Designate(ocd = BestTimeServiceImpl.Config.class)
public class BestTimeServiceImpl implements BestTimeService {

  private static final Logger LOG = LoggerFactory.getLogger(BestTimeServiceImpl.class);

  static final int MAX_LIMIT = 24;

  /** How often each node asks for the fetch lease; a dead node's period passes on this late. */
  static final Duration ASK_EVERY = Duration.ofMinutes(1);

  @ObjectClassDefinition(
      name = "SocialWeave best times",
      description = "Engagement fetch and best-time suggestions per channel")
  public @interface Config {
    @AttributeDefinition(
        description =
            "Minutes between engagement fetch runs over all channels, on one node of the cluster;"
                + " 0 turns them off")
    int fetchIntervalMinutes() default 60;

    @AttributeDefinition(
        description =
            "This node's name in the fetch lease (sw_content_lease.owner); empty for pid@host")
    String nodeId() default "";

    @AttributeDefinition(description = "Published posts read in one fetch run at most")
    int fetchBatch() default 100;

    @AttributeDefinition(description = "Hours before a post's metrics are read again")
    int refreshHours() default 6;

    @AttributeDefinition(description = "Days after publishing during which a post is still read")
    int fetchMaxAgeDays() default 30;

    @AttributeDefinition(description = "Days of published posts the suggestions are based on")
    int historyDays() default 180;

    @AttributeDefinition(description = "Posts a weekday-and-hour cell needs to count as evidence")
    int minSamples() default 3;
  }

  private final UnitOfWork db;
  private final ChannelService channels;
  private final Function<String, Optional<Workspace>> workspaces;
  private final EngagementFetcher fetcher;
  private final Clock clock;
  private final Config config;
  private final PeriodLease fetchLease;
  private final ScheduledExecutorService timer;

  /** The zone a channel's times are read in. */
  @Reference PostingScheduleServiceImpl schedules;

  @Activate
  public BestTimeServiceImpl(
      @Reference(target = PostServiceImpl.DATASOURCE_FILTER) DataSource dataSource,
      @Reference(target = PostServiceImpl.UNIT_FILTER) EntityManagerFactory emf,
      @Reference ChannelService channels,
      @Reference Connectors connectors,
      @Reference WorkspaceService workspaces,
      Config config) {
    this(
        PostServiceImpl.migrated(dataSource, emf),
        channels,
        connectors,
        workspaces::find,
        Clock.systemUTC(),
        config,
        config.nodeId().isBlank()
            ? ManagementFactory.getRuntimeMXBean().getName()
            : config.nodeId().strip());
    if (config.fetchIntervalMinutes() > 0) {
      // The first ask a period after start, as before the lease (a restart does not fetch at
      // once); then asking is one conditional update a minute, and the lease spaces the runs.
      long ask = Math.min(ASK_EVERY.toSeconds(), period().toSeconds());
      timer.scheduleWithFixedDelay(this::fetchSafely, period().toSeconds(), ask, TimeUnit.SECONDS);
    }
  }

  BestTimeServiceImpl(
      UnitOfWork db,
      ChannelService channels,
      Connectors connectors,
      Function<String, Optional<Workspace>> workspaces,
      Clock clock,
      Config config,
      String node) {
    this.db = db;
    this.channels = channels;
    this.workspaces = workspaces;
    this.fetcher = new EngagementFetcher(db, channels, connectors, clock);
    this.clock = clock;
    this.config = config;
    this.fetchLease = new PeriodLease(db, PeriodLease.ENGAGEMENT_FETCH, node, clock);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "socialweave-engagement-fetch");
              t.setDaemon(true);
              return t;
            });
  }

  @Deactivate
  void stop() {
    timer.shutdownNow();
  }

  @Override
  public BestTimes bestTimes(String workspace, String channelId, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException("limit", "limit must be between 1 and " + MAX_LIMIT);
    }
    Channel channel = channel(workspace, channelId);
    String zone = schedules.zoneOf(channel.workspaceId(), channelId);
    Instant since = clock.instant().minus(Duration.ofDays(config.historyDays()));
    List<BestTimeTable.Sample> samples =
        db.read(
            em ->
                em
                    .createQuery(
                        "SELECT e FROM EngagementEntity e WHERE e.channelId = :channel"
                            + " AND e.publishedAt >= :since AND e.engagementRate IS NOT NULL",
                        EngagementEntity.class)
                    .setParameter("channel", channelId)
                    .setParameter("since", since)
                    .getResultList()
                    .stream()
                    .map(e -> new BestTimeTable.Sample(e.publishedAt, e.engagementRate))
                    .toList());
    int min = Math.max(1, config.minSamples());
    List<BestTimeSlot> best = BestTimeTable.best(samples, ZoneId.of(zone), min, limit);
    if (!best.isEmpty()) {
      return new BestTimes(
          channelId,
          channel.network(),
          zone,
          BestTimes.Basis.HISTORY,
          samples.size(),
          min,
          best,
          "from "
              + samples.size()
              + " measured posts of the last "
              + config.historyDays()
              + " days; only weekday-hour cells with at least "
              + min
              + " posts are ranked");
    }
    return new BestTimes(
        channelId,
        channel.network(),
        zone,
        BestTimes.Basis.NETWORK_DEFAULTS,
        samples.size(),
        min,
        NetworkDefaults.of(channel.network(), limit),
        "too little history: "
            + samples.size()
            + " measured posts and no weekday-hour cell with "
            + min
            + "; these are general times for "
            + (NetworkDefaults.known(channel.network()) ? channel.network() : "social networks")
            + ", not evidence from this channel");
  }

  @Override
  public EngagementFetch fetchEngagement(String workspace, String channelId) {
    channel(workspace, channelId);
    return fetcher.run(channelId, bounds());
  }

  /**
   * The periodic run over every channel, when this node claims the period's lease; empty when
   * another node has this period (or this node had it already).
   */
  Optional<EngagementFetch> fetchIfDue() {
    if (!fetchLease.claim(period())) {
      return Optional.empty();
    }
    EngagementFetch run = fetcher.run(null, bounds());
    if (run.fetched() + run.failed() + run.deferred() > 0) {
      LOG.info(
          "engagement fetch: {} read, {} failed, {} deferred",
          run.fetched(),
          run.failed(),
          run.deferred());
    }
    return Optional.of(run);
  }

  /** A failed run (the database away) waits for the next period. */
  private void fetchSafely() {
    try {
      fetchIfDue();
    } catch (RuntimeException e) {
      LOG.warn("engagement fetch run failed", e);
    }
  }

  private Duration period() {
    return Duration.ofMinutes(Math.max(1, config.fetchIntervalMinutes()));
  }

  private EngagementFetcher.Bounds bounds() {
    return new EngagementFetcher.Bounds(
        Math.max(1, config.fetchBatch()),
        Duration.ofHours(Math.max(0, config.refreshHours())),
        Duration.ofDays(Math.max(1, config.fetchMaxAgeDays())));
  }

  private Channel channel(String workspace, String channelId) {
    Workspace ws =
        workspaces
            .apply(workspace)
            .orElseThrow(() -> new NotFoundException("workspace", workspace));
    return channels.get(ws.id(), channelId);
  }
}
