package org.socialweave.connector.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Random;
import org.junit.Test;
import org.socialweave.connector.support.WeChatCryptoException.Reason;

public class WeChatMessageCryptoTest {

  // Official WXBizMsgCrypt sample (WXBizMsgCryptTest: testAesEncrypt, testAesEncrypt2).
  private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  private static final String TOKEN = "pamtest";
  private static final String APP_ID = "wxb11529c136998cb6";
  private static final String RANDOM = "aaaabbbbccccdddd";
  private static final String REPLY = "我是中文abcd123";
  private static final String REPLY_CIPHER =
      "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";
  private static final String REPLY2 =
      "<xml><ToUserName><![CDATA[oia2Tj我是中文jewbmiOUlr6X-1crbLOvLw]]></ToUserName>"
          + "<FromUserName><![CDATA[gh_7f083739789a]]></FromUserName><CreateTime>1407743423"
          + "</CreateTime><MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA["
          + "eYJ1MbwPRJtOvIEabaxHs7TX2D-HV71s79GUxqdUkjm6Gs2Ed1KF3ulAOA9H1xG0]]></MediaId>"
          + "<Title><![CDATA[testCallBackReplyVideo]]></Title><Description><![CDATA["
          + "testCallBackReplyVideo]]></Description></Video></xml>";
  private static final String REPLY2_CIPHER =
      "jn1L23DB+6ELqJ+6bruv23M2GmYfkv0xBh2h+XTBOKVKcgDFHle6gqcZ1cZrk3e1qjPQ1F4RsLWzQRG9udbKWesxlk"
          + "upqcEcW7ZQweImX9+wLMa0GaUzpkycA8+IamDBxn5loLgZpnS7fVAbExOkK5DYHBmv5tptA9tklE/fTIILHR8"
          + "HLXa5nQvFb3tYPKAlHF3rtTeayNf0QuM+UW/wM9enGIDIJHF7CLHiDNAYxr+r+OrJCmPQyTy8cVWlu9iSvOHP"
          + "T/77bZqJucQHQ04sq7KZI27OcqpQNSto2OdHCoTccjggX5Z9Mma0nMJBU+jLKJ38YB1fBIz+vBzsYjrTmFQ4"
          + "4YfeEuZ+xRTQwr92vhA9OxchWVINGC50qE/6lmkwWTwGX9wtQpsJKhP+oS7rvTY8+VdzETdfakjkwQ5/Xka04"
          + "2OlUb1/slTwo4RscuQ+RdxSGvDahxAJ6+EAjLt9d8igHngxIbf6YyqqROxuxqIeIch3CssH/LqRs+iAcILvAp"
          + "YZckqmA7FNERspKA5f8GoJ9sv8xmGvZ9Yrf57cExWtnX8aCMMaBropU/1k+hKP5LVdzbWCG0hGwx/dQudYR/e"
          + "Xp3P0XxjlFiy+9DMlaFExWUZQDajPkdPrEeOwofJb";

  /** A Random that yields the sample's fixed 16-byte prefix. */
  private static Random sampleRandom() {
    return new Random() {
      private static final long serialVersionUID = 1L;

      @Override
      public void nextBytes(byte[] bytes) {
        byte[] fixed = RANDOM.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(fixed, 0, bytes, 0, bytes.length);
      }
    };
  }

  private static WeChatMessageCrypto sample() {
    return new WeChatMessageCrypto(TOKEN, KEY, APP_ID, sampleRandom());
  }

  @Test
  public void encryptMatchesOfficialSample() {
    assertEquals(REPLY_CIPHER, sample().encrypt(REPLY));
    assertEquals(REPLY2_CIPHER, sample().encrypt(REPLY2));
  }

  @Test
  public void decryptOfficialSample() throws Exception {
    assertEquals(REPLY, sample().decrypt(REPLY_CIPHER));
    assertEquals(REPLY2, sample().decrypt(REPLY2_CIPHER));
  }

  @Test
  public void officialVerifyUrlSampleDecryptsForItsReceiverId() throws Exception {
    // WXBizMsgCrypt sample testVerifyUrl: signature and decryption must both succeed
    WeChatMessageCrypto crypto =
        new WeChatMessageCrypto(
            "QDG6eK",
            "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
            "wx5823bf96d3bd56c7",
            new SecureRandom());
    String echo =
        "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
    String plain =
        crypto.decrypt("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659589", "263014780", echo);
    assertFalse(plain.isEmpty());
  }

