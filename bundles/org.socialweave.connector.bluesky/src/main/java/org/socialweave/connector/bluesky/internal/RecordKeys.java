package org.socialweave.connector.bluesky.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Record keys derived from a publish attempt's idempotency key, so that a retried {@code
 * createRecord} addresses the same record and can never create a second post.
 *
 * <p>A post's key must be a TID ({@code app.bsky.feed.post} has {@code "key": "tid"}, and the PDS
 * checks it): 13 base32-sortable characters holding 53 bits of microseconds since 1970 and a 10-bit
 * clock id. Both come from SHA-256 of the idempotency key, the microseconds inside the fixed year
 * {@value #EPOCH_START} to {@value #EPOCH_END} (about 55 bits of hash in all), so {@link #tid} is a
 * pure function of the key: {@code fetchPost} recomputes it from the key alone. The cost is that
 * the key's timestamp is not the publish time. Bluesky orders feeds by the record's {@code
 * createdAt}, not by its key; the key's time shows only where clients list a repository by key.
 * Part {@code n} of a thread uses the head's timestamp plus {@code n} microseconds, so a thread's
 * keys sort in order.
 */
final class RecordKeys {

  static final String EPOCH_START = "2023-01-01T00:00:00Z";
  static final String EPOCH_END = "2024-01-01T00:00:00Z";

  private static final long START_MICROS = micros(Instant.parse(EPOCH_START));
  private static final long RANGE_MICROS = micros(Instant.parse(EPOCH_END)) - START_MICROS;
  private static final String S32 = "234567abcdefghijklmnopqrstuvwxyz";
  private static final Pattern TID =
      Pattern.compile("[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}");

  private RecordKeys() {}

  /** The TID record key of part {@code part} (0 for the head) of the attempt {@code key}. */
  static String tid(String key, int part) {
    if (part < 0 || part > 1000) {
      throw new IllegalArgumentException("part out of range: " + part);
    }
    byte[] hash = sha256("socialweave.bluesky.rkey\n" + key);
    ByteBuffer buffer = ByteBuffer.wrap(hash);
    long timeBits = buffer.getLong() >>> 1;
    int clockId = buffer.getShort() & 0x3ff;
    long micros = START_MICROS + Math.floorMod(timeBits, RANGE_MICROS - 1001) + part;
    return encode((micros << 10) | clockId);
  }

  /** Whether {@code rkey} has the syntax of a TID. */
  static boolean isTid(String rkey) {
    return rkey != null && TID.matcher(rkey).matches();
  }

  /** The base32-sortable form of a TID's 64-bit value. */
  static String encode(long value) {
    StringBuilder s = new StringBuilder(13);
    for (int i = 0; i < 13; i++) {
      s.append(S32.charAt((int) ((value >>> (60 - 5 * i)) & 31)));
    }
    return s.toString();
  }

  /** The timestamp a TID claims. */
  static Instant timestamp(String tid) {
    long value = 0;
    for (int i = 0; i < 13; i++) {
      value = (value << 5) | S32.indexOf(tid.charAt(i));
    }
    long micros = value >>> 10;
    return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
