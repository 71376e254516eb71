package org.socialweave.core.persistence;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Record ids: 26-character ULIDs (48-bit millisecond time + 80 random bits, Crockford base32). They
 * sort by creation time, which keeps cursor pagination stable, and reveal nothing guessable.
 */
public final class Ids {

  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  public static String next() {
    return next(Clock.systemUTC());
  }

  static String next(Clock clock) {
    long time = clock.millis();
    byte[] random = new byte[10];
    RANDOM.nextBytes(random);
    char[] out = new char[26];
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (time & 31)];
      time >>>= 5;
    }
    // 80 random bits as 16 base32 digits, 5 bits at a time.
    int bitBuffer = 0;
    int bits = 0;
    int pos = 10;
    for (byte b : random) {
      bitBuffer = (bitBuffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out[pos++] = ALPHABET[(bitBuffer >>> (bits - 5)) & 31];
        bits -= 5;
      }
    }
    return new String(out);
  }
}
