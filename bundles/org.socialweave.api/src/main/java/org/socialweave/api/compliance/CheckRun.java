package org.socialweave.api.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The stored result of one check run on one variant of one revision of a post, linked into the
 * audit chain: the entry {@link #auditSequence()} names carries {@link #digest()} in its target, so
 * editing a stored finding breaks the link and editing the entry breaks the chain.
 *
 * @param stage when it ran: {@value #SUBMIT}, {@value #APPROVAL}, {@value #SCHEDULE} or {@value
 *     #DISPATCH}
 * @param variantId the variant (one channel of the post)
 * @param checks the ids of the checks that ran
 * @param failedChecks the ids of the checks that threw
 * @param wordLists the workspace's word lists at the time, name to version
 * @param digest SHA-256 (hex) over the canonical JSON of the findings, the check ids and word lists
 * @param auditSequence the audit entry that records this run
 * @param auditHash that entry's chain hash
 */
public record CheckRun(
    String id,
    String workspaceId,
    String postId,
    int revision,
    String variantId,
    String network,
    String stage,
    Instant ranAt,
    String actor,
    boolean blocked,
    int blockCount,
    int warnCount,
    int infoCount,
    List<String> checks,
    List<String> failedChecks,
    Map<String, Long> wordLists,
    List<Finding> findings,
    String digest,
    long auditSequence,
    String auditHash) {

  public static final String SUBMIT = "submit";
  public static final String APPROVAL = "approval";
  public static final String SCHEDULE = "schedule";
  public static final String DISPATCH = "dispatch";

  public CheckRun {
    checks = List.copyOf(checks);
    failedChecks = List.copyOf(failedChecks);
    wordLists = Map.copyOf(wordLists);
    findings = List.copyOf(findings);
  }
}
