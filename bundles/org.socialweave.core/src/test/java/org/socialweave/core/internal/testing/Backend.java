package org.socialweave.core.internal.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The databases the core tests run against. Which ones a test JVM uses comes from the system
 * property {@code socialweave.test.backends} (comma separated, default {@code h2}); the parent pom
 * sets it to {@code h2} in surefire's default execution and to {@code postgresql} in the execution
 * of the {@code postgres} profile.
 */
public enum Backend {
  H2,
  POSTGRESQL;

  public static final String PROPERTY = "socialweave.test.backends";

  public static List<Backend> selected() {
    String value = System.getProperty(PROPERTY, "");
    if (value.isBlank()) {
      value = "h2";
    }
    return Arrays.stream(value.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(s -> Backend.valueOf(s.toUpperCase(Locale.ROOT)))
        .toList();
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
