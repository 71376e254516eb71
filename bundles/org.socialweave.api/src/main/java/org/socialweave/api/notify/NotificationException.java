package org.socialweave.api.notify;

/** A notification could not be delivered; the message says why, never with a secret in it. */
public class NotificationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NotificationException(String message) {
    super(message);
  }

  public NotificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
