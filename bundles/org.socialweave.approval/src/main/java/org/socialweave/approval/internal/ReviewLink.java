package org.socialweave.approval.internal;

import java.time.Instant;

/**
 * A review link as its issuer sees it. The token (the link's secret part) is only in the answer
 * that issues it.
 */
public record ReviewLink(
    String id,
    String requestId,
    String postId,
    int revision,
    int stage,
    String email,
    String name,
    Instant expiresAt,
    String createdBy,
    Instant createdAt,
    Instant revokedAt,
    Instant decidedAt,
    String token) {}
