package org.socialweave.api.connector;

import java.time.Instant;

/**
 * Which post {@link PlatformConnector#fetchPost} should look for: a known id, or, after a crash or
 * an {@link ErrorKind#OUTCOME_UNKNOWN}, the publish attempt that may or may not have created one.
 *
 * @param platformPostId the network's id of the post, or {@code null} when it was never learnt
 * @param idempotencyKey the key of the publish attempt, or {@code null}; connectors with {@link
 *     Operation#IDEMPOTENCY_KEY} find the post by it
 * @param text the text that was sent, or {@code null}; lets connectors without a key match recent
 *     posts of the account
 * @param notBefore the attempt's start: posts older than this are not it; may be {@code null}
 */
public record PostQuery(
    String platformPostId, String idempotencyKey, String text, Instant notBefore) {

  public PostQuery {
    boolean hasId = platformPostId != null && !platformPostId.isBlank();
    boolean hasKey = idempotencyKey != null && !idempotencyKey.isBlank();
    if (!hasId && !hasKey) {
      throw new IllegalArgumentException("a post query needs platformPostId or idempotencyKey");
    }
  }

  public static PostQuery byId(String platformPostId) {
    return new PostQuery(platformPostId, null, null, null);
  }

  /** The attempt with this key, which sent {@code text} no earlier than {@code notBefore}. */
  public static PostQuery byAttempt(String idempotencyKey, String text, Instant notBefore) {
    return new PostQuery(null, idempotencyKey, text, notBefore);
  }
}
