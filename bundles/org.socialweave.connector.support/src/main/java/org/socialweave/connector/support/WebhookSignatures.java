package org.socialweave.connector.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies the signatures networks put on the webhooks they push, always over the raw body bytes
 * and with constant-time comparison.
 *
 * <p>Why: a forged webhook must be rejected before its body is trusted, and each network signs
 * differently: HMAC-SHA256 in hex (Meta {@code X-Hub-Signature-256: sha256=…}, TikTok, LinkedIn) or
 * base64 (X {@code X-Twitter-Webhooks-Signature: sha256=…}), HMAC-SHA1 in hex (legacy {@code
 * X-Hub-Signature: sha1=…}), and WeChat's plain SHA-1 over the sorted strings {@code
 * sha1(sort(token, timestamp, nonce[, encrypt]))}. A timestamp check ({@link
 * #withinTolerance(Instant, Duration, Clock)}) and a {@link ReplayGuard} stop replays.
 */
public final class WebhookSignatures {

  private WebhookSignatures() {}

  /** HMAC-SHA256 of {@code message} under {@code key}. */
  public static byte[] hmacSha256(byte[] key, byte[] message) {
    return hmac("HmacSHA256", key, message);
  }

  /** HMAC-SHA1 of {@code message} under {@code key}. */
  public static byte[] hmacSha1(byte[] key, byte[] message) {
    return hmac("HmacSHA1", key, message);
  }

  /**
   * Whether {@code signature} is the HMAC-SHA256 of {@code body} under {@code secret}. The
   * signature may carry a {@code sha256=} prefix (any case) and may be hex (64 digits, any case) or
   * base64 (standard or URL-safe alphabet); anything else is rejected.
   */
  public static boolean verifyHmacSha256(byte[] secret, byte[] body, String signature) {
    byte[] given = decodeDigest(stripPrefix(signature, "sha256="), 32);
    return given != null && MessageDigest.isEqual(hmacSha256(secret, body), given);
  }

  /**
   * Whether {@code signature} is the hex HMAC-SHA1 of {@code body} under {@code secret}, with an
   * optional {@code sha1=} prefix.
   */
  public static boolean verifyHmacSha1Hex(byte[] secret, byte[] body, String signature) {
    String hex = stripPrefix(signature, "sha1=");
    byte[] given = hex == null || hex.length() != 40 ? null : decodeHex(hex);
    return given != null && MessageDigest.isEqual(hmacSha1(secret, body), given);
  }

  /** Lower-case hex SHA-1 of the UTF-8 concatenation of {@code parts}, in the given order. */
  public static String sha1Hex(String... parts) {
    MessageDigest sha1 = sha1();
    for (String part : parts) {
      sha1.update(part.getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(sha1.digest());
  }

  /**
   * Lower-case hex SHA-1 of the lexicographically sorted {@code parts} joined without separator:
   * WeChat's {@code signature} (token, timestamp, nonce) and {@code msg_signature} (token,
   * timestamp, nonce, encrypt).
   */
  public static String sortedSha1Hex(String... parts) {
    String[] sorted = parts.clone();
    Arrays.sort(sorted);
    return sha1Hex(sorted);
  }

  /** WeChat {@code signature = sha1(sort(token, timestamp, nonce))}. */
  public static String weChatSignature(String token, String timestamp, String nonce) {
    return sortedSha1Hex(token, timestamp, nonce);
  }

  /** WeChat {@code msg_signature = sha1(sort(token, timestamp, nonce, encrypt))}. */
  public static String weChatMsgSignature(
      String token, String timestamp, String nonce, String encrypt) {
    return sortedSha1Hex(token, timestamp, nonce, encrypt);
  }

  /** Whether {@code signature} (hex, any case) matches WeChat's {@code signature}. */
  public static boolean verifyWeChatSignature(
      String token, String timestamp, String nonce, String signature) {
    return hexEquals(weChatSignature(token, timestamp, nonce), signature);
  }

  /** Whether {@code msgSignature} (hex, any case) matches WeChat's {@code msg_signature}. */
  public static boolean verifyWeChatMsgSignature(
      String token, String timestamp, String nonce, String encrypt, String msgSignature) {
    return hexEquals(weChatMsgSignature(token, timestamp, nonce, encrypt), msgSignature);
  }

  /** Constant-time comparison of two hex strings, ignoring case; false if either is null. */
  public static boolean hexEquals(String expected, String given) {
    if (expected == null || given == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
        given.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Whether {@code sentAt} lies within {@code tolerance} of now, either side (clock skew): the
   * replay window. Reject a webhook whose timestamp fails this even if its signature is good.
   */
  public static boolean withinTolerance(Instant sentAt, Duration tolerance, Clock clock) {
    if (sentAt == null) {
      return false;
    }
    Duration age = Duration.between(sentAt, clock.instant()).abs();
    return age.compareTo(tolerance) <= 0;
  }

  /**
   * {@link #withinTolerance(Instant, Duration, Clock)} for a timestamp in epoch seconds as sent by
   * WeChat and TikTok; false when it is not a number.
   */
  public static boolean withinTolerance(String epochSeconds, Duration tolerance, Clock clock) {
    if (epochSeconds == null || !epochSeconds.trim().matches("\\d{1,12}")) {
      return false;
    }
    return withinTolerance(
        Instant.ofEpochSecond(Long.parseLong(epochSeconds.trim())), tolerance, clock);
  }

  private static String stripPrefix(String signature, String prefix) {
    if (signature == null) {
      return null;
    }
    String s = signature.trim();
    return s.regionMatches(true, 0, prefix, 0, prefix.length()) ? s.substring(prefix.length()) : s;
  }

  private static byte[] decodeDigest(String value, int length) {
    if (value == null) {
      return null;
    }
    if (value.length() == length * 2) {
      byte[] hex = decodeHex(value);
      if (hex != null) {
        return hex;
      }
    }
    try {
      byte[] bytes =
          value.indexOf('-') >= 0 || value.indexOf('_') >= 0
              ? Base64.getUrlDecoder().decode(value)
              : Base64.getDecoder().decode(value);
      return bytes.length == length ? bytes : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] decodeHex(String hex) {
    try {
      return HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] hmac(String algorithm, byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      // SecretKeySpec refuses an empty key; HMAC zero-pads keys to the block size, so one zero
      // byte gives the same result as the empty key.
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is not available", e);
    }
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is not available", e);
    }
  }
}
