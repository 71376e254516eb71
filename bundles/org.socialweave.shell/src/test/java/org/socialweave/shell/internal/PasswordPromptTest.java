package org.socialweave.shell.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class PasswordPromptTest {

  @Test
  public void headlessInputIsReadLineByLineInUtf8() throws IOException {
    var in =
        new ByteArrayInputStream("pässwort-1\r\nsecond\nlast".getBytes(StandardCharsets.UTF_8));
    assertArrayEquals("pässwort-1".toCharArray(), PasswordPrompt.readLine(in));
    assertArrayEquals("second".toCharArray(), PasswordPrompt.readLine(in));
    assertArrayEquals("last".toCharArray(), PasswordPrompt.readLine(in));
    assertNull(PasswordPrompt.readLine(in));
  }
}
