package org.socialweave.sandbox.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a {@code multipart/form-data} body (RFC 7578) as the simulated networks accept uploads. */
final class MultipartForm {

  /**
   * One part.
   *
   * @param name the form field's name
   * @param filename the file name, or {@code null} for a plain field
   * @param contentType the part's {@code Content-Type}, or {@code null}
   * @param content the bytes
   */
  record Part(String name, String filename, String contentType, byte[] content) {
    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  private static final Pattern BOUNDARY =
      Pattern.compile("(?i)boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
  private static final Pattern NAME = Pattern.compile("(?i)[;\\s]name=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("(?i)filename=\"([^\"]*)\"");

  private MultipartForm() {}

  static boolean isMultipart(String contentType) {
    return contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
  }

  /**
   * The parts of {@code body}.
   *
   * @throws IllegalArgumentException when the body is not well-formed multipart
   */
  static List<Part> parse(String contentType, byte[] body) {
    Matcher b = BOUNDARY.matcher(contentType == null ? "" : contentType);
    if (!b.find()) {
      throw new IllegalArgumentException("multipart without a boundary");
    }
    byte[] delimiter =
        ("--" + (b.group(1) != null ? b.group(1) : b.group(2))).getBytes(StandardCharsets.UTF_8);
    List<Part> parts = new ArrayList<>();
    int at = indexOf(body, delimiter, 0);
    if (at < 0) {
      throw new IllegalArgumentException("no opening boundary");
    }
    while (true) {
      int after = at + delimiter.length;
      if (after + 1 < body.length && body[after] == '-' && body[after + 1] == '-') {
        return parts; // the closing boundary
      }
      int headersStart = skipCrlf(body, after);
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), headersStart);
      if (headersEnd < 0) {
        throw new IllegalArgumentException("part without a header end");
      }
      int next = indexOf(body, delimiter, headersEnd + 4);
      if (next < 0) {
        throw new IllegalArgumentException("part without a closing boundary");
      }
      int contentEnd = next;
      if (contentEnd >= 2 && body[contentEnd - 2] == '\r' && body[contentEnd - 1] == '\n') {
        contentEnd -= 2;
      }
      String headers =
          new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
      parts.add(part(headers, Arrays.copyOfRange(body, headersEnd + 4, contentEnd)));
      at = next;
    }
  }

  private static Part part(String headers, byte[] content) {
    String disposition = null;
    String type = null;
    for (String line : headers.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      if (name.equals("content-disposition")) {
        disposition = value;
      } else if (name.equals("content-type")) {
        type = value;
      }
    }
    if (disposition == null) {
      throw new IllegalArgumentException("part without Content-Disposition");
    }
    Matcher name = NAME.matcher(";" + disposition);
    if (!name.find()) {
      throw new IllegalArgumentException("part without a name");
    }
    Matcher filename = FILENAME.matcher(disposition);
    return new Part(name.group(1), filename.find() ? filename.group(1) : null, type, content);
  }

  private static int skipCrlf(byte[] body, int at) {
    return at + 1 < body.length && body[at] == '\r' && body[at + 1] == '\n' ? at + 2 : at;
  }

  /**
   * Where {@code needle} first stands in {@code haystack} at or after {@code from}; -1: nowhere.
   */
  static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
