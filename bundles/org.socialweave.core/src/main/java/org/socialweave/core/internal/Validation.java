package org.socialweave.core.internal;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.regex.Pattern;
import org.socialweave.api.error.ValidationException;

/** Field rules shared by the core services; each failure names its field. */
public final class Validation {

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");

  private Validation() {}

  public static String username(String value) {
    String v = required("username", value);
    if (!USERNAME.matcher(v).matches()) {
      throw new ValidationException(
          "username",
          "username must be 3-64 lower-case letters, digits, '.', '_' or '-', starting with a"
              + " letter or digit");
    }
    return v;
  }

  public static String slug(String value) {
    String v = required("slug", value);
    if (!SLUG.matcher(v).matches()) {
      throw new ValidationException(
          "slug",
          "slug must be 2-64 lower-case letters, digits or '-', starting with one of the first two");
    }
    return v;
  }

  public static String text(String field, String value, int max) {
    String v = required(field, value).strip();
    if (v.isEmpty() || v.length() > max) {
      throw new ValidationException(field, field + " must be 1-" + max + " characters");
    }
    if (v.chars().anyMatch(c -> Character.isISOControl(c))) {
      throw new ValidationException(field, field + " must not contain control characters");
    }
    return v;
  }

  public static String email(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    if (!EMAIL.matcher(v).matches()) {
      throw new ValidationException("email", "email is not an e-mail address");
    }
    return v;
  }

  public static String timeZone(String value) {
    String v = required("timeZone", value);
    try {
      return ZoneId.of(v).getId();
    } catch (DateTimeException e) {
      throw new ValidationException(
          "timeZone", "timeZone must be an IANA zone such as Asia/Shanghai");
    }
  }

  public static char[] password(char[] value, int minLength) {
    if (value == null || value.length < minLength) {
      throw new ValidationException(
          "password", "password must be at least " + minLength + " characters");
    }
    if (value.length > 256) {
      throw new ValidationException("password", "password must be at most 256 characters");
    }
    return value;
  }

  public static String required(String field, String value) {
    if (value == null) {
      throw new ValidationException(field, field + " is required");
    }
    return value;
  }
}
