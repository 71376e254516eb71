package org.socialweave.rest.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Constant-time comparison of the session's CSRF token with the one the browser sent. */
public final class Csrf {

  private Csrf() {}

  public static boolean matches(String expected, String sent) {
    return expected != null
        && sent != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }
}
