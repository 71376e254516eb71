package org.socialweave.content.internal;

import java.util.List;

/**
 * One line of the compliance trail export.
 *
 * @param at ISO-8601 instant
 * @param kind {@code check}, {@code override}, {@code approval} or {@code publication}
 * @param stage the check's stage, the approval stage, or the network post id
 * @param outcome {@code blocked}/{@code success} for a check, the verdict for an approval, {@code
 *     published}/{@code failed} for a publication
 * @param digest SHA-256 the audit entry's target carries (check body, override reason, decision,
 *     publication outcome), or null
 * @param auditSequence the audit entry of this line, or null where the chain has none linked
 * @param auditHash that entry's hash, or null
 */
public record TrailEntry(
    String at,
    String kind,
    String postId,
    Integer revision,
    String variantId,
    String network,
    String stage,
    String actor,
    String outcome,
    String detail,
    String digest,
    Long auditSequence,
    String auditHash) {

  public static final List<String> COLUMNS =
      List.of(
          "at",
          "kind",
          "postId",
          "revision",
          "variantId",
          "network",
          "stage",
          "actor",
          "outcome",
          "detail",
          "digest",
          "auditSequence",
          "auditHash");
}
