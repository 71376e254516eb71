package org.socialweave.api.error;

/** The record changed since the caller read it (ETag / expected version mismatch). */
public class PreconditionFailedException extends SocialWeaveException {
  private static final long serialVersionUID = 1L;

  public PreconditionFailedException(String detail) {
    super(412, "precondition-failed", "Precondition failed", detail);
  }
}
