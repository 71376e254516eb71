package org.socialweave.sandbox;

import java.time.Instant;
import java.util.List;

/**
 * A status the Mastodon sandbox accepted.
 *
 * @param instance the instance's host name, e.g. {@code social.example}
 * @param accessToken the token of the account that posted it, {@code null} for another account
 *     added by the test; never printed
 * @param acct the account's user name
 * @param id the status id, a numeric string as Mastodon's
 * @param text the {@code status} text as sent
 * @param visibility {@code public}, {@code unlisted}, {@code private} or {@code direct}
 * @param inReplyToId the {@code in_reply_to_id} sent, or {@code null}
 * @param mediaIds the {@code media_ids[]} sent; may be empty
 * @param idempotencyKey the {@code Idempotency-Key} header sent, or {@code null}
 * @param createdAt when it was accepted
 * @param deleted whether it was deleted since
 * @param attachments the uploaded media attached, in {@code media_ids[]} order; may be empty
 */
public record MastodonStatus(
    String instance,
    String accessToken,
    String acct,
    String id,
    String text,
    String visibility,
    String inReplyToId,
    List<String> mediaIds,
    String idempotencyKey,
    Instant createdAt,
    boolean deleted,
    List<MastodonMedia> attachments) {

  public MastodonStatus {
    mediaIds = mediaIds == null ? List.of() : List.copyOf(mediaIds);
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** This status, deleted. */
  public MastodonStatus asDeleted() {
    return new MastodonStatus(
        instance,
        accessToken,
        acct,
        id,
        text,
        visibility,
        inReplyToId,
        mediaIds,
        idempotencyKey,
        createdAt,
        true,
        attachments);
  }

  /** The token is a secret even in a sandbox: never printed. */
  @Override
  public String toString() {
    return "MastodonStatus[instance="
        + instance
        + ", acct="
        + acct
        + ", id="
        + id
        + ", text="
        + text
        + ", visibility="
        + visibility
        + ", inReplyToId="
        + inReplyToId
        + ", mediaIds="
        + mediaIds
        + ", idempotencyKey="
        + idempotencyKey
        + ", createdAt="
        + createdAt
        + ", deleted="
        + deleted
        + ", attachments="
        + attachments
        + "]";
  }
}
