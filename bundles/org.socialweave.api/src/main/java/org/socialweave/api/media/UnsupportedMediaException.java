package org.socialweave.api.media;

import org.socialweave.api.error.SocialWeaveException;

/** Content that is not an image or video the platform recognises, or that is damaged: a 415. */
public class UnsupportedMediaException extends SocialWeaveException {
  private static final long serialVersionUID = 1L;

  public UnsupportedMediaException(String detail) {
    super(415, "unsupported-media", "Unsupported media", detail);
  }
}
