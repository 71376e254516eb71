package org.socialweave.content.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes iCalendar (RFC 5545) content lines: TEXT values escaped (section 3.3.11) and lines folded
 * at 75 octets (section 3.1) without splitting a UTF-8 sequence, every line ended by CRLF.
 */
final class ICalendar {

  static final int MAX_OCTETS = 75;

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final StringBuilder out = new StringBuilder();

  /** A property whose value is written as it is (dates, ids, URIs). */
  ICalendar raw(String name, String value) {
    fold(name + ":" + value);
    return this;
  }

  /** A TEXT property, escaped. */
  ICalendar text(String name, String value) {
    return raw(name, escape(value));
  }

  /** A DATE-TIME property in UTC, such as {@code DTSTART:20261208T010000Z}. */
  ICalendar time(String name, Instant at) {
    return raw(name, UTC.format(at));
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** Backslash, semicolon and comma escaped, line breaks as {@code \n}. */
  static String escape(String value) {
    StringBuilder escaped = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> escaped.append("\\\\");
        case ';' -> escaped.append("\\;");
        case ',' -> escaped.append("\\,");
        case '\n' -> escaped.append("\\n");
        case '\r' -> {
          escaped.append("\\n");
          if (i + 1 < value.length() && value.charAt(i + 1) == '\n') {
            i++;
          }
        }
        default -> {
          // Other control characters are not allowed in TEXT (RFC 5545 section 3.3.11).
          if (c >= 0x20 && c != 0x7F || c == '\t') {
            escaped.append(c);
          }
        }
      }
    }
    return escaped.toString();
  }

  /**
   * Splits a content line into lines of at most 75 octets; each continuation starts with one space,
   * which counts toward its 75.
   */
  private void fold(String line) {
    int octets = 0;
    for (int i = 0; i < line.length(); ) {
      int codePoint = line.codePointAt(i);
      int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (octets + size > MAX_OCTETS) {
        out.append("\r\n ");
        octets = 1;
      }
      out.appendCodePoint(codePoint);
      octets += size;
      i += Character.charCount(codePoint);
    }
    out.append("\r\n");
  }
}
