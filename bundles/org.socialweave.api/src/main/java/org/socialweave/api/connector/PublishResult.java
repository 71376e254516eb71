package org.socialweave.api.connector;

import java.net.URI;
import java.time.Instant;

/**
 * What became of a publish: live on the network, or accepted as an asynchronous job the network
 * finishes later (WeChat {@code freepublish/submit}, video processing). A rejected publish is a
 * {@link ConnectorException}, never a result.
 *
 * @param status published or pending
 * @param platformPostId the network's id of the post; required when published, {@code null} or
 *     known early when pending. For a thread, the id of the head post
 * @param url the public address of the post, or {@code null} when it has none or it is pending
 * @param publishedAt when the network published it; required when published, else {@code null}
 * @param jobId the network's job id to follow with {@link PlatformConnector#publishStatus};
 *     required when pending, else {@code null}
 */
public record PublishResult(
    Status status, String platformPostId, URI url, Instant publishedAt, String jobId) {

  /** Whether the post is live or still being processed by the network. */
  public enum Status {
    PUBLISHED,
    PENDING
  }

  public PublishResult {
    if (status == null) {
      throw new IllegalArgumentException("status is required");
    }
    if (status == Status.PUBLISHED) {
      if (platformPostId == null || platformPostId.isBlank() || publishedAt == null) {
        throw new IllegalArgumentException(
            "a published result needs platformPostId and publishedAt");
      }
      if (jobId != null) {
        throw new IllegalArgumentException("a published result has no jobId");
      }
    } else {
      if (jobId == null || jobId.isBlank()) {
        throw new IllegalArgumentException("a pending result needs the network's jobId");
      }
      if (publishedAt != null) {
        throw new IllegalArgumentException("a pending result has no publishedAt");
      }
    }
  }

  public static PublishResult published(String platformPostId, URI url, Instant publishedAt) {
    return new PublishResult(Status.PUBLISHED, platformPostId, url, publishedAt, null);
  }

  public static PublishResult pending(String jobId) {
    return new PublishResult(Status.PENDING, null, null, null, jobId);
  }

  public boolean isPublished() {
    return status == Status.PUBLISHED;
  }
}
