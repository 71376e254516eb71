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

  private static final String STORED_THROUGH =
      "SELECT stored_through FROM sw_link_click_journal WHERE journal_id = ?";
  private static final String NEW_JOURNAL =
      "INSERT INTO sw_link_click_journal (journal_id, stored_through, updated_at)"
          + " VALUES (?, 0, CURRENT_TIMESTAMP)";
  private static final String ADVANCE_JOURNAL =
      "UPDATE sw_link_click_journal SET stored_through = ?, updated_at = CURRENT_TIMESTAMP"
          + " WHERE journal_id = ? AND stored_through < ?";
  private static final String INCREMENT =
      "UPDATE sw_link_click SET clicks = clicks + ? WHERE link_id = ? AND hour_bucket = ?"
          + " AND bot_reason = ? AND referer_host = ?";
  // The attribution comes from the link itself: a click carries only the link's id.
  private static final String INSERT =
      "INSERT INTO sw_link_click (clicks, link_id, hour_bucket, bot_reason, referer_host,"
          + " bot, workspace_id, campaign_id, post_id, channel_id)"
          + " SELECT ?, id, ?, ?, ?, ?, workspace_id, campaign_id, post_id, channel_id"
          + " FROM sw_link WHERE id = ?";
  private static final long HOUR_MILLIS = 3_600_000L;
  private static final int MAX_HOST = 255;

  private final DataSource dataSource;

  ClickStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** What one counter row counts: a link's clicks of one hour, bot reason and referer host. */
  private record Counter(String linkId, OffsetDateTime hour, String botReason, String referer) {}

  /** Up to which click number the database holds journal {@code journalId}'s clicks. */
  long storedThrough(String journalId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement select = c.prepareStatement(STORED_THROUGH)) {
        select.setString(1, journalId);
        try (ResultSet rs = select.executeQuery()) {
          if (rs.next()) {
            return rs.getLong(1);
          }
        }
      }
      try (PreparedStatement insert = c.prepareStatement(NEW_JOURNAL)) {
        insert.setString(1, journalId);
        insert.executeUpdate();
      }
      return 0;
    }
  }

  /**
   * Adds {@code clicks} to the counters in one transaction. With a {@code mark}, the same
   * transaction records that the journal's clicks up to {@code mark.through()} are stored; a batch
   * that an earlier attempt did commit (its answer lost, or the node killed before it knew) finds
   * the mark already there and counts nothing twice. Two nodes creating the same counter at once
   * clash on its key; the loser's batch fails and is retried, then incrementing.
   */
  void insert(JournalMark mark, List<Click> clicks) throws SQLException {
    Map<Counter, Long> counts = new LinkedHashMap<>();
    for (Click click : clicks) {
      Counter key =
          new Counter(
              click.linkId(),
              hourOf(click.atMillis()),
              click.botReason() == null ? "" : click.botReason().column(),
              Objects.requireNonNullElse(click.refererHost(), ""));
      counts.merge(key, 1L, Long::sum);
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (mark != null && !advance(c, mark)) {
          c.rollback();
          return;
        }
        List<Map.Entry<Counter, Long>> missing = new ArrayList<>();
        try (PreparedStatement increment = c.prepareStatement(INCREMENT)) {
          for (Map.Entry<Counter, Long> e : counts.entrySet()) {
            Counter key = e.getKey();
            increment.setLong(1, e.getValue());
            increment.setString(2, key.linkId());
            increment.setObject(3, key.hour());
            increment.setString(4, key.botReason());
            increment.setString(5, key.referer());
            if (increment.executeUpdate() == 0) {
              missing.add(e);
            }
          }
        }
        if (!missing.isEmpty()) {
          try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (Map.Entry<Counter, Long> e : missing) {
              Counter key = e.getKey();
              insert.setLong(1, e.getValue());
              insert.setObject(2, key.hour());
              insert.setString(3, key.botReason());
              insert.setString(4, key.referer());
              insert.setBoolean(5, !key.botReason().isEmpty());
              insert.setString(6, key.linkId());
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

  /** A journal's clicks up to {@code through} are in the batch being stored. */
  record JournalMark(String journalId, long through) {}

  private static boolean advance(Connection c, JournalMark mark) throws SQLException {
    try (PreparedStatement advance = c.prepareStatement(ADVANCE_JOURNAL)) {
      advance.setLong(1, mark.through());
      advance.setString(2, mark.journalId());
      advance.setLong(3, mark.through());
      return advance.executeUpdate() == 1;
    }
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
