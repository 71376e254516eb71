package org.socialweave.media.internal.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The picture size of a WebP file from its RIFF header and first chunk ({@code VP8 }, {@code VP8L}
 * or {@code VP8X}), as the WebP container specification lays them out. The JDK cannot decode WebP,
 * so there is no thumbnail; the RIFF length must match the file, which catches truncation.
 */
public final class WebpHeader {

  private static final int HEADER = 30;

  private WebpHeader() {}

  public static Inspection read(InputStream in, long size) throws IOException {
    byte[] bytes = in.readNBytes(HEADER);
    if (bytes.length < HEADER) {
      throw damaged("shorter than a WebP header");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long riffLength = Integer.toUnsignedLong(b.getInt(4));
    if (riffLength + 8 != size && riffLength + 9 != size) {
      // A RIFF file may carry one pad byte after an odd-sized last chunk.
      throw damaged("the RIFF header says " + (riffLength + 8) + " bytes, the file has " + size);
    }
    String chunk = new String(bytes, 12, 4, StandardCharsets.ISO_8859_1);
    int width;
    int height;
    switch (chunk) {
      case "VP8 " -> {
        // Frame tag (3 bytes), start code 9D 01 2A, then 14-bit width and height.
        if ((bytes[23] & 0xFF) != 0x9D
            || (bytes[24] & 0xFF) != 0x01
            || (bytes[25] & 0xFF) != 0x2A) {
          throw damaged("no VP8 start code");
        }
        width = b.getShort(26) & 0x3FFF;
        height = b.getShort(28) & 0x3FFF;
      }
      case "VP8L" -> {
        if ((bytes[20] & 0xFF) != 0x2F) {
          throw damaged("no VP8L signature");
        }
        int bits = b.getInt(21);
        width = (bits & 0x3FFF) + 1;
        height = ((bits >>> 14) & 0x3FFF) + 1;
      }
      case "VP8X" -> {
        width = u24(bytes, 24) + 1;
        height = u24(bytes, 27) + 1;
      }
      default -> throw damaged("unknown first chunk '" + chunk + "'");
    }
    if (width < 1 || height < 1) {
      throw damaged("no picture size");
    }
    return Inspection.still(MediaFormat.WEBP, width, height, null);
  }

  private static int u24(byte[] bytes, int offset) {
    return (bytes[offset] & 0xFF)
        | (bytes[offset + 1] & 0xFF) << 8
        | (bytes[offset + 2] & 0xFF) << 16;
  }

  private static DamagedMediaException damaged(String what) {
    return new DamagedMediaException(MediaFormat.WEBP, what);
  }
}
