package org.socialweave.connector.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;

import java.io.IOException;
import java.util.regex.Pattern;
import org.junit.Test;

public class RedactorTest {

  private final Redactor bearer = new Redactor(Pattern.compile("(?i)(bearer\\s+)[^\\s\",]+"));
  private final Redactor botToken = new Redactor(Pattern.compile("\\d{5,}:[A-Za-z0-9_-]{20,}"));

  @Test
  public void removesTheSecretAndAnythingShapedLikeOne() {
    assertEquals(
        "token <redacted> header Bearer <redacted>",
        bearer.redact("token s3cret header Bearer other-token", "s3cret"));
    assertEquals(
        "<redacted> and <redacted>",
        botToken.redact("mine and 123456:ABCDEFGHIJKLMNOPQRSTUVWX", "mine"));
    assertNull(bearer.redact(null, "s3cret"));
  }

  @Test
  public void aRedactedCauseKeepsTypeAndStackButNotTheSecretOrItsCauses() {
    IOException original =
        new IOException("GET https://api/bot s3cret failed", new RuntimeException("s3cret"));
    IOException safe = bearer.redactedCause(original, "s3cret");
    assertEquals("java.io.IOException: GET https://api/bot <redacted> failed", safe.getMessage());
    assertNull(safe.getCause());
    assertEquals(original.getStackTrace().length, safe.getStackTrace().length);
    assertFalse(safe.toString().contains("s3cret"));
  }
}
