package org.socialweave.media.internal.inspect;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The formats the library takes, recognised by their leading bytes only. A small table of our own
 * rather than Apache Tika: Tika's core (745 KB plus commons-io, 556 KB, and a MIME database of
 * about a thousand types loaded at start) would name hundreds of types we would then refuse, and
 * the ISO base media brands that tell MP4 from MOV and HEIC must be read by our box reader anyway.
 */
public enum MediaFormat {
  JPEG("image/jpeg", "jpg"),
  PNG("image/png", "png"),
  GIF("image/gif", "gif"),
  WEBP("image/webp", "webp"),
  HEIC("image/heic", "heic"),
  MP4("video/mp4", "mp4"),
  MOV("video/quicktime", "mov");

  /** How many leading bytes {@link #sniff} needs at most. */
  public static final int HEAD_BYTES = 64;

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final Set<String> MP4_BRANDS =
      Set.of(
          "isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "dash",
          "mmp4", "MSNV");
  private static final Set<String> HEIC_BRANDS =
      Set.of("heic", "heix", "heim", "heis", "hevc", "hevx");

  private final String mimeType;
  private final String extension;

  MediaFormat(String mimeType, String extension) {
    this.mimeType = mimeType;
    this.extension = extension;
  }

  public String mimeType() {
    return mimeType;
  }

  public String extension() {
    return extension;
  }

  public boolean isVideo() {
    return mimeType.startsWith("video/");
  }

  /** The ISO base media file format (MP4, MOV, HEIC): read with {@link IsoBoxReader}. */
  public boolean isIsoMedia() {
    return this == MP4 || this == MOV || this == HEIC;
  }

  /**
   * The format of content starting with {@code head} (up to {@link #HEAD_BYTES} bytes), or empty
   * when it is none we take. Audio-only MP4 ({@code M4A}), AVIF and 3GPP are not taken.
   */
  public static Optional<MediaFormat> sniff(byte[] head) {
    if (startsWith(head, 0, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
      return Optional.of(JPEG);
    }
    if (startsWith(head, 0, PNG_SIGNATURE)) {
      return Optional.of(PNG);
    }
    if (startsWith(head, 0, ascii("GIF87a")) || startsWith(head, 0, ascii("GIF89a"))) {
      return Optional.of(GIF);
    }
    if (startsWith(head, 0, ascii("RIFF")) && startsWith(head, 8, ascii("WEBP"))) {
      return Optional.of(WEBP);
    }
    if (startsWith(head, 4, ascii("ftyp"))) {
      return isoBrand(head);
    }
    return Optional.empty();
  }

  /** By the major brand, else the first compatible brand that decides. */
  private static Optional<MediaFormat> isoBrand(byte[] head) {
    long boxSize =
        ((head[0] & 0xFFL) << 24)
            | ((head[1] & 0xFF) << 16)
            | ((head[2] & 0xFF) << 8)
            | (head[3] & 0xFF);
    int end = (int) Math.min(head.length, Math.max(0, boxSize));
    for (int offset = 8; offset + 4 <= end; offset += offset == 8 ? 8 : 4) {
      // offset 12 is the minor version, not a brand
      String brand = new String(head, offset, 4, StandardCharsets.ISO_8859_1);
      if (brand.equals("qt  ")) {
        return Optional.of(MOV);
      }
      if (HEIC_BRANDS.contains(brand)) {
        return Optional.of(HEIC);
      }
      if (MP4_BRANDS.contains(brand)) {
        return Optional.of(MP4);
      }
      if (offset == 8 && (brand.equals("M4A ") || brand.equals("avif") || brand.startsWith("3g"))) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
    return data.length >= offset + prefix.length
        && Arrays.equals(data, offset, offset + prefix.length, prefix, 0, prefix.length);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
