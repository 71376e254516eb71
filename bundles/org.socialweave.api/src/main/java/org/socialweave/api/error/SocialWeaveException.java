package org.socialweave.api.error;

/**
 * A failure the caller can act on. The REST layer turns it into an RFC 9457 problem whose {@code
 * type} ends with {@link #type()}, so clients can switch on a stable identifier.
 */
public class SocialWeaveException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;
  private final String title;

  public SocialWeaveException(int status, String type, String title, String detail) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String title() {
    return title;
  }
}
