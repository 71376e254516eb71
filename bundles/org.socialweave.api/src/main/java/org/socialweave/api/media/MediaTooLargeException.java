package org.socialweave.api.media;

import org.socialweave.api.error.SocialWeaveException;

/** An upload that passed the configured size limit while it streamed: a 413. */
public class MediaTooLargeException extends SocialWeaveException {
  private static final long serialVersionUID = 1L;

  private final long limit;

  public MediaTooLargeException(long limit) {
    super(
        413,
        "media-too-large",
        "Media too large",
        "the upload exceeds the limit of " + limit + " bytes");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
