package org.socialweave.sandbox.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a {@code multipart/form-data} body (RFC 7578) into its parts by name. */
public final class Multipart {

  private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=\"?([^\";]+)\"?");
  private static final Pattern NAME = Pattern.compile("(?i)name=\"([^\"]*)\"");

  private Multipart() {}

  /**
   * The parts' contents by name, in order.
   *
   * @throws IllegalArgumentException when the body is not multipart with that content type
   */
  public static Map<String, byte[]> parse(String contentType, byte[] body) {
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw new IllegalArgumentException("not multipart/form-data");
    }
    Matcher m = BOUNDARY.matcher(contentType);
    if (!m.find()) {
      throw new IllegalArgumentException("no boundary");
    }
    byte[] delimiter = ("--" + m.group(1)).getBytes(StandardCharsets.US_ASCII);
    Map<String, byte[]> parts = new LinkedHashMap<>();
    int at = MultipartForm.indexOf(body, delimiter, 0);
    if (at < 0) {
      throw new IllegalArgumentException("no parts");
    }
    while (true) {
      int start = at + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        return parts; // the closing delimiter
      }
      start += 2; // CRLF after the delimiter
      int headersEnd =
          MultipartForm.indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), start);
      int next = MultipartForm.indexOf(body, delimiter, start);
      if (headersEnd < 0 || next < 0 || headersEnd > next) {
        throw new IllegalArgumentException("truncated part");
      }
      String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
      Matcher name = NAME.matcher(headers);
      if (!name.find()) {
        throw new IllegalArgumentException("a part without a name");
      }
      parts.put(name.group(1), Arrays.copyOfRange(body, headersEnd + 4, next - 2));
      at = next;
    }
  }
}
