package org.socialweave.api.connector;

/**
 * The class of a network failure. Callers decide what to do from the kind, never from messages;
 * {@link #retryPolicy()} says when the same request may be sent again.
 */
public enum ErrorKind {
  /** The access token expired: refresh the credentials, then retry. */
  AUTH_EXPIRED(RetryPolicy.AFTER_REFRESH),
  /**
   * The grant is gone (revoked, password changed, OAuth {@code invalid_grant}): the channel needs a
   * person to reconnect it. Never retried.
   */
  AUTH_REVOKED(RetryPolicy.NEVER),
  /** A short-window rate limit was hit; retry at {@link ConnectorException#retryAfter()}. */
  RATE_LIMITED(RetryPolicy.AFTER_RESET),
  /**
   * A daily or monthly quota is used up; retry at {@link ConnectorException#retryAfter()} (the
   * quota's reset, which may be hours away).
   */
  QUOTA_EXHAUSTED(RetryPolicy.AFTER_RESET),
  /**
   * The network refused the content (too long, sensitive words, policy); {@link
   * ConnectorException#networkCode()} and {@link ConnectorException#networkMessage()} carry its
   * reason. Retrying unchanged cannot help.
   */
  CONTENT_REJECTED(RetryPolicy.NEVER),
  /**
   * The network refused the post as a duplicate of an existing one. If this request may have been
   * sent before, an earlier attempt probably published it: reconcile with {@link
   * PlatformConnector#fetchPost} rather than report a failure.
   */
  DUPLICATE(RetryPolicy.NEVER),
  /** The network refused a media file (type, size, dimensions, processing failed). */
  MEDIA_REJECTED(RetryPolicy.NEVER),
  /**
   * A failure that may pass (5xx, timeout before sending, connection refused, malformed answer to a
   * read); retry with backoff, after {@link ConnectorException#retryAfter()} if set.
   */
  TRANSIENT(RetryPolicy.BACKOFF),
  /** A failure that will not pass without a change (bad request, missing permission). */
  PERMANENT(RetryPolicy.NEVER),
  /**
   * The request may have reached the network and created the post (timeout or dropped connection
   * after sending, malformed answer to a write). Never retry blindly: reconcile with {@link
   * PlatformConnector#fetchPost} first and retry only if the post is {@link
   * PostLookup.Outcome#NOT_FOUND}.
   */
  OUTCOME_UNKNOWN(RetryPolicy.RECONCILE_FIRST);

  /** When a failed request may be sent again unchanged. */
  public enum RetryPolicy {
    /** Again, with jittered backoff. */
    BACKOFF,
    /** Again, at or after the limit's reset ({@link ConnectorException#retryAfter()}). */
    AFTER_RESET,
    /** Again, after {@link PlatformConnector#refreshCredentials} succeeded. */
    AFTER_REFRESH,
    /** Only after {@link PlatformConnector#fetchPost} proved the first attempt left no post. */
    RECONCILE_FIRST,
    /** Not unchanged; a person or a changed request is needed. */
    NEVER
  }

  private final RetryPolicy retryPolicy;

  ErrorKind(RetryPolicy retryPolicy) {
    this.retryPolicy = retryPolicy;
  }

  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** Whether a failure of this kind must say when the limit resets. */
  public boolean requiresRetryAfter() {
    return retryPolicy == RetryPolicy.AFTER_RESET;
  }
}
