package org.socialweave.api.audit;

/**
 * Something a caller did or tried to do.
 *
 * @param actor username, or {@code token:<id>}, or {@code anonymous}
 * @param action a stable verb such as {@code workspace.create} or {@code POST /workspaces}
 * @param outcome {@code success}, {@code denied} or {@code failure:<status>}
 */
public record AuditEvent(
    String actor,
    String workspaceId,
    String action,
    String target,
    String sourceAddress,
    String outcome) {}
