package org.socialweave.api.compliance;

import java.time.Instant;

/**
 * A workspace's list of sensitive words (without the words themselves; see {@link
 * ComplianceService#exportWordList}).
 *
 * @param workspaceId the owning workspace
 * @param name the list's name, unique in the workspace: lower-case letters, digits, {@code -} and
 *     {@code _}
 * @param severity the severity of the findings for its words
 * @param wordCount the number of distinct words
 * @param updatedAt when the words were last replaced
 * @param version the row version, the list's ETag
 */
public record WordList(
    String workspaceId,
    String name,
    Severity severity,
    int wordCount,
    Instant updatedAt,
    long version) {}
