package org.socialweave.api.publish;

/**
 * The OSGi EventAdmin topics the publishing pipeline posts for each post variant (one channel of a
 * post), and their property names. Outgoing webhooks, the inbox and analytics listen to them; every
 * value is a string.
 */
public final class PublishEvents {

  /** All publishing topics, for an {@code event.topics} filter. */
  public static final String ALL = "org/socialweave/post/*";

  /** A variant was scheduled (or rescheduled) for a time. */
  public static final String SCHEDULED = "org/socialweave/post/SCHEDULED";

  /** A variant is live on its network; {@link #URL} and {@link #PLATFORM_POST_ID} are set. */
  public static final String PUBLISHED = "org/socialweave/post/PUBLISHED";

  /** A variant failed for good (until a person retries it); {@link #ERROR_KIND} is set. */
  public static final String FAILED = "org/socialweave/post/FAILED";

  /** A scheduled variant was cancelled. */
  public static final String CANCELLED = "org/socialweave/post/CANCELLED";

  public static final String WORKSPACE_ID = "workspaceId";
  public static final String POST_ID = "postId";
  public static final String VARIANT_ID = "variantId";
  public static final String CHANNEL_ID = "channelId";
  public static final String NETWORK = "network";

  /** ISO-8601 instant the variant is (or was) due. */
  public static final String SCHEDULED_AT = "scheduledAt";

  public static final String PLATFORM_POST_ID = "platformPostId";
  public static final String URL = "url";

  /** An {@link org.socialweave.api.connector.ErrorKind} name. */
  public static final String ERROR_KIND = "errorKind";

  /** The network's reason or ours, for people. */
  public static final String ERROR_MESSAGE = "errorMessage";

  private PublishEvents() {}
}
