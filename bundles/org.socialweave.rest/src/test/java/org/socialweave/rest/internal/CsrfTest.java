package org.socialweave.rest.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class CsrfTest {

  @Test
  public void matchesOnlyTheSameToken() {
    assertTrue(Csrf.matches("tok-123", "tok-123"));
    assertFalse(Csrf.matches("tok-123", "tok-124"));
    assertFalse(Csrf.matches("tok-123", "tok-12"));
    assertFalse(Csrf.matches("tok-123", "TOK-123"));
    assertFalse(Csrf.matches("tok-123", ""));
  }

  @Test
  public void missingValuesNeverMatch() {
    assertFalse(Csrf.matches("tok-123", null));
    assertFalse(Csrf.matches(null, "tok-123"));
    assertFalse(Csrf.matches(null, null));
  }
}
