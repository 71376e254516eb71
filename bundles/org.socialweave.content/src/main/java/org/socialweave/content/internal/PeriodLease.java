package org.socialweave.content.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.socialweave.core.persistence.UnitOfWork;

/**
 * Periodic work that one node of a cluster does once per period, however many nodes ask. A claim is
 * the outbox's kind of claim on a row of {@code sw_content_lease}: a conditional update that only
 * succeeds once the lease has run out, so of several nodes on one database exactly one moves it on
 * (PostgreSQL makes the others wait for its commit and then finds their condition false). Holding
 * the lease for a whole period is what spaces the runs; a node that dies holding it is replaced by
 * the first node that asks after it runs out. Nodes compare the lease with their own clocks, so
 * clock skew between them only shifts which node wins.
 */
final class PeriodLease {

  /** The lease of the engagement fetch behind best times (its row is created by content V8). */
  static final String ENGAGEMENT_FETCH = "engagement-fetch";

  private final UnitOfWork db;
  private final String name;
  private final String node;
  private final Clock clock;

  PeriodLease(UnitOfWork db, String name, String node, Clock clock) {
    this.db = db;
    this.name = name;
    this.node = node;
    this.clock = clock;
  }

  /** Whether this node runs the work for the {@code period} from now. */
  boolean claim(Duration period) {
    Instant now = clock.instant();
    int won =
        db.inTransaction(
            em ->
                em.createQuery(
                        "UPDATE LeaseEntity l SET l.owner = :node, l.claimedAt = :now,"
                            + " l.leaseUntil = :until WHERE l.name = :name AND l.leaseUntil <= :now")
                    .setParameter("node", node)
                    .setParameter("now", now)
                    .setParameter("until", now.plus(period))
                    .setParameter("name", name)
                    .executeUpdate());
    return won == 1;
  }
}
