package org.socialweave.api.content;

import java.time.Instant;

/**
 * A reusable piece of text of a workspace (a signature, a disclaimer, a hashtag set), inserted into
 * a post or template text as {@code {{snippet:<name>}}} and expanded when the post is saved.
 *
 * @param name lower-case letters, digits, {@code _} and {@code -}; unique in the workspace
 * @param version increases with every change, for {@code ETag}/{@code If-Match}
 */
public record Snippet(
    String id,
    String workspaceId,
    String name,
    String text,
    String createdBy,
    Instant createdAt,
    Instant updatedAt,
    long version) {}
