package org.socialweave.api.audit;

import java.time.Instant;

/** A stored audit event with its place in the hash chain. */
public record AuditEntry(
    long sequence, Instant at, AuditEvent event, String previousHash, String hash) {}
