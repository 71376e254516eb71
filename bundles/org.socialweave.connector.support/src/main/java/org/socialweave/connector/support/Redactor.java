package org.socialweave.connector.support;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Removes a connector's credential from text that may be logged, stored as a raw answer or shown to
 * support: the exact secret, and anything shaped like one (a bot token, a bearer header).
 */
public final class Redactor {

  public static final String REDACTED = "<redacted>";

  private final Pattern secretShape;
  private final String replacement;

  /**
   * @param secretShape what a secret looks like; group 1, if the pattern has one, is kept (for
   *     example the {@code Bearer } before a token)
   */
  public Redactor(Pattern secretShape) {
    this.secretShape = secretShape;
    this.replacement = secretShape.matcher("").groupCount() >= 1 ? "$1" + REDACTED : REDACTED;
  }

  public String redact(String text, String secret) {
    if (text == null) {
      return null;
    }
    String out = text;
    if (secret != null && !secret.isEmpty()) {
      out = out.replace(secret, REDACTED);
    }
    return secretShape.matcher(out).replaceAll(replacement);
  }

  /**
   * The failure as a cause that cannot leak the secret: same type name and stack, message redacted,
   * no further causes (their messages may name the URL, which can carry the secret).
   */
  public IOException redactedCause(Throwable failure, String secret) {
    IOException copy =
        new IOException(
            failure.getClass().getName()
                + ": "
                + redact(String.valueOf(failure.getMessage()), secret));
    copy.setStackTrace(failure.getStackTrace());
    return copy;
  }
}
