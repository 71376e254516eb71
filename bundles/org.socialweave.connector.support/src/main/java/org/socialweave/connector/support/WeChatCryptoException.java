package org.socialweave.connector.support;

import java.security.GeneralSecurityException;

/**
 * A WeChat encrypted message that must not be trusted, with the reason.
 *
 * <p>Why: the inbox counts and logs rejected pushes by cause (forged signature, tampered
 * ciphertext, message for another app) without parsing exception messages.
 */
public final class WeChatCryptoException extends GeneralSecurityException {

  private static final long serialVersionUID = 1L;

  /** Why a message was rejected. */
  public enum Reason {
    /** {@code msg_signature} does not match. */
    SIGNATURE_MISMATCH,
    /** The ciphertext is not valid base64 or not a whole number of AES blocks. */
    MALFORMED_CIPHERTEXT,
    /** The PKCS#7 padding (block size 32) is wrong: tampered ciphertext or a wrong key. */
    BAD_PADDING,
    /** The 4-byte message length does not fit the plaintext. */
    BAD_LENGTH,
    /** The trailing app id is not ours. */
    APP_ID_MISMATCH
  }

  private final Reason reason;

  /** An exception for {@code reason}. */
  public WeChatCryptoException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  /** Why the message was rejected. */
  public Reason reason() {
    return reason;
  }
}
