package org.socialweave.compliance.internal.settings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.socialweave.api.compliance.CheckParameter;
import org.socialweave.api.compliance.CheckSettings;
import org.socialweave.api.compliance.ContentCheck;
import org.socialweave.api.error.ValidationException;
import org.socialweave.compliance.internal.text.FoldedText;

/** Turns a caller's settings into stored ones, refusing what does not fit the checks. */
public final class SettingsValidation {

  /** The most phrases one {@link CheckParameter.Type#WORDS} parameter holds. */
  public static final int MAX_WORDS = 1000;

  /** The longest phrase of a {@link CheckParameter.Type#WORDS} parameter. */
  public static final int MAX_WORD_LENGTH = 100;

  /** The largest {@link CheckParameter.Type#INTEGER} value. */
  public static final int MAX_INTEGER = 1_000_000;

  private SettingsValidation() {}

  /**
   * @param registered the checks installed now, by id
   * @param stored the workspace's current settings: a check that left may still be named, and its
   *     parameters are kept as they are since nobody can tell what they mean
   */
  public static Map<String, StoredSetting> validate(
      List<CheckSettings.Change> changes,
      Map<String, ContentCheck> registered,
      Map<String, StoredSetting> stored) {
    if (changes == null) {
      throw new ValidationException("checks", "a list of check settings is required");
    }
    Map<String, StoredSetting> out = new HashMap<>();
    for (int i = 0; i < changes.size(); i++) {
      CheckSettings.Change c = changes.get(i);
      String field = "checks[" + i + "]";
      if (c == null || c.checkId() == null || c.checkId().isBlank()) {
        throw new ValidationException(field + ".checkId", "a check id is required");
      }
      ContentCheck check = registered.get(c.checkId());
      if (check == null && !stored.containsKey(c.checkId())) {
        throw new ValidationException(
            field + ".checkId",
            "no check " + c.checkId() + " is installed; installed: " + registered.keySet());
      }
      if (out.containsKey(c.checkId())) {
        throw new ValidationException(field + ".checkId", c.checkId() + " is named twice");
      }
      Map<String, String> values =
          check == null
              ? stored.get(c.checkId()).parameters()
              : parameters(field, check, c.parameters());
      StoredSetting s = new StoredSetting(c.enabled() == null || c.enabled(), c.severity(), values);
      if (!s.equals(StoredSetting.DEFAULT)) {
        out.put(c.checkId(), s);
      }
    }
    return out;
  }

  private static Map<String, String> parameters(
      String field, ContentCheck check, Map<String, String> given) {
    if (given == null || given.isEmpty()) {
      return Map.of();
    }
    Map<String, CheckParameter> known = new HashMap<>();
    check.parameters().forEach(p -> known.put(p.name(), p));
    Map<String, String> out = new HashMap<>();
    for (Map.Entry<String, String> e : given.entrySet()) {
      String name = field + ".parameters." + e.getKey();
      CheckParameter p = known.get(e.getKey());
      if (p == null) {
        throw new ValidationException(
            name,
            check.id()
                + " takes "
                + (known.isEmpty() ? "no parameters" : "the parameters " + known.keySet()));
      }
      if (e.getValue() == null) {
        continue;
      }
      String value =
          switch (p.type()) {
            case INTEGER -> integer(name, e.getValue());
            case WORDS -> words(name, e.getValue());
          };
      if (!value.equals(p.defaultValue())) {
        out.put(p.name(), value);
      }
    }
    return out;
  }

  private static String integer(String field, String value) {
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= 0 && n <= MAX_INTEGER) {
        return Integer.toString(n);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ValidationException(
        field, "a whole number from 0 to " + MAX_INTEGER + " is required, was " + value);
  }

  /** One phrase per line, stripped, blank lines and repeats dropped; matched literally. */
  private static String words(String field, String value) {
    Set<String> words = new LinkedHashSet<>();
    for (String line : value.split("\r\n|\r|\n", -1)) {
      String w = line.strip();
      if (w.isEmpty()) {
        continue;
      }
      if (w.length() > MAX_WORD_LENGTH || FoldedText.foldWord(w).isEmpty()) {
        throw new ValidationException(
            field,
            "each phrase has 1 to "
                + MAX_WORD_LENGTH
                + " characters with a letter or digit: "
                + (w.length() > 20 ? w.substring(0, 20) + "..." : w));
      }
      words.add(w);
    }
    if (words.size() > MAX_WORDS) {
      throw new ValidationException(
          field, "at most " + MAX_WORDS + " phrases, got " + words.size());
    }
    return String.join("\n", new ArrayList<>(words));
  }
}
