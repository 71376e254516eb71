package org.socialweave.api.error;

/**
 * Version-based ETags ({@code "<version>"}) as every resource uses them: updates send the record's
 * ETag back in {@code If-Match}.
 */
public final class IfMatch {

  private IfMatch() {}

  /** The ETag value of a record version, without quotes. */
  public static String tag(long version) {
    return Long.toString(version);
  }

  /**
   * The version the client saw, from its {@code If-Match} header.
   *
   * @throws SocialWeaveException 428 when the header is missing, 412 when it names no version
   */
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
      throw new PreconditionFailedException("If-Match does not match the record's ETag");
    }
  }
}
