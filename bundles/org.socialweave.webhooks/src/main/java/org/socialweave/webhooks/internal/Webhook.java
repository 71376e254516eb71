package org.socialweave.webhooks.internal;

import java.time.Instant;
import java.util.List;

/** A subscription as the API shows it; its secret is never part of it. */
public record Webhook(
    String id,
    String workspaceId,
    String url,
    List<String> eventTypes,
    boolean active,
    String description,
    String disabledReason,
    Instant createdAt,
    Instant updatedAt,
    long version) {}
