package org.socialweave.connector.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.Test;

public class WebhookSignaturesTest {

  private static final byte[] JEFE = "Jefe".getBytes(StandardCharsets.UTF_8);
  private static final byte[] WHAT =
      "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);
  // RFC 4231 test case 2 and RFC 2202 test case 2
  private static final String JEFE_SHA256 =
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
  private static final String JEFE_SHA1 = "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79";

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  public void hmacKnownAnswers() {
    assertEquals(JEFE_SHA256, HexFormat.of().formatHex(WebhookSignatures.hmacSha256(JEFE, WHAT)));
    assertEquals(JEFE_SHA1, HexFormat.of().formatHex(WebhookSignatures.hmacSha1(JEFE, WHAT)));
    assertEquals(
        "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad",
        HexFormat.of().formatHex(WebhookSignatures.hmacSha256(new byte[0], new byte[0])));
  }

  @Test
  public void sha256HexWithAndWithoutPrefixAnyCase() {
    assertTrue(WebhookSignatures.verifyHmacSha256(JEFE, WHAT, JEFE_SHA256));
    assertTrue(WebhookSignatures.verifyHmacSha256(JEFE, WHAT, "sha256=" + JEFE_SHA256));
    assertTrue(
        WebhookSignatures.verifyHmacSha256(JEFE, WHAT, "SHA256=" + JEFE_SHA256.toUpperCase()));
  }

  @Test
  public void sha256Base64AsXSendsIt() {
    String b64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(JEFE_SHA256));
    assertTrue(WebhookSignatures.verifyHmacSha256(JEFE, WHAT, "sha256=" + b64));
    assertTrue(WebhookSignatures.verifyHmacSha256(JEFE, WHAT, b64));
    String urlSafe = Base64.getUrlEncoder().encodeToString(HexFormat.of().parseHex(JEFE_SHA256));
    assertTrue(WebhookSignatures.verifyHmacSha256(JEFE, WHAT, urlSafe));
  }

  @Test
  public void sha256RejectsForgeries() {
    String flipped = "0" + JEFE_SHA256.substring(1);
    assertFalse(WebhookSignatures.verifyHmacSha256(JEFE, WHAT, flipped));
    assertFalse(WebhookSignatures.verifyHmacSha256(utf8("jefe"), WHAT, JEFE_SHA256));
    assertFalse(
        WebhookSignatures.verifyHmacSha256(
            JEFE, utf8("what do ya want for nothing!"), JEFE_SHA256));
    assertFalse(WebhookSignatures.verifyHmacSha256(JEFE, WHAT, JEFE_SHA256.substring(0, 40)));
    assertFalse(WebhookSignatures.verifyHmacSha256(JEFE, WHAT, ""));
    assertFalse(WebhookSignatures.verifyHmacSha256(JEFE, WHAT, null));
    assertFalse(WebhookSignatures.verifyHmacSha256(JEFE, WHAT, "sha256=not base64 at all!"));
  }

  @Test
  public void sha1Hex() {
    assertTrue(WebhookSignatures.verifyHmacSha1Hex(JEFE, WHAT, "sha1=" + JEFE_SHA1));
    assertTrue(WebhookSignatures.verifyHmacSha1Hex(JEFE, WHAT, JEFE_SHA1));
    assertFalse(WebhookSignatures.verifyHmacSha1Hex(JEFE, WHAT, "sha1=" + JEFE_SHA256));
    assertFalse(WebhookSignatures.verifyHmacSha1Hex(JEFE, utf8("x"), JEFE_SHA1));
  }

  @Test
  public void plainSha1() {
    assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", WebhookSignatures.sha1Hex("abc"));
    assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", WebhookSignatures.sha1Hex("a", "bc"));
    assertEquals(WebhookSignatures.sha1Hex("abc"), WebhookSignatures.sortedSha1Hex("c", "a", "b"));
  }

  @Test
  public void weChatSignatureSortsBeforeHashing() {
    String expected = WebhookSignatures.sha1Hex("1409304348" + "pamtest" + "xxxxxx");
    assertEquals(expected, WebhookSignatures.weChatSignature("pamtest", "1409304348", "xxxxxx"));
    assertTrue(
        WebhookSignatures.verifyWeChatSignature(
            "pamtest", "1409304348", "xxxxxx", expected.toUpperCase()));
    assertFalse(
        WebhookSignatures.verifyWeChatSignature("pamtest", "1409304349", "xxxxxx", expected));
  }

  @Test
  public void weChatMsgSignatureKnownAnswerFromOfficialSample() {
    // WXBizMsgCrypt sample, testVerifyUrl
    String echo =
        "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
    assertEquals(
        "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3",
        WebhookSignatures.weChatMsgSignature("QDG6eK", "1409659589", "263014780", echo));
    assertTrue(
        WebhookSignatures.verifyWeChatMsgSignature(
            "QDG6eK", "1409659589", "263014780", echo, "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3"));
    assertFalse(
        WebhookSignatures.verifyWeChatMsgSignature(
            "QDG6eK",
            "1409659589",
            "263014780",
            echo + "x",
            "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3"));
  }

  @Test
  public void hexEqualsHandlesNullAndLength() {
    assertFalse(WebhookSignatures.hexEquals("ab", null));
    assertFalse(WebhookSignatures.hexEquals(null, "ab"));
    assertFalse(WebhookSignatures.hexEquals("abcd", "ab"));
    assertTrue(WebhookSignatures.hexEquals("abcd", " ABCD "));
  }

  @Test
  public void timestampTolerance() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    Duration fiveMinutes = Duration.ofMinutes(5);
    long now = clock.instant().getEpochSecond();
    assertTrue(WebhookSignatures.withinTolerance(Long.toString(now), fiveMinutes, clock));
    assertTrue(WebhookSignatures.withinTolerance(Long.toString(now - 300), fiveMinutes, clock));
    assertFalse(WebhookSignatures.withinTolerance(Long.toString(now - 301), fiveMinutes, clock));
    assertTrue(WebhookSignatures.withinTolerance(Long.toString(now + 60), fiveMinutes, clock));
    assertFalse(WebhookSignatures.withinTolerance(Long.toString(now + 3600), fiveMinutes, clock));
    assertFalse(WebhookSignatures.withinTolerance("yesterday", fiveMinutes, clock));
    assertFalse(WebhookSignatures.withinTolerance((String) null, fiveMinutes, clock));
    assertFalse(WebhookSignatures.withinTolerance((Instant) null, fiveMinutes, clock));
  }
}
