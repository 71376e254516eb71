package org.socialweave.example.plugin.internal;

import java.util.List;
import java.util.Locale;
import org.socialweave.api.error.ValidationException;

/**
 * The plug-in's logic, free of OSGi, JAX-RS and the shell so it can be unit tested: a greeting for
 * a name in Chinese or English.
 */
public final class Greeter {

  /** Chinese. */
  static final String ZH = "zh";

  /** English, used when no language is given. */
  static final String EN = "en";

  /** The languages a greeting can be asked in, the default last. */
  static final List<String> LANGUAGES = List.of(ZH, EN);

  /** What the REST resource returns as JSON. */
  public record Greeting(String greeting, String language) {}

  private Greeter() {}

  /**
   * Greets {@code name}.
   *
   * @param language {@code zh} or {@code en} (any case, surrounding blanks ignored); {@code null}
   *     or blank means {@code en}
   * @throws ValidationException for any other language or a blank name
   */
  static Greeting greet(String language, String name) {
    String lang = language(language);
    if (name == null || name.isBlank()) {
      throw new ValidationException("name", "name must not be blank");
    }
    String who = name.strip();
    String text = ZH.equals(lang) ? "你好，" + who + "！" : "Hello, " + who + "!";
    return new Greeting(text, lang);
  }

  /** Normalises a requested language; unknown ones are a validation error on {@code lang}. */
  static String language(String language) {
    if (language == null || language.isBlank()) {
      return EN;
    }
    String lang = language.strip().toLowerCase(Locale.ROOT);
    if (!LANGUAGES.contains(lang)) {
      throw new ValidationException(
          "lang",
          "unknown language '"
              + language.strip()
              + "', expected one of "
              + String.join(", ", LANGUAGES));
    }
    return lang;
  }
}
