package org.socialweave.api.error;

/** Input that breaks a rule; {@link #field()} names the offending field. */
public class ValidationException extends SocialWeaveException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public ValidationException(String field, String detail) {
    super(400, "validation", "Invalid input", detail);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
