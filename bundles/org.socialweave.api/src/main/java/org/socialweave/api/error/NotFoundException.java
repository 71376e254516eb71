package org.socialweave.api.error;

public class NotFoundException extends SocialWeaveException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String what, String id) {
    super(404, "not-found", "Not found", what + " '" + id + "' does not exist");
  }
}
