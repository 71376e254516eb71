package org.socialweave.api.vault;

import java.time.Instant;

/** Metadata of a stored secret; the value itself is never part of it. */
public record SecretRef(String workspaceId, String name, Instant updatedAt) {}
