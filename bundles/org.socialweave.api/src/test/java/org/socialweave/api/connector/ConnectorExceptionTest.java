package org.socialweave.api.connector;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.Test;

public class ConnectorExceptionTest {

  private static final Instant RESET = Instant.parse("2026-11-24T13:00:00Z");

  @Test
  public void retryPolicyPerKind() {
    Set<ErrorKind> retryable = EnumSet.noneOf(ErrorKind.class);
    for (ErrorKind kind : ErrorKind.values()) {
      ConnectorException e = ConnectorException.builder(kind, "x").retryAfter(RESET).build();
      if (e.isRetryable()) {
        retryable.add(kind);
      }
    }
    assertEquals(
        EnumSet.of(ErrorKind.TRANSIENT, ErrorKind.RATE_LIMITED, ErrorKind.QUOTA_EXHAUSTED),
        retryable);
    assertEquals(ErrorKind.RetryPolicy.RECONCILE_FIRST, ErrorKind.OUTCOME_UNKNOWN.retryPolicy());
    assertEquals(ErrorKind.RetryPolicy.AFTER_REFRESH, ErrorKind.AUTH_EXPIRED.retryPolicy());
    assertEquals(ErrorKind.RetryPolicy.NEVER, ErrorKind.AUTH_REVOKED.retryPolicy());
    assertEquals(ErrorKind.RetryPolicy.NEVER, ErrorKind.DUPLICATE.retryPolicy());
    assertEquals(ErrorKind.RetryPolicy.AFTER_RESET, ErrorKind.RATE_LIMITED.retryPolicy());
    assertEquals(ErrorKind.RetryPolicy.BACKOFF, ErrorKind.TRANSIENT.retryPolicy());
  }

  @Test
  public void rateLimitedIsRetryableOnlyAfterTheReset() {
    ConnectorException e =
        ConnectorException.rateLimited("x", RESET, "429", "{\"title\":\"Too Many Requests\"}");
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    assertEquals(RESET, e.retryAfter());
    assertTrue(e.isRetryable());
    assertFalse(e.isRetryableAt(RESET.minusSeconds(1)));
    assertTrue(e.isRetryableAt(RESET));
    assertTrue(e.isRetryableAt(RESET.plusSeconds(60)));
    assertTrue(e.getMessage().contains("RATE_LIMITED"));
    assertTrue(e.getMessage().contains(RESET.toString()));
  }

  @Test
  public void limitsMustSayWhenTheyReset() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ConnectorException.rateLimited("x", null, "429", null));
    assertThrows(
        IllegalArgumentException.class,
        () -> ConnectorException.quotaExhausted("wechat", null, "45009", null));
    ConnectorException quota =
        ConnectorException.quotaExhausted("wechat", RESET, "45009", "{\"errcode\":45009}");
    assertEquals(ErrorKind.QUOTA_EXHAUSTED, quota.kind());
    assertTrue(quota.isRetryable());
    assertFalse(quota.isRetryableAt(RESET.minusSeconds(1)));
  }

  @Test
  public void outcomeUnknownIsNeverRetriedBlindly() {
    IOException cause = new SocketTimeoutException("read timed out");
    ConnectorException e = ConnectorException.outcomeUnknown("x", "timeout after sending", cause);
    assertEquals(ErrorKind.OUTCOME_UNKNOWN, e.kind());
    assertFalse(e.isRetryable());
    assertFalse(e.isRetryableAt(Instant.MAX));
    assertSame(cause, e.getCause());
  }

  @Test
  public void factoriesSetKindAndNetworkFacts() {
    String raw = "{\"error_code\":\"20019\",\"error\":\"repeat content\"}";
    assertFacts(
        ConnectorException.authExpired("bluesky", "ExpiredToken", raw),
        ErrorKind.AUTH_EXPIRED,
        "bluesky",
        "ExpiredToken",
        raw);
    assertFacts(
        ConnectorException.authRevoked("x", "invalid_grant", raw),
        ErrorKind.AUTH_REVOKED,
        "x",
        "invalid_grant",
        raw);
    assertFacts(
        ConnectorException.duplicate("weibo", "20019", raw),
        ErrorKind.DUPLICATE,
        "weibo",
        "20019",
        raw);
    ConnectorException rejected =
        ConnectorException.contentRejected("weibo", "20003", "sensitive words", raw);
    assertFacts(rejected, ErrorKind.CONTENT_REJECTED, "weibo", "20003", raw);
    assertEquals("sensitive words", rejected.networkMessage());
    assertTrue(rejected.getMessage().contains("weibo"));
    assertTrue(rejected.getMessage().contains("20003"));
    assertTrue(rejected.getMessage().contains("sensitive words"));
    ConnectorException media = ConnectorException.mediaRejected("mastodon", "422", "too big", raw);
    assertFacts(media, ErrorKind.MEDIA_REJECTED, "mastodon", "422", raw);
    assertFacts(
        ConnectorException.permanent("telegram", "400", "chat not found", raw),
        ErrorKind.PERMANENT,
        "telegram",
        "400",
        raw);
    ConnectorException transientFailure =
        ConnectorException.transientFailure("x", "503", new IOException("reset"));
    assertEquals(ErrorKind.TRANSIENT, transientFailure.kind());
    assertNull(transientFailure.retryAfter());
    assertTrue(transientFailure.isRetryableAt(Instant.EPOCH));
    assertTrue(transientFailure instanceof RuntimeException);
  }

  @Test
  public void networkIdAndKindAreRequired() {
    assertThrows(
        IllegalArgumentException.class, () -> ConnectorException.permanent(null, null, null, null));
    assertThrows(
        IllegalArgumentException.class, () -> ConnectorException.builder(null, "x").build());
    assertThrows(
        IllegalArgumentException.class,
        () -> ConnectorException.builder(ErrorKind.PERMANENT, " ").build());
  }

  @Test
  public void rawResponseIsCappedAndTransientMayCarryRetryAfter() {
    String huge = "x".repeat(ConnectorException.MAX_RAW_RESPONSE_LENGTH * 3);
    ConnectorException e =
        ConnectorException.builder(ErrorKind.TRANSIENT, "x")
            .rawResponse(huge)
            .retryAfter(RESET)
            .build();
    assertEquals(ConnectorException.MAX_RAW_RESPONSE_LENGTH, e.rawResponse().length());
    assertTrue(e.rawResponse().endsWith("[truncated]"));
    assertFalse(e.isRetryableAt(RESET.minusSeconds(1)));
    assertTrue(e.isRetryableAt(RESET));
  }

  private static void assertFacts(
      ConnectorException e, ErrorKind kind, String network, String code, String raw) {
    assertEquals(kind, e.kind());
    assertEquals(network, e.networkId());
    assertEquals(code, e.networkCode());
    assertEquals(raw, e.rawResponse());
  }
}
