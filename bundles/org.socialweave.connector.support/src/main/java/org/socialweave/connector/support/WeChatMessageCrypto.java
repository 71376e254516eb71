package org.socialweave.connector.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.socialweave.connector.support.WeChatCryptoException.Reason;

/**
 * WeChat's message encryption ("safe mode", {@code encrypt_type=aes}) for Official Account pushes
 * and encrypted replies; the same scheme as WeChat's WXBizMsgCrypt samples.
 *
 * <p>Why: in safe mode every push body is an {@code <Encrypt>} element; the connector must check
 * {@code msg_signature}, decrypt, and check the app id before it reads a single field. Scheme: AES
 * key = base64-decode(EncodingAESKey + "=") (43 characters, 32 bytes), IV = the key's first 16
 * bytes, AES-256-CBC without JCE padding and PKCS#7 padding to a 32-byte block done here; plaintext
 * = 16 random bytes, the message's UTF-8 length as 4 bytes big-endian, the message, the app id. CBC
 * alone does not detect tampering; the padding, length and app id checks catch most of it and
 * {@code msg_signature} (checked first by {@link #decrypt(String, String, String, String)}) is the
 * integrity check. Thread-safe.
 */
public final class WeChatMessageCrypto {

  private static final int BLOCK = 32;
  private static final int RANDOM_BYTES = 16;

  private final String token;
  private final byte[] appId;
  private final SecretKeySpec key;
  private final IvParameterSpec iv;
  private final Random random;

  /** The result of {@link #encryptReply(String, String, String)}: what goes into the reply XML. */
  public static final class EncryptedReply {
    private final String encrypt;
    private final String msgSignature;
    private final String timestamp;
    private final String nonce;

    EncryptedReply(String encrypt, String msgSignature, String timestamp, String nonce) {
      this.encrypt = encrypt;
      this.msgSignature = msgSignature;
      this.timestamp = timestamp;
      this.nonce = nonce;
    }

    /** The base64 ciphertext ({@code <Encrypt>}). */
    public String encrypt() {
      return encrypt;
    }

    /** {@code <MsgSignature>}. */
    public String msgSignature() {
      return msgSignature;
    }

    /** {@code <TimeStamp>}. */
    public String timestamp() {
      return timestamp;
    }

    /** {@code <Nonce>}. */
    public String nonce() {
      return nonce;
    }
  }

  /**
   * @param token the token configured on the WeChat platform (for {@code msg_signature})
   * @param encodingAesKey the 43-character EncodingAESKey
   * @param appId the app id (or corp id) that must end every plaintext
   * @param random source of the 16 random prefix bytes; use a {@link java.security.SecureRandom}
   */
  public WeChatMessageCrypto(String token, String encodingAesKey, String appId, Random random) {
    this.token = Objects.requireNonNull(token, "token");
    this.appId = Objects.requireNonNull(appId, "appId").getBytes(StandardCharsets.UTF_8);
    this.random = Objects.requireNonNull(random, "random");
    byte[] raw = decodeKey(Objects.requireNonNull(encodingAesKey, "encodingAesKey"));
    this.key = new SecretKeySpec(raw, "AES");
    this.iv = new IvParameterSpec(Arrays.copyOf(raw, 16));
  }

  private static byte[] decodeKey(String encodingAesKey) {
    if (encodingAesKey.length() != 43) {
      throw new IllegalArgumentException(
          "EncodingAESKey must be 43 characters, got " + encodingAesKey.length());
    }
    try {
      byte[] raw = Base64.getDecoder().decode(encodingAesKey + "=");
      if (raw.length != 32) {
        throw new IllegalArgumentException("EncodingAESKey must decode to 32 bytes");
      }
      return raw;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("EncodingAESKey is not base64: " + e.getMessage(), e);
    }
  }

