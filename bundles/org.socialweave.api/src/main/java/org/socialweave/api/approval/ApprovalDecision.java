package org.socialweave.api.approval;

import java.time.Instant;

/**
 * One person's verdict on one stage.
 *
 * @param stage the stage's index, 0-based
 * @param spanStart where the comment's text span starts in the variant (or master copy) text, in
 *     UTF-16 units, or {@code null} for a comment on the whole post
 * @param spanEnd where that span ends (exclusive), or {@code null}
 * @param channelId the variant the span is in, or {@code null} for the master copy
 */
public record ApprovalDecision(
    int stage,
    String userId,
    String username,
    Verdict verdict,
    String comment,
    Integer spanStart,
    Integer spanEnd,
    String channelId,
    Instant decidedAt) {

  /** What a reviewer says. */
  public enum Verdict {
    APPROVE,
    REJECT,
    REQUEST_CHANGES
  }
}
