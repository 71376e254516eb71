package org.socialweave.rest.internal;

import java.io.IOException;

/** Thrown while reading a body that exceeds the configured limit. */
public class BodyTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  public BodyTooLargeException(long limit) {
    super("the request body exceeds the limit of " + limit + " bytes");
  }
}
