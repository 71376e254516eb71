package org.socialweave.api.connector;

import org.socialweave.api.error.ValidationException;

/**
 * An answer to a comment, message or mention, written by an agent in the inbox.
 *
 * @param target the interaction answered; it carries the ids the connector needs
 * @param text the answer; not blank
 * @param idempotencyKey stable across retries of the same answer
 */
public record ReplyRequest(Interaction target, String text, String idempotencyKey) {

  public ReplyRequest {
    if (target == null) {
      throw new ValidationException("target", "the interaction to answer is required");
    }
    if (text == null || text.isBlank()) {
      throw new ValidationException("text", "a reply needs text");
    }
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      throw new ValidationException("idempotencyKey", "an idempotency key is required");
    }
  }
}
