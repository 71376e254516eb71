package org.socialweave.links.internal;

import java.security.SecureRandom;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Short-link codes: {@value #LENGTH} base62 characters from {@link SecureRandom}, 62^9 ≈ 2^53.6
 * values, so that walking the code space finds nothing (a million links leave one hit in ~13
 * billion guesses). Collisions are still possible and caught by the unique constraint; the service
 * retries.
 */
final class Codes implements Supplier<String> {

  static final int LENGTH = 9;
  static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private final Random random;

  Codes() {
    this(new SecureRandom());
  }

  Codes(Random random) {
    this.random = random;
  }

  @Override
  public String get() {
    char[] code = new char[LENGTH];
    byte[] bytes = new byte[16];
    int filled = 0;
    while (filled < LENGTH) {
      random.nextBytes(bytes);
      for (int i = 0; i < bytes.length && filled < LENGTH; i++) {
        // Six bits give 0..63; dropping 62 and 63 keeps every character equally likely.
        int sixBits = bytes[i] & 0x3f;
        if (sixBits < ALPHABET.length()) {
          code[filled++] = ALPHABET.charAt(sixBits);
        }
      }
    }
    return new String(code);
  }

  /** Whether {@code text} could be a code at all; the redirector asks before any lookup. */
  static boolean plausible(String text) {
    if (text == null || text.isEmpty() || text.length() > 16) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
        return false;
      }
    }
    return true;
  }
}
