package org.socialweave.webhooks.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.socialweave.core.persistence.UnitOfWork;
import org.socialweave.webhooks.internal.persistence.DeliveryEntity;
import org.socialweave.webhooks.internal.persistence.WebhookEntity;

/**
 * The queue side of {@code sw_webhook_delivery}. A claim is one conditional UPDATE that only
 * succeeds while the row is still due (or its lease has run out), so of several nodes on one
 * database exactly one sends an attempt; a node that dies mid-attempt frees the row when its lease
 * ends, and the same delivery id goes out again.
 */
final class DeliveryQueue {

  private static final String PENDING = DeliveryStatus.PENDING.name();
  private static final String DELIVERING = DeliveryStatus.DELIVERING.name();
  private static final int MAX_ERROR = 1000;

  /** What a worker needs for one attempt. */
  record Claimed(
      String id,
      String webhookId,
      String workspaceId,
      String eventType,
      String payload,
      int attempt,
      String url,
      String secretName,
      boolean active) {}

  private final UnitOfWork db;

  DeliveryQueue(UnitOfWork db) {
    this.db = db;
  }

  List<String> due(Instant now, int limit) {
    return db.read(
        em ->
            em.createQuery(
                    "SELECT d.id FROM DeliveryEntity d WHERE (d.status = :pending AND"
                        + " d.nextAttemptAt <= :now) OR (d.status = :delivering AND d.leaseUntil"
                        + " < :now) ORDER BY d.nextAttemptAt",
                    String.class)
                .setParameter("pending", PENDING)
                .setParameter("delivering", DELIVERING)
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList());
  }

  Optional<Claimed> claim(String deliveryId, String node, Instant now, Duration lease) {
    return db.inTransaction(
        em -> {
          int won =
              em.createQuery(
                      "UPDATE DeliveryEntity d SET d.status = :delivering, d.leaseOwner = :node,"
                          + " d.leaseUntil = :until, d.attempts = d.attempts + 1,"
                          + " d.lastAttemptAt = :now WHERE d.id = :id AND ((d.status = :pending"
                          + " AND d.nextAttemptAt <= :now) OR (d.status = :delivering AND"
                          + " d.leaseUntil < :now))")
                  .setParameter("delivering", DELIVERING)
                  .setParameter("pending", PENDING)
                  .setParameter("node", node)
                  .setParameter("until", now.plus(lease))
                  .setParameter("now", now)
                  .setParameter("id", deliveryId)
                  .executeUpdate();
          if (won != 1) {
            return Optional.empty();
          }
          DeliveryEntity d = em.find(DeliveryEntity.class, deliveryId);
          em.refresh(d);
          WebhookEntity hook = em.find(WebhookEntity.class, d.webhookId);
          return Optional.of(
              new Claimed(
                  d.id,
                  d.webhookId,
                  d.workspaceId,
                  d.eventType,
                  d.payload,
                  d.attempts,
                  hook.url,
                  hook.secretName,
                  hook.active));
        });
  }

  void delivered(String deliveryId, String node, int statusCode, Instant now) {
    finish(deliveryId, node, DeliveryStatus.DELIVERED, statusCode, null, null, now);
  }

  void retryAt(String deliveryId, String node, Integer statusCode, String error, Instant at) {
    finish(deliveryId, node, DeliveryStatus.PENDING, statusCode, error, at, null);
  }

  void failed(String deliveryId, String node, Integer statusCode, String error) {
    finish(deliveryId, node, DeliveryStatus.FAILED, statusCode, error, null, null);
  }

  /** Records an attempt's outcome, unless the lease was lost to another node meanwhile. */
  private void finish(
      String deliveryId,
      String node,
      DeliveryStatus status,
      Integer statusCode,
      String error,
      Instant nextAttemptAt,
      Instant deliveredAt) {
    db.inTransaction(
        em -> {
          DeliveryEntity d = em.find(DeliveryEntity.class, deliveryId);
          if (d == null || !DELIVERING.equals(d.status) || !node.equals(d.leaseOwner)) {
            return null;
          }
          d.status = status.name();
          d.lastStatusCode = statusCode;
          d.lastError =
              error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
          d.nextAttemptAt = nextAttemptAt;
          d.deliveredAt = deliveredAt;
          d.leaseOwner = null;
          d.leaseUntil = null;
          return null;
        });
  }
}
