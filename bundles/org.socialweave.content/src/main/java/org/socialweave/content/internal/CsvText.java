package org.socialweave.content.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import org.socialweave.api.error.ValidationException;

/**
 * The text of an uploaded file. Decoding is strict, so a file in the wrong character set is an
 * error rather than silently turned into replacement characters.
 */
record CsvText(String text, Charset charset) {

  static final Charset GB18030 = Charset.forName("GB18030");
  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /** Thrown when the bytes are not text in the character set given or in any detected one. */
  static final class Undecodable extends Exception {
    private static final long serialVersionUID = 1L;

    Undecodable(String message) {
      super(message);
    }
  }

  /**
   * @param charsetName the caller's character set, or {@code null} to detect: UTF-8 (a byte order
   *     mark is dropped) when the bytes are valid UTF-8, else GB18030 (a superset of GBK)
   */
  static CsvText decode(byte[] bytes, String charsetName) throws Undecodable {
    if (charsetName != null && !charsetName.isBlank()) {
      Charset charset = charset(charsetName.strip());
      return new CsvText(strict(withoutBom(bytes, charset), charset), charset);
    }
    if (startsWithBom(bytes)) {
      return new CsvText(
          strict(withoutBom(bytes, StandardCharsets.UTF_8), StandardCharsets.UTF_8),
          StandardCharsets.UTF_8);
    }
    try {
      return new CsvText(strict(bytes, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    } catch (Undecodable notUtf8) {
      try {
        return new CsvText(strict(bytes, GB18030), GB18030);
      } catch (Undecodable notGb) {
        throw new Undecodable(
            "the file is neither UTF-8 nor GBK/GB18030 text; save it as UTF-8 or name its"
                + " charset");
      }
    }
  }

  private static Charset charset(String name) {
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new ValidationException(
          "charset", "not a character set this server knows, such as UTF-8 or GBK: " + name);
    }
  }

  private static boolean startsWithBom(byte[] bytes) {
    return bytes.length >= 3 && Arrays.equals(bytes, 0, 3, UTF8_BOM, 0, 3);
  }

  private static byte[] withoutBom(byte[] bytes, Charset charset) {
    return charset.equals(StandardCharsets.UTF_8) && startsWithBom(bytes)
        ? Arrays.copyOfRange(bytes, 3, bytes.length)
        : bytes;
  }

  private static String strict(byte[] bytes, Charset charset) throws Undecodable {
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new Undecodable("the file is not valid " + charset.name() + " text");
    }
  }
}
