package org.socialweave.api.connector;

/**
 * Something a connector can do for its network. A connector lists the operations it supports in
 * {@link NetworkDescriptor#operations()}; callers check that set instead of catching {@link
 * UnsupportedOperationException}.
 */
public enum Operation {
  /** Publish a post made of text only. */
  PUBLISH_TEXT,
  /** Publish a post with one or more images. */
  PUBLISH_IMAGE,
  /** Publish a post with a video. */
  PUBLISH_VIDEO,
  /** Publish a post with a link (a card, or the URL in the text where the network has no card). */
  PUBLISH_LINK,
  /** Publish a thread: a head post followed by parts that reply to it in order. */
  PUBLISH_THREAD,
  /** Delete a published post. */
  DELETE,
  /** Read a published post back, to reconcile after a crash or an unknown outcome. */
  FETCH_POST,
  /** Read metrics of the account or of a post. */
  FETCH_METRICS,
  /** Read comments on the account's posts. */
  FETCH_COMMENTS,
  /** Read direct messages sent to the account. */
  FETCH_MESSAGES,
  /** Answer a comment, message or mention. */
  REPLY,
  /** Verify the signature of an inbound webhook (and answer its handshake). */
  VERIFY_WEBHOOK,
  /** Exchange the current credentials for fresh ones before or after they expire. */
  REFRESH_CREDENTIALS,
  /**
   * The network itself honours {@link PublishRequest#idempotencyKey()} (Mastodon's {@code
   * Idempotency-Key}, a Bluesky record key derived from it): a retried publish cannot create a
   * second post. Without it, callers reconcile with {@link PlatformConnector#fetchPost} first.
   */
  IDEMPOTENCY_KEY
}
