package org.socialweave.example.plugin.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.socialweave.api.error.ValidationException;

public class GreeterTest {

  @Test
  public void chinese() {
    assertEquals(new Greeter.Greeting("你好，alice！", "zh"), Greeter.greet("zh", "alice"));
  }

  @Test
  public void english() {
    assertEquals(new Greeter.Greeting("Hello, alice!", "en"), Greeter.greet("en", "alice"));
  }

  @Test
  public void englishByDefault() {
    assertEquals("en", Greeter.greet(null, "bob").language());
    assertEquals("en", Greeter.greet("  ", "bob").language());
  }

  @Test
  public void languageIgnoresCaseAndBlanks() {
    assertEquals("zh", Greeter.greet(" ZH ", "bob").language());
  }

  @Test
  public void nameIsTrimmed() {
    assertEquals("Hello, bob!", Greeter.greet("en", "  bob ").greeting());
  }

  @Test
  public void unknownLanguageIsAValidationErrorOnLang() {
    ValidationException e = assertThrows(ValidationException.class, () -> Greeter.greet("fr", "x"));
    assertEquals("lang", e.field());
    assertEquals(400, e.status());
    assertTrue(e.getMessage(), e.getMessage().contains("'fr'"));
    assertTrue(e.getMessage(), e.getMessage().contains("zh, en"));
  }

  @Test
  public void blankNameIsAValidationErrorOnName() {
    ValidationException e = assertThrows(ValidationException.class, () -> Greeter.greet("en", " "));
    assertEquals("name", e.field());
  }
}
