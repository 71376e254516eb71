package org.socialweave.media.internal.inspect;

import java.time.Duration;

/**
 * What the bytes of an upload say about it.
 *
 * @param thumbnail a JPEG thumbnail, or {@code null} when the platform cannot make one
 */
public record Inspection(
    MediaFormat format,
    Integer width,
    Integer height,
    Duration duration,
    String videoCodec,
    String audioCodec,
    byte[] thumbnail) {

  static Inspection still(MediaFormat format, int width, int height, byte[] thumbnail) {
    return new Inspection(format, width, height, null, null, null, thumbnail);
  }
}
