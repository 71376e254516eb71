package org.socialweave.api.compliance;

/**
 * A setting a check takes per workspace (see {@link ContentCheck#parameters()}), such as the number
 * of hashtags a post may carry or extra phrases the check must not flag.
 *
 * @param name stable camelCase name, unique within the check
 * @param type how the value is written and checked
 * @param description what the value changes, in English
 * @param defaultValue the value that applies when a workspace sets none, written as {@code type}
 *     says; an empty string for an empty word list
 */
public record CheckParameter(String name, Type type, String description, String defaultValue) {

  /** How a parameter's value is written. */
  public enum Type {
    /** A whole number from 0 to 1,000,000, written in decimal. */
    INTEGER,
    /** A list of phrases, one per line; blank lines are dropped. */
    WORDS
  }

  public CheckParameter {
    if (name == null || !name.matches("[a-z][A-Za-z0-9]{0,63}")) {
      throw new IllegalArgumentException("a parameter name is camelCase, was " + name);
    }
    if (type == null || description == null || defaultValue == null) {
      throw new IllegalArgumentException("type, description and default value are required");
    }
  }
}
