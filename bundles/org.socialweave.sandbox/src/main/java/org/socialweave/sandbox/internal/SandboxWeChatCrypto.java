package org.socialweave.sandbox.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sandbox's own implementation of WeChat's push signatures and safe-mode encryption (the
 * WXBizMsgCrypt scheme), written independently of the connector support bundle so that a test of
 * the connector against the sandbox checks one implementation against another.
 */
final class SandboxWeChatCrypto {

  private SandboxWeChatCrypto() {}

  /**
   * Lower-case hex SHA-1 of the sorted parts joined: {@code signature} and {@code msg_signature}.
   */
  static String sortedSha1(String... parts) {
    String[] sorted = parts.clone();
    Arrays.sort(sorted);
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(String.join("", sorted).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha1.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** AES key = base64(EncodingAESKey + "="), 32 bytes. */
  static byte[] keyOf(String encodingAesKey) {
    if (encodingAesKey.length() != 43) {
      throw new IllegalArgumentException("an EncodingAESKey has 43 characters");
    }
    byte[] key = Base64.getDecoder().decode(encodingAesKey + "=");
    if (key.length != 32) {
      throw new IllegalArgumentException("an EncodingAESKey decodes to 32 bytes");
    }
    return key;
  }

  /**
   * AES-256-CBC, IV = first 16 key bytes, of: 16 random bytes, the message length (4 bytes, big
   * endian), the message, the app id, PKCS#7 padding to 32 bytes; base64.
   */
  static String encrypt(String encodingAesKey, String appId, String message, Random random) {
    byte[] key = keyOf(encodingAesKey);
    byte[] msg = message.getBytes(StandardCharsets.UTF_8);
    byte[] app = appId.getBytes(StandardCharsets.UTF_8);
    byte[] prefix = new byte[16];
    synchronized (random) {
      random.nextBytes(prefix);
    }
    int length = 16 + 4 + msg.length + app.length;
    int pad = 32 - length % 32;
    ByteBuffer plain = ByteBuffer.allocate(length + pad);
    plain.put(prefix).putInt(msg.length).put(msg).put(app);
    for (int i = 0; i < pad; i++) {
      plain.put((byte) pad);
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new IvParameterSpec(Arrays.copyOf(key, 16)));
      return Base64.getEncoder().encodeToString(cipher.doFinal(plain.array()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
