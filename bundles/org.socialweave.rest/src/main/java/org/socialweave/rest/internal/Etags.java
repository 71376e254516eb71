package org.socialweave.rest.internal;

import javax.ws.rs.core.EntityTag;
import org.socialweave.api.error.SocialWeaveException;

/** Version-based ETags: {@code "<version>"}; updates must send it back in {@code If-Match}. */
public final class Etags {

  private Etags() {}

  public static EntityTag of(long version) {
    return new EntityTag(Long.toString(version));
  }

  /** The version the client saw, from its {@code If-Match} header. */
  public static long expectedVersion(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new SocialWeaveException(
          428,
          "precondition-required",
          "Precondition required",
          "send the record's ETag in If-Match");
    }
    String value = ifMatch.strip();
    if (value.startsWith("W/")) {
      value = value.substring(2);
    }
    value = value.replace("\"", "");
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new SocialWeaveException(
          412,
          "precondition-failed",
          "Precondition failed",
          "If-Match does not match the record's ETag");
    }
  }
}