  @Test
  public void roundTripWithRandomPrefix() throws Exception {
    WeChatMessageCrypto crypto = new WeChatMessageCrypto(TOKEN, KEY, APP_ID, new SecureRandom());
    for (String msg : new String[] {"", "a", "x".repeat(31), "y".repeat(32), REPLY2, "😀 emoji"}) {
      String c1 = crypto.encrypt(msg);
      String c2 = crypto.encrypt(msg);
      assertNotEquals(c1, c2); // random prefix
      assertEquals(0, Base64.getDecoder().decode(c1).length % 32);
      assertEquals(msg, crypto.decrypt(c1));
    }
  }

  @Test
  public void encryptedReplyIsSignedAndReadable() throws Exception {
    WeChatMessageCrypto crypto = new WeChatMessageCrypto(TOKEN, KEY, APP_ID, new SecureRandom());
    WeChatMessageCrypto.EncryptedReply reply = crypto.encryptReply(REPLY, "1409304348", "xxxxxx");
    assertEquals(
        WebhookSignatures.weChatMsgSignature(TOKEN, "1409304348", "xxxxxx", reply.encrypt()),
        reply.msgSignature());
    assertEquals(
        REPLY,
        crypto.decrypt(reply.msgSignature(), reply.timestamp(), reply.nonce(), reply.encrypt()));
  }

  @Test
  public void wrongSignatureRejectedBeforeDecrypting() {
    expect(
        Reason.SIGNATURE_MISMATCH,
        () -> sample().decrypt("0000000000000000000000000000000000000000", "1", "2", REPLY_CIPHER));
  }

  @Test
  public void otherAppIdRejected() {
    WeChatMessageCrypto other =
        new WeChatMessageCrypto(TOKEN, KEY, "wx0000000000000000", new SecureRandom());
    expect(Reason.APP_ID_MISMATCH, () -> other.decrypt(REPLY_CIPHER));
  }

  @Test
  public void tamperedCiphertextRejected() {
    byte[] bytes = Base64.getDecoder().decode(REPLY2_CIPHER);
    bytes[bytes.length - 1] ^= 0x01; // garbles the last block, padding included
    String tampered = Base64.getEncoder().encodeToString(bytes);
    try {
      sample().decrypt(tampered);
      fail("tampered ciphertext accepted");
    } catch (WeChatCryptoException e) {
      assertTrue(
          e.reason() == Reason.BAD_PADDING
              || e.reason() == Reason.BAD_LENGTH
              || e.reason() == Reason.APP_ID_MISMATCH);
    }
    byte[] middle = Base64.getDecoder().decode(REPLY2_CIPHER);
    middle[40] ^= 0x40; // garbles a block in the message; the next block's bit flips
    try {
      String plain = sample().decrypt(Base64.getEncoder().encodeToString(middle));
      assertNotEquals(REPLY2, plain); // CBC has no MAC: msg_signature is the integrity check
    } catch (WeChatCryptoException e) {
      // also acceptable
    }
  }

  @Test
  public void wrongKeyRejected() {
    WeChatMessageCrypto wrong =
        new WeChatMessageCrypto(TOKEN, "A" + KEY.substring(1), APP_ID, new SecureRandom());
    try {
      wrong.decrypt(REPLY2_CIPHER);
      fail("decrypted under the wrong key");
    } catch (WeChatCryptoException e) {
      assertTrue(e.reason() != Reason.SIGNATURE_MISMATCH);
    }
  }

  @Test
  public void malformedCiphertextRejected() {
    expect(Reason.MALFORMED_CIPHERTEXT, () -> sample().decrypt("not*base64"));
    expect(Reason.MALFORMED_CIPHERTEXT, () -> sample().decrypt(""));
    expect(
        Reason.MALFORMED_CIPHERTEXT,
        () -> sample().decrypt(Base64.getEncoder().encodeToString(new byte[48])));
  }

  @Test(expected = IllegalArgumentException.class)
  public void shortKeyRefused() {
    new WeChatMessageCrypto(TOKEN, "abcde", APP_ID, new SecureRandom());
  }

  private interface Call {
    void run() throws WeChatCryptoException;
  }

  private static void expect(Reason reason, Call call) {
    try {
      call.run();
      fail("expected " + reason);
    } catch (WeChatCryptoException e) {
      assertEquals(reason, e.reason());
    }
  }
}
