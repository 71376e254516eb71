package org.socialweave.api.error;

public class ConflictException extends SocialWeaveException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String detail) {
    super(409, "conflict", "Conflict", detail);
  }
}
