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

  /** Reads from the session, masking what is typed. */
  static PasswordPrompt of(Session session) {
    return prompt -> {
      String line = session.readLine(prompt, '*');
      return line == null ? null : line.toCharArray();
    };
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