  /** Encrypts {@code message}: the base64 text for an {@code <Encrypt>} element. */
  public String encrypt(String message) {
    byte[] prefix = new byte[RANDOM_BYTES];
    synchronized (random) {
      random.nextBytes(prefix);
    }
    byte[] msg = message.getBytes(StandardCharsets.UTF_8);
    int unpadded = RANDOM_BYTES + 4 + msg.length + appId.length;
    int pad = BLOCK - (unpadded % BLOCK);
    ByteBuffer plain = ByteBuffer.allocate(unpadded + pad);
    plain.put(prefix).putInt(msg.length).put(msg).put(appId);
    for (int i = 0; i < pad; i++) {
      plain.put((byte) pad);
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, iv);
      return Base64.getEncoder().encodeToString(cipher.doFinal(plain.array()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CBC/NoPadding with a 256-bit key is not available", e);
    }
  }

  /** Encrypts a reply and signs it: the four values of WeChat's encrypted reply XML. */
  public EncryptedReply encryptReply(String message, String timestamp, String nonce) {
    String encrypt = encrypt(message);
    return new EncryptedReply(
        encrypt,
        WebhookSignatures.weChatMsgSignature(token, timestamp, nonce, encrypt),
        timestamp,
        nonce);
  }

  /**
   * Checks {@code msg_signature}, then decrypts: the way to read a push.
   *
   * @throws WeChatCryptoException with the reason when the message must not be trusted
   */
  public String decrypt(String msgSignature, String timestamp, String nonce, String encrypt)
      throws WeChatCryptoException {
    if (!WebhookSignatures.verifyWeChatMsgSignature(
        token, timestamp, nonce, encrypt, msgSignature)) {
      throw new WeChatCryptoException(Reason.SIGNATURE_MISMATCH, "msg_signature does not match");
    }
    return decrypt(encrypt);
  }

  /**
   * Decrypts the base64 text of an {@code <Encrypt>} element without a signature check; verifies
   * padding, length and app id.
   *
   * @throws WeChatCryptoException with the reason when the message must not be trusted
   */
  public String decrypt(String encrypt) throws WeChatCryptoException {
    byte[] cipherText;
    try {
      cipherText = Base64.getMimeDecoder().decode(Objects.requireNonNull(encrypt, "encrypt"));
    } catch (IllegalArgumentException e) {
      throw new WeChatCryptoException(Reason.MALFORMED_CIPHERTEXT, "not base64");
    }
    if (cipherText.length == 0 || cipherText.length % BLOCK != 0) {
      throw new WeChatCryptoException(
          Reason.MALFORMED_CIPHERTEXT,
          cipherText.length + " bytes is not a positive multiple of " + BLOCK);
    }
    byte[] plain;
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, iv);
      plain = cipher.doFinal(cipherText);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CBC/NoPadding with a 256-bit key is not available", e);
    }
    int pad = plain[plain.length - 1] & 0xFF;
    if (pad < 1 || pad > BLOCK) {
      throw new WeChatCryptoException(Reason.BAD_PADDING, "padding byte " + pad);
    }
    for (int i = plain.length - pad; i < plain.length; i++) {
      if ((plain[i] & 0xFF) != pad) {
        throw new WeChatCryptoException(Reason.BAD_PADDING, "inconsistent padding");
      }
    }
    int contentEnd = plain.length - pad;
    if (contentEnd < RANDOM_BYTES + 4) {
      throw new WeChatCryptoException(Reason.BAD_LENGTH, "plaintext too short");
    }
    long length = ByteBuffer.wrap(plain, RANDOM_BYTES, 4).getInt() & 0xFFFFFFFFL;
    long appIdStart = RANDOM_BYTES + 4 + length;
    if (appIdStart > contentEnd) {
      throw new WeChatCryptoException(
          Reason.BAD_LENGTH, "message length " + length + " exceeds the plaintext");
    }
    byte[] trailing = Arrays.copyOfRange(plain, (int) appIdStart, contentEnd);
    if (!MessageDigest.isEqual(trailing, appId)) {
      throw new WeChatCryptoException(
          Reason.APP_ID_MISMATCH, "message is for another app id or has been altered");
    }
    return new String(plain, RANDOM_BYTES + 4, (int) length, StandardCharsets.UTF_8);
  }
}
