package org.socialweave.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import org.junit.Test;
import org.socialweave.api.error.SocialWeaveException;

public class EtagsTest {

  @Test
  public void missingIfMatchIsPreconditionRequired() {
    for (String missing : new String[] {null, "", "   "}) {
      SocialWeaveException e = refused(missing);
      assertEquals(428, e.status());
      assertEquals("precondition-required", e.type());
    }
  }

  @Test
  public void garbageIsPreconditionFailed() {
    for (String garbage : new String[] {"abc", "\"abc\"", "*", "W/", "\"3\", \"4\"", "3.0"}) {
      SocialWeaveException e = refused(garbage);
      assertEquals(garbage, 412, e.status());
      assertEquals("precondition-failed", e.type());
    }
  }

  @Test
  public void strongWeakAndBareVersionsParse() {
    assertEquals(3, Etags.expectedVersion("\"3\""));
    assertEquals(3, Etags.expectedVersion("W/\"3\""));
    assertEquals(3, Etags.expectedVersion("3"));
    assertEquals(42, Etags.expectedVersion("  \"42\"  "));
  }

  @Test
  public void ofWritesTheVersion() {
    assertEquals("7", Etags.of(7).getValue());
    assertEquals(7, Etags.expectedVersion("\"" + Etags.of(7).getValue() + "\""));
  }

  private static SocialWeaveException refused(String ifMatch) {
    try {
      long v = Etags.expectedVersion(ifMatch);
      fail("'" + ifMatch + "' was accepted as " + v);
      return null;
    } catch (SocialWeaveException e) {
      return e;
    }
  }
}
