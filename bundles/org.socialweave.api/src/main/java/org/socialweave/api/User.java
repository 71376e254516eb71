package org.socialweave.api;

import java.time.Instant;

/**
 * A person who can log in. Never carries the password hash.
 *
 * @param systemAdmin administers the whole node (all workspaces, Karaf console)
 */
public record User(
    String id,
    String username,
    String displayName,
    String email,
    boolean systemAdmin,
    boolean disabled,
    Instant createdAt,
    long version) {}
