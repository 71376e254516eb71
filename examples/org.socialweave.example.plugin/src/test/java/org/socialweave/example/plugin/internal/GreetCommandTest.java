package org.socialweave.example.plugin.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.support.CommandException;
import org.junit.Test;

public class GreetCommandTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  private GreetCommand command(String lang, String name) {
    GreetCommand c = new GreetCommand();
    c.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    c.lang = lang;
    c.name = name;
    return c;
  }

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  public void isSocialweaveExampleGreet() {
    Command c = GreetCommand.class.getAnnotation(Command.class);
    assertEquals("socialweave", c.scope());
    assertEquals("example-greet", c.name());
  }

  @Test
  public void printsChinese() throws Exception {
    assertNull(command("zh", "Wei").execute());
    assertEquals("你好，Wei！" + System.lineSeparator(), output());
  }

  @Test
  public void printsEnglishByDefault() throws Exception {
    command(null, "Ann").execute();
    assertEquals("Hello, Ann!" + System.lineSeparator(), output());
  }

  @Test
  public void unknownLanguageFailsWithOneLine() {
    String message =
        assertThrows(CommandException.class, () -> command("fr", "Ann").execute()).getMessage();
    assertEquals("Invalid input: unknown language 'fr', expected one of zh, en", message);
    assertEquals("", output());
  }

  @Test
  public void completerOffersBothLanguages() {
    assertEquals(List.of("zh", "en"), new LanguageCompleter().candidates());
  }
}
