package org.socialweave.api.compliance;

/**
 * One thing a check found in a text.
 *
 * @param ruleId stable id of the rule, such as {@code ad-law.absolute.superlative}
 * @param category the rule's category (see {@link Categories})
 * @param severity how serious it is
 * @param start the first UTF-16 index of the span in the original text (or title)
 * @param end the index after the span's last UTF-16 code unit; {@code start == end} for a finding
 *     about the whole text (a missing label, a text that is too long)
 * @param inTitle whether the span is in {@link CheckSubject#title()} instead of the text
 * @param matched the original text of the span, as written (with any separators inside it)
 * @param explanationZh why it was flagged, in Chinese
 * @param explanationEn why it was flagged, in English
 * @param legalBasis the law or rule, or {@code null} when there is none (a workspace word list)
 * @param suggestion a rewrite or remedy where one is obvious, or {@code null}
 * @param needsReview {@code true} where the law leaves room and a person must judge the context
 *     ("needs review in context"), {@code false} where the use is plainly not allowed
 * @param rewrite the exact text to put in place of the span, which an editor applies in one click
 *     (an empty string removes the span), or {@code null} where the remedy needs a person's words
 */
public record Finding(
    String ruleId,
    String category,
    Severity severity,
    int start,
    int end,
    boolean inTitle,
    String matched,
    String explanationZh,
    String explanationEn,
    String legalBasis,
    String suggestion,
    boolean needsReview,
    String rewrite) {

  /** A finding without a one-click rewrite. */
  public Finding(
      String ruleId,
      String category,
      Severity severity,
      int start,
      int end,
      boolean inTitle,
      String matched,
      String explanationZh,
      String explanationEn,
      String legalBasis,
      String suggestion,
      boolean needsReview) {
    this(
        ruleId,
        category,
        severity,
        start,
        end,
        inTitle,
        matched,
        explanationZh,
        explanationEn,
        legalBasis,
        suggestion,
        needsReview,
        null);
  }

  public Finding {
    if (ruleId == null || ruleId.isBlank() || category == null || category.isBlank()) {
      throw new IllegalArgumentException("ruleId and category are required");
    }
    if (severity == null) {
      throw new IllegalArgumentException("severity is required");
    }
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
    }
    if (explanationZh == null || explanationEn == null) {
      throw new IllegalArgumentException("explanations in zh and en are required");
    }
    matched = matched == null ? "" : matched;
  }
}
