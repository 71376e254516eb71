package org.socialweave.api.connector;

/**
 * The connector's judgement of an inbound webhook. Only {@link Outcome#ACCEPTED} payloads are
 * processed; forged and replayed calls are refused and counted by the caller.
 *
 * @param outcome accepted, a handshake, or why it was refused
 * @param payload the verified payload to process (decrypted where the network encrypts, as WeChat's
 *     safe mode); present only when accepted
 * @param deliveryId the network's id of this delivery for de-duplication (Telegram {@code
 *     update_id}, WeChat {@code MsgId}), or {@code null}
 * @param response the body to answer with (WeChat {@code echostr} or {@code success}, X's CRC
 *     {@code response_token}), or {@code null} for an empty 200
 * @param responseContentType the content type of {@code response}, or {@code null}
 * @param reason why the call was refused, for logs; {@code null} unless refused
 */
public record WebhookVerdict(
    Outcome outcome,
    byte[] payload,
    String deliveryId,
    String response,
    String responseContentType,
    String reason) {

  /** What the caller does with the webhook. */
  public enum Outcome {
    /** Signature valid and fresh: process {@link #payload()}. */
    ACCEPTED,
    /** A verification handshake (WeChat {@code echostr}, X CRC): answer, process nothing. */
    CHALLENGE,
    /** Missing or wrong signature: answer 401/403 and count it. */
    FORGED,
    /** Valid signature but a stale timestamp: answer 401/403 and count it. */
    REPLAYED,
    /** Not a request the network sends (unparseable, missing fields): answer 400. */
    MALFORMED
  }

  public WebhookVerdict {
    if (outcome == null) {
      throw new IllegalArgumentException("outcome is required");
    }
    if (outcome == Outcome.ACCEPTED) {
      if (payload == null) {
        throw new IllegalArgumentException("an accepted webhook needs its payload");
      }
      payload = payload.clone();
    } else if (payload != null) {
      throw new IllegalArgumentException("only an accepted webhook has a payload");
    }
    if (isRefusal(outcome) && (reason == null || reason.isBlank())) {
      throw new IllegalArgumentException("a refused webhook needs a reason");
    }
    if (outcome == Outcome.CHALLENGE && response == null) {
      throw new IllegalArgumentException("a challenge needs its response");
    }
  }

  @Override
  public byte[] payload() {
    return payload == null ? null : payload.clone();
  }

  public static WebhookVerdict accepted(byte[] payload, String deliveryId, String response) {
    return new WebhookVerdict(Outcome.ACCEPTED, payload, deliveryId, response, null, null);
  }

  public static WebhookVerdict challenge(String response, String contentType) {
    return new WebhookVerdict(Outcome.CHALLENGE, null, null, response, contentType, null);
  }

  public static WebhookVerdict forged(String reason) {
    return new WebhookVerdict(Outcome.FORGED, null, null, null, null, reason);
  }

  public static WebhookVerdict replayed(String reason) {
    return new WebhookVerdict(Outcome.REPLAYED, null, null, null, null, reason);
  }

  public static WebhookVerdict malformed(String reason) {
    return new WebhookVerdict(Outcome.MALFORMED, null, null, null, null, reason);
  }

  /** Whether the caller must refuse the call. */
  public boolean isRefused() {
    return isRefusal(outcome);
  }

  private static boolean isRefusal(Outcome outcome) {
    return outcome == Outcome.FORGED || outcome == Outcome.REPLAYED || outcome == Outcome.MALFORMED;
  }

  @Override
  public String toString() {
    return "WebhookVerdict[outcome="
        + outcome
        + ", payload="
        + (payload == null ? "none" : payload.length + " bytes")
        + ", deliveryId="
        + deliveryId
        + ", reason="
        + reason
        + "]";
  }
}
