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
 * @param id the stored decision's id, or {@code null} for a verdict not recorded yet
 * @param digest SHA-256 (hex) over the decision with its post and revision, which the target of its
 *     audit entry carries; {@code null} before recording and for decisions made before the trail
 *     linked them
 * @param auditSequence the sequence of the decision's audit entry, or {@code null}
 * @param auditHash that entry's hash, or {@code null}
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
    Instant decidedAt,
    String id,
    String digest,
    Long auditSequence,
    String auditHash) {

  /** A verdict as a reviewer gives it, before it is recorded. */
  public ApprovalDecision(
      int stage,
      String userId,
      String username,
      Verdict verdict,
      String comment,
      Integer spanStart,
      Integer spanEnd,
      String channelId,
      Instant decidedAt) {
    this(
        stage, userId, username, verdict, comment, spanStart, spanEnd, channelId, decidedAt, null,
        null, null, null);
  }

  /** What a reviewer says. */
  public enum Verdict {
    APPROVE,
    REJECT,
    REQUEST_CHANGES
  }
}
