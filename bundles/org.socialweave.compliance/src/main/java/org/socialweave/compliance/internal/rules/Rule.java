package org.socialweave.compliance.internal.rules;

import java.util.regex.Pattern;
import org.socialweave.api.compliance.Severity;

/**
 * One rule of a rule file: what its terms mean and how serious they are.
 *
 * @param needsReview whether the law leaves room and a person must judge the context
 * @param history whether a description of the brand's own history (a year or 创立 right before the
 *     term) turns the finding into a note for review
 * @param negatable whether a negation just before the term in the same clause ({@code 不能代替药物治疗},
 *     the disclaimer health food must carry) turns the finding into a note
 * @param escalation when the whole folded text matches it, the finding blocks without review (a
 *     "climate neutral" claim next to the word "offset", also written 抵銷 or OFF-SET); {@code null}
 *     for none
 */
record Rule(
    String id,
    String category,
    Severity severity,
    boolean needsReview,
    boolean history,
    boolean negatable,
    Pattern escalation,
    String explanationZh,
    String explanationEn,
    String legalBasis,
    String suggestion) {}
