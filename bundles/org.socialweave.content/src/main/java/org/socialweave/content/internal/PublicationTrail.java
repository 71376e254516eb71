package org.socialweave.content.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.socialweave.content.internal.persistence.PublicationEntity;
import org.socialweave.core.persistence.Digests;

/**
 * How a publication outcome is linked into the audit chain: SHA-256 over its facts as JSON (post,
 * revision, variant, channel, outcome, network post id and URL or failure, time), carried by its
 * audit entry's target {@code post/<id>/revision/<n>/variant/<v>/publication/<id>#sha256=<digest>},
 * the way check runs and overrides are linked.
 */
final class PublicationTrail {

  static final String PUBLISHED = "published";
  static final String FAILED = "failed";

  /** ASCII JSON, so the digest does not depend on how a text's characters are encoded. */
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  /** What the digest covers, in this order. */
  record Facts(
      String version,
      String id,
      String workspaceId,
      String postId,
      int revision,
      String variantId,
      String channelId,
      String network,
      String jobId,
      String outcome,
      String platformPostId,
      String url,
      String failureKind,
      String failureMessage,
      String at) {}

  private PublicationTrail() {}

  static String digest(PublicationEntity p) {
    Facts facts =
        new Facts(
            "v1",
            p.id,
            p.workspaceId,
            p.postId,
            p.revision,
            p.variantId,
            p.channelId,
            p.network,
            p.jobId,
            p.outcome,
            p.platformPostId,
            p.url,
            p.failureKind,
            p.failureMessage,
            p.at.toString());
    try {
      return Digests.sha256(JSON.writeValueAsString(facts));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a publication is plain JSON", e);
    }
  }

  static String auditTarget(PublicationEntity p) {
    return "post/"
        + p.postId
        + "/revision/"
        + p.revision
        + "/variant/"
        + p.variantId
        + "/publication/"
        + p.id
        + "#sha256="
        + p.digest;
  }
}
