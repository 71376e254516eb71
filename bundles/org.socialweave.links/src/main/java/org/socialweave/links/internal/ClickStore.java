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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.socialweave.api.links.ClickCounts;
import org.socialweave.api.links.ClickQuery;
import org.socialweave.api.links.ClickStats;

/**
 * {@code sw_link_click} over plain JDBC: batched inserts (JPA would add an entity per click for
 * nothing) and the aggregates of {@link org.socialweave.api.links.LinkService#clicks}.
 */
class ClickStore {

  private static final String INSERT =
      "INSERT INTO sw_link_click (id, link_id, workspace_id, campaign_id, post_id, channel_id,"
          + " hour_bucket, bot, bot_reason, referer_host) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final long HOUR_MILLIS = 3_600_000L;
  private static final int MAX_HOST = 255;

  private final DataSource dataSource;

  ClickStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Stores {@code clicks} with their {@code ids} in one transaction. A batch is retried with the
   * same ids after an error, so when an earlier attempt did commit (the answer was lost) the
   * duplicate keys show it and the rows are then inserted one by one, skipping those stored.
   */
  void insert(List<String> ids, List<Click> clicks) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(INSERT)) {
        for (int i = 0; i < clicks.size(); i++) {
          bind(ps, ids.get(i), clicks.get(i));
          ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        if (!isDuplicate(e)) {
          throw e;
        }
        insertEachSkippingStored(c, ids, clicks);
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  private void insertEachSkippingStored(Connection c, List<String> ids, List<Click> clicks)
      throws SQLException {
    c.setAutoCommit(true);
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      for (int i = 0; i < clicks.size(); i++) {
        bind(ps, ids.get(i), clicks.get(i));
        try {
          ps.executeUpdate();
        } catch (SQLException e) {
          if (!isDuplicate(e)) {
            throw e;
          }
        }
      }
    }
  }

  private static boolean isDuplicate(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      if (s.getSQLState() != null && s.getSQLState().startsWith("23")) {
        return true;
      }
    }
    return false;
  }

  private static void bind(PreparedStatement ps, String id, Click click) throws SQLException {
    ResolvedLink link = click.link();
    ps.setString(1, id);
    ps.setString(2, link.linkId());
    ps.setString(3, link.workspaceId());
    ps.setString(4, link.campaignId());
    ps.setString(5, link.postId());
    ps.setString(6, link.channelId());
    ps.setObject(7, hourOf(click.atMillis()));
    ps.setBoolean(8, click.botReason() != null);
    ps.setString(9, click.botReason() == null ? null : click.botReason().column());
    ps.setString(10, refererHost(click.referer()));
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
            "SELECT link_id, post_id, channel_id, campaign_id, bot, COUNT(*) FROM sw_link_click"
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
