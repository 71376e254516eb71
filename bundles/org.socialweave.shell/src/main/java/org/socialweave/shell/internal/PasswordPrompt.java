package org.socialweave.shell.internal;

import java.io.IOException;
import java.util.Arrays;
import org.apache.karaf.shell.api.console.Session;
import org.socialweave.api.error.ValidationException;

/** Reads a secret from the console without echoing it. Never from a command-line argument. */
@FunctionalInterface
interface PasswordPrompt {

  /** One line read with echo off, or {@code null} at the end of input. */
  char[] read(String prompt) throws IOException;

  /**
   * Reads from the session, masking what is typed. A headless session (scripts fed through {@code
   * bin/client -b}, or commands run by another bundle) has no line editor: the password is then the
   * next line of its input.
   */
  static PasswordPrompt of(Session session) {
    return prompt -> {
      try {
        String line = session.readLine(prompt, '*');
        return line == null ? null : line.toCharArray();
      } catch (UnsupportedOperationException headless) {
        return readLine(session.getKeyboard());
      }
    };
  }

  /** One UTF-8 line without its terminator, or {@code null} at the end of input. */
  static char[] readLine(java.io.InputStream in) throws IOException {
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    if (b == -1 && line.size() == 0) {
      return null;
    }
    byte[] bytes = line.toByteArray();
    java.nio.CharBuffer chars =
        java.nio.charset.StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(bytes));
    Arrays.fill(bytes, (byte) 0);
    char[] result = Arrays.copyOf(chars.array(), chars.limit());
    Arrays.fill(chars.array(), '\0');
    return result;
  }

  /** Asks for a new password twice; they must match and not be empty. */
  default char[] readNew() throws IOException {
    char[] first = read("Password: ");
    if (first == null || first.length == 0) {
      throw new ValidationException("password", "no password entered");
    }
    char[] second = read("Repeat password: ");
    try {
      if (second == null || !Arrays.equals(first, second)) {
        Arrays.fill(first, '\0');
        throw new ValidationException("password", "the passwords do not match");
      }
      return first;
    } finally {
      if (second != null) {
        Arrays.fill(second, '\0');
      }
    }
  }
}
