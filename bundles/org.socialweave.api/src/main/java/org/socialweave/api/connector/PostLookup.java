package org.socialweave.api.connector;

import java.net.URI;
import java.time.Instant;

/**
 * The answer of {@link PlatformConnector#fetchPost}. {@link Outcome#UNKNOWN} is an honest answer
 * when the network cannot tell (Telegram cannot read a message back): callers must then not retry
 * blindly but ask a person or give up.
 *
 * @param outcome found, not found or unknown
 * @param platformPostId the post's id; required when found
 * @param url the post's address, or {@code null}
 * @param publishedAt when it was published, or {@code null} if the network does not say
 * @param detail why the outcome is unknown, or {@code null}
 */
public record PostLookup(
    Outcome outcome, String platformPostId, URI url, Instant publishedAt, String detail) {

  /** Whether the network has the post. */
  public enum Outcome {
    /** The post exists on the network. */
    FOUND,
    /** The network positively says there is no such post (never published, or deleted). */
    NOT_FOUND,
    /** The network cannot say. */
    UNKNOWN
  }

  public PostLookup {
    if (outcome == null) {
      throw new IllegalArgumentException("outcome is required");
    }
    if (outcome == Outcome.FOUND && (platformPostId == null || platformPostId.isBlank())) {
      throw new IllegalArgumentException("a found post needs its platformPostId");
    }
  }

  public static PostLookup found(String platformPostId, URI url, Instant publishedAt) {
    return new PostLookup(Outcome.FOUND, platformPostId, url, publishedAt, null);
  }

  public static PostLookup notFound() {
    return new PostLookup(Outcome.NOT_FOUND, null, null, null, null);
  }

  public static PostLookup unknown(String detail) {
    return new PostLookup(Outcome.UNKNOWN, null, null, null, detail);
  }
}
