package org.socialweave.webhooks.internal;

import java.time.Instant;

/** One line of a subscription's delivery log. */
public record Delivery(
    String id,
    String webhookId,
    String eventId,
    String eventType,
    DeliveryStatus status,
    int attempts,
    Integer lastStatusCode,
    String lastError,
    Instant lastAttemptAt,
    Instant nextAttemptAt,
    Instant deliveredAt,
    Instant createdAt) {}
