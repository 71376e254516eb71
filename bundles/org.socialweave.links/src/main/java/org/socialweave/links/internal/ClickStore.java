package org.socialweave.links.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.socialweave.api.links.ClickCounts;
import org.socialweave.api.links.ClickQuery;
import org.socialweave.api.links.ClickStats;

/**
 * {@code sw_link_click} over plain JDBC: hourly click counters incremented per batch (JPA would add
 * nothing but cost here) and the aggregates of {@link
 * org.socialweave.api.links.LinkService#clicks}.
 */
class ClickStore {

  private static final String MARK_BATCH =
      "INSERT INTO sw_link_click_batch (id, stored_at) VALUES (?, CURRENT_TIMESTAMP)";
  private static final String INCREMENT =
      "UPDATE sw_link_click SET clicks = clicks + ? WHERE link_id = ? AND hour_bucket = ?"
          + " AND bot_reason = ? AND referer_host = ?";
  private static final String INSERT =
      "INSERT INTO sw_link_click (clicks, link_id, hour_bucket, bot_reason, referer_host,"
          + " workspace_id, campaign_id, post_id, channel_id, bot)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final long HOUR_MILLIS = 3_600_000L;
  private static final int MAX_HOST = 255;

  private final DataSource dataSource;

  ClickStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** What one counter row counts: a link's clicks of one hour, bot reason and referer host. */
  private record Counter(
      ResolvedLink link, OffsetDateTime hour, String botReason, String referer) {}

  /**
   * Adds {@code clicks} to the counters in one transaction, marked with {@code batchId}. A batch is
   * retried with the same id after an error, so when an earlier attempt did commit (the answer was
   * lost) the batch's mark is found and nothing is counted twice. Two nodes creating the same
   * counter at once clash on its key; the loser's batch fails and is retried, then incrementing.
   */
  void insert(String batchId, List<Click> clicks) throws SQLException {
    Map<Counter, Long> counts = new LinkedHashMap<>();
    for (Click click : clicks) {
      Counter key =
          new Counter(
              click.link(),
              hourOf(click.atMillis()),
              click.botReason() == null ? "" : click.botReason().column(),
              Objects.requireNonNullElse(refererHost(click.referer()), ""));
      counts.merge(key, 1L, Long::sum);
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement mark = c.prepareStatement(MARK_BATCH)) {
          mark.setString(1, batchId);
          mark.executeUpdate();
        } catch (SQLException e) {
          c.rollback();
          if (isDuplicate(e)) {
            return;
          }
          throw e;
        }
        List<Map.Entry<Counter, Long>> missing = new ArrayList<>();
        try (PreparedStatement increment = c.prepareStatement(INCREMENT)) {
          for (Map.Entry<Counter, Long> e : counts.entrySet()) {
            bindKey(increment, e.getKey(), e.getValue());
            if (increment.executeUpdate() == 0) {
              missing.add(e);
            }
          }
        }
        if (!missing.isEmpty()) {
          try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (Map.Entry<Counter, Long> e : missing) {
              Counter key = e.getKey();
              bindKey(insert, key, e.getValue());
              insert.setString(6, key.link().workspaceId());
              insert.setString(7, key.link().campaignId());
              insert.setString(8, key.link().postId());
              insert.setString(9, key.link().channelId());
              insert.setBoolean(10, !key.botReason().isEmpty());
              insert.addBatch();
            }
            insert.executeBatch();
          }
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  private static void bindKey(PreparedStatement ps, Counter key, long count) throws SQLException {
    ps.setLong(1, count);
    ps.setString(2, key.link().linkId());
    ps.setObject(3, key.hour());
    ps.setString(4, key.botReason());
    ps.setString(5, key.referer());
  }

  private static boolean isDuplicate(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      if (s.getSQLState() != null && s.getSQLState().startsWith("23")) {
        return true;
      }
    }
    return false;
  }

  static OffsetDateTime hourOf(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis - Math.floorMod(epochMillis, HOUR_MILLIS))
        .atOffset(ZoneOffset.UTC);
  }

  /** The host of a Referer header, lower case, without user info or port; null if there is none. */
  static String refererHost(String referer) {
    if (referer == null) {
      return null;
    }
    int scheme = referer.indexOf("://");
    if (scheme < 0) {
      return null;
    }
    int start = scheme + 3;
    int end = start;
    while (end < referer.length() && "/?#".indexOf(referer.charAt(end)) < 0) {
      end++;
    }
    String authority = referer.substring(start, end);
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    int port = authority.startsWith("[") ? authority.indexOf("]:") + 1 : authority.lastIndexOf(':');
    if (port > 0) {
      authority = authority.substring(0, port);
    }
    if (authority.isEmpty()) {
      return null;
    }
    String host = authority.toLowerCase(Locale.ROOT);
    return host.length() > MAX_HOST ? host.substring(0, MAX_HOST) : host;
  }

  /** Counts of the workspace's clicks that match {@code query}. */
  ClickStats stats(String workspaceId, ClickQuery query) throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "SELECT link_id, post_id, channel_id, campaign_id, bot, SUM(clicks) FROM sw_link_click"
                + " WHERE workspace_id = ?");
    List<Object> params = new ArrayList<>();
    params.add(workspaceId);
    condition(sql, params, "link_id = ?", query.linkId());
    condition(sql, params, "campaign_id = ?", query.campaignId());
    condition(sql, params, "post_id = ?", query.postId());
    condition(sql, params, "channel_id = ?", query.channelId());
    condition(
        sql,
        params,
        "hour_bucket >= ?",
        query.from() == null ? null : query.from().atOffset(ZoneOffset.UTC));
    condition(
        sql,
        params,
        "hour_bucket < ?",
        query.to() == null ? null : query.to().atOffset(ZoneOffset.UTC));
    sql.append(" GROUP BY link_id, post_id, channel_id, campaign_id, bot");
    ClickCounts total = ClickCounts.ZERO;
    Map<String, ClickCounts> byLink = new HashMap<>();
    Map<String, ClickCounts> byPost = new HashMap<>();
    Map<String, ClickCounts> byChannel = new HashMap<>();
    Map<String, ClickCounts> byCampaign = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long count = rs.getLong(6);
          ClickCounts counts =
              rs.getBoolean(5) ? new ClickCounts(0, count) : new ClickCounts(count, 0);
          total = total.plus(counts);
          add(byLink, rs.getString(1), counts);
          add(byPost, rs.getString(2), counts);
          add(byChannel, rs.getString(3), counts);
          add(byCampaign, rs.getString(4), counts);
        }
      }
    }
    return new ClickStats(total, byLink, byPost, byChannel, byCampaign);
  }

  private static void condition(
      StringBuilder sql, List<Object> params, String clause, Object value) {
    if (value != null) {
      sql.append(" AND ").append(clause);
      params.add(value);
    }
  }

  private static void add(Map<String, ClickCounts> map, String key, ClickCounts counts) {
    if (key != null) {
      map.merge(key, counts, ClickCounts::plus);
    }
  }
}
