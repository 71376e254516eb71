package org.socialweave.api;

import java.time.Instant;

/**
 * A brand or client account. Every other record belongs to exactly one workspace.
 *
 * @param version optimistic-lock version, exposed as the ETag of the workspace
 */
public record Workspace(
    String id, String slug, String name, String timeZone, Instant createdAt, long version) {}
