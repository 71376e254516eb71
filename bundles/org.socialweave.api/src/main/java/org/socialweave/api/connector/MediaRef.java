package org.socialweave.api.connector;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.socialweave.api.error.ValidationException;

/**
 * A media file attached to a post. The bytes are not held in memory: {@link #content()} opens them
 * on demand, as often as the connector needs (retries, chunked uploads).
 *
 * @param id SocialWeave's id of the media asset
 * @param mimeType lower-case MIME type, e.g. {@code image/jpeg}, {@code video/mp4}
 * @param sizeBytes the size in bytes; at least 1
 * @param width the width in pixels, or {@code null} if unknown
 * @param height the height in pixels, or {@code null} if unknown
 * @param duration a video's or animation's length, or {@code null} if unknown or a still image
 * @param altText the description for screen readers, or {@code null}
 * @param content opens a fresh stream of the bytes on every call
 */
public record MediaRef(
    String id,
    String mimeType,
    long sizeBytes,
    Integer width,
    Integer height,
    Duration duration,
    String altText,
    Content content) {

  /** Opens the media's bytes. Each call returns a new stream that the caller closes. */
  @FunctionalInterface
  public interface Content {
    InputStream open() throws IOException;
  }

  private static final Pattern MIME = Pattern.compile("[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*");

  public MediaRef {
    if (id == null || id.isBlank()) {
      throw new ValidationException("media.id", "media id is required");
    }
    mimeType = mimeType == null ? null : mimeType.trim().toLowerCase(Locale.ROOT);
    if (mimeType == null || !MIME.matcher(mimeType).matches()) {
      throw new ValidationException("media.mimeType", "not a MIME type: " + mimeType);
    }
    if (sizeBytes < 1) {
      throw new ValidationException(
          "media.sizeBytes", "media must not be empty, size " + sizeBytes);
    }
    if ((width != null && width < 1) || (height != null && height < 1)) {
      throw new ValidationException("media.dimensions", "width and height must be positive");
    }
    if (duration != null && duration.isNegative()) {
      throw new ValidationException("media.duration", "duration must not be negative");
    }
    if (content == null) {
      throw new ValidationException("media.content", "media content is required");
    }
  }

  /** A media file with only the required facts. */
  public static MediaRef of(String id, String mimeType, long sizeBytes, Content content) {
    return new MediaRef(id, mimeType, sizeBytes, null, null, null, null, content);
  }

  public boolean isImage() {
    return mimeType.startsWith("image/");
  }

  public boolean isVideo() {
    return mimeType.startsWith("video/");
  }
}
