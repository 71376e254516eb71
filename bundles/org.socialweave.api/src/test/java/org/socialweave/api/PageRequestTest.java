package org.socialweave.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import org.junit.Test;
import org.socialweave.api.error.ValidationException;

public class PageRequestTest {

  @Test
  public void defaultsWhenNothingIsGiven() {
    PageRequest page = PageRequest.of(null, null);
    assertEquals(PageRequest.DEFAULT_LIMIT, page.limit());
    assertNull(page.after());
    assertNull(PageRequest.of(10, "").after());
  }

  @Test
  public void limitBoundsAreInclusive() {
    assertEquals(1, PageRequest.of(1, null).limit());
    assertEquals(PageRequest.MAX_LIMIT, PageRequest.of(PageRequest.MAX_LIMIT, null).limit());
  }

  @Test
  public void limitOutOfBoundsIsAValidationErrorOnLimit() {
    for (int bad : new int[] {0, -1, PageRequest.MAX_LIMIT + 1, Integer.MAX_VALUE}) {
      ValidationException e =
          assertThrows(ValidationException.class, () -> PageRequest.of(bad, null));
      assertEquals("limit", e.field());
      assertEquals(400, e.status());
    }
  }

  @Test
  public void badLimitWithAValidCursorIsStillReportedOnLimit() {
    String cursor = PageRequest.cursorAfter("ws-42");
    ValidationException e =
        assertThrows(ValidationException.class, () -> PageRequest.of(0, cursor));
    assertEquals("limit", e.field());
  }

  @Test
  public void garbageCursorIsAValidationErrorOnCursor() {
    for (String bad : new String[] {"%%%", "not base64!", "ab=cd", " ", "IA", "x".repeat(200)}) {
      ValidationException e =
          assertThrows(bad, ValidationException.class, () -> PageRequest.of(10, bad));
      assertEquals(bad, "cursor", e.field());
      assertEquals(400, e.status());
    }
  }

  @Test
  public void cursorRoundTrips() {
    for (String id : new String[] {"ws-42", "01HZX3J4K5", "ünïcode-id", "a"}) {
      String cursor = PageRequest.cursorAfter(id);
      PageRequest page = PageRequest.of(25, cursor);
      assertEquals(id, page.after());
      assertEquals(25, page.limit());
    }
  }

  @Test
  public void cursorIsUrlSafe() {
    String cursor = PageRequest.cursorAfter("??>>~~");
    assertEquals(-1, cursor.indexOf('+'));
    assertEquals(-1, cursor.indexOf('/'));
    assertEquals(-1, cursor.indexOf('='));
  }
}
