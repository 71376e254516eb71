package org.socialweave.media.internal.inspect;

import java.io.IOException;
import java.io.InputStream;

/** Measures stored content of a sniffed format. */
public final class Inspector {

  private Inspector() {}

  /**
   * @param size the content's length in bytes
   * @throws DamagedMediaException when the content is truncated or malformed
   */
  public static Inspection inspect(
      MediaFormat format, InputStream in, long size, int thumbnailPixels) throws IOException {
    return switch (format) {
      case JPEG, PNG, GIF -> ImageInspector.read(format, in, thumbnailPixels);
      case WEBP -> WebpHeader.read(in, size);
      case HEIC, MP4, MOV -> IsoBoxReader.read(format, in, size);
    };
  }
}
