package org.socialweave.connector.wechat.internal;

import static org.junit.Assert.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.Test;
import org.socialweave.api.connector.ConnectorException;
import org.socialweave.api.connector.ErrorKind;

public class WeChatErrorsTest {

  @Test
  public void everyDocumentedCodeHasItsKind() {
    for (int code : new int[] {40001, 40014, 42001, 41001}) {
      assertEquals(String.valueOf(code), ErrorKind.AUTH_EXPIRED, WeChatErrors.kind(code));
    }
    for (int code : new int[] {40125, 40013, 41002, 41004}) {
      assertEquals(String.valueOf(code), ErrorKind.AUTH_REVOKED, WeChatErrors.kind(code));
    }
    for (int code : new int[] {87014, 45002, 45003, 45004, 45110, 44003, 53503}) {
      assertEquals(String.valueOf(code), ErrorKind.CONTENT_REJECTED, WeChatErrors.kind(code));
    }
    for (int code : new int[] {40004, 40005, 40006, 40009, 40012, 40113, 40137, 41005, 45001}) {
      assertEquals(String.valueOf(code), ErrorKind.MEDIA_REJECTED, WeChatErrors.kind(code));
    }
    for (int code : new int[] {40164, 48001, 48004, 53504, 53505, 40007, 40033, 12345}) {
      assertEquals(String.valueOf(code), ErrorKind.PERMANENT, WeChatErrors.kind(code));
    }
    assertEquals(ErrorKind.QUOTA_EXHAUSTED, WeChatErrors.kind(45009));
    assertEquals(ErrorKind.RATE_LIMITED, WeChatErrors.kind(45011));
    assertEquals(ErrorKind.TRANSIENT, WeChatErrors.kind(-1));
  }

  @Test
  public void theDailyQuotaResetsAtMidnightInBeijing() {
    // 2026-03-01 17:30 UTC is 2026-03-02 01:30 in Beijing: the next reset is 2026-03-02 16:00 UTC.
    Clock clock = Clock.fixed(Instant.parse("2026-03-01T17:30:00Z"), ZoneOffset.UTC);
    ConnectorException e = WeChatErrors.classify("wechat", 45009, "quota", null, clock);
    assertEquals(Instant.parse("2026-03-02T16:00:00Z"), e.retryAfter());
    e = WeChatErrors.classify("wechat", 45011, "minute", null, clock);
    assertEquals(Instant.parse("2026-03-01T17:31:00Z"), e.retryAfter());
  }
}
