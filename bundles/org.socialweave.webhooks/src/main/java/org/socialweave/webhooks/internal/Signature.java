package org.socialweave.webhooks.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code SocialWeave-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>} over
 * {@code "<t>.<raw body>"}, keyed with the subscription's secret as UTF-8 bytes (Stripe's scheme:
 * the timestamp inside the signed text lets receivers refuse replays).
 */
public final class Signature {

  public static final String HEADER = "SocialWeave-Signature";

  private Signature() {}

  public static String header(String secret, long unixSeconds, byte[] body) {
    return "t=" + unixSeconds + ",v1=" + hex(secret, unixSeconds, body);
  }

  static String hex(String secret, long unixSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((unixSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }
}
