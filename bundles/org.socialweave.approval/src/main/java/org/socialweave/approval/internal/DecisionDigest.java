package org.socialweave.approval.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.socialweave.approval.internal.persistence.DecisionEntity;
import org.socialweave.approval.internal.persistence.RequestEntity;
import org.socialweave.core.persistence.Digests;

/**
 * The digest that links a decision into the audit chain: SHA-256 over its facts as JSON (the
 * decision, the post and the revision it was about), carried by its audit entry's target {@code
 * post/<id>/revision/<n>/approvals/<request>/decisions/<decision>#sha256=<digest>}, the way check
 * runs and overrides are linked.
 */
final class DecisionDigest {

  /** ASCII JSON, so the digest does not depend on how a text's characters are encoded. */
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  /** What the digest covers, in this order. */
  record Facts(
      String version,
      String decisionId,
      String workspaceId,
      String requestId,
      String postId,
      int revision,
      int stage,
      String deciderId,
      String deciderName,
      String externalEmail,
      String verdict,
      String comment,
      Integer spanStart,
      Integer spanEnd,
      String channelId,
      String decidedAt) {}

  private DecisionDigest() {}

  static String of(RequestEntity r, DecisionEntity d) {
    Facts facts =
        new Facts(
            "v1",
            d.id,
            r.workspaceId,
            r.id,
            r.postId,
            r.revision,
            d.stage,
            d.userId,
            d.username,
            d.externalEmail,
            d.verdict,
            d.comment,
            d.spanStart,
            d.spanEnd,
            d.channelId,
            d.decidedAt.toString());
    try {
      return Digests.sha256(JSON.writeValueAsString(facts));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a decision is plain JSON", e);
    }
  }

  static String auditTarget(RequestEntity r, DecisionEntity d) {
    return "post/"
        + r.postId
        + "/revision/"
        + r.revision
        + "/approvals/"
        + r.id
        + "/decisions/"
        + d.id
        + "#sha256="
        + d.digest;
  }
}
