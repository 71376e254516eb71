package org.socialweave.api.compliance;

/**
 * What the checks need to know about one attached medium.
 *
 * @param mimeType lower-case MIME type such as {@code image/jpeg}
 * @param sizeBytes the size in bytes; not negative
 */
public record MediaFact(String mimeType, long sizeBytes) {

  public MediaFact {
    if (mimeType == null || mimeType.isBlank()) {
      throw new IllegalArgumentException("mimeType is required");
    }
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("sizeBytes must not be negative, was " + sizeBytes);
    }
  }

  /** Whether this is a video ({@code video/*}). */
  public boolean video() {
    return mimeType.startsWith("video/");
  }
}
