package org.socialweave.approval.internal;

import java.time.Instant;

/**
 * A review link as its issuer sees it. The token (the link's secret part) is only in the answer
 * that issues it, and in the e-mail to the reviewer.
 *
 * @param emailedAt when the node e-mailed the link to the reviewer, or {@code null} when it could
 *     not (no e-mail channel, or the server refused): then the issuer sends the link
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
    Instant emailedAt,
    String token) {}
