package org.socialweave.sandbox.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one part of a {@code multipart/form-data} body, as the simulated upload routes need. */
final class MultipartParts {

  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
  private static final Pattern NAME = Pattern.compile("(?i)\\bname=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("(?i)\\bfilename=\"([^\"]*)\"");

  /** A part: its file name (or null), content type (or null) and bytes. */
  record Part(String filename, String contentType, byte[] content) {}

  private MultipartParts() {}

  /** The part named {@code name}, or null when the body is not multipart or has no such part. */
  static Part find(String contentType, byte[] body, String name) {
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      return null;
    }
    Matcher m = BOUNDARY.matcher(contentType);
    if (!m.find()) {
      return null;
    }
    byte[] delimiter = ("--" + m.group(1)).getBytes(StandardCharsets.US_ASCII);
    int pos = MultipartForm.indexOf(body, delimiter, 0);
    while (pos >= 0) {
      int start = pos + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        return null; // the closing delimiter
      }
      start += 2; // CRLF after the delimiter
      int next = MultipartForm.indexOf(body, delimiter, start);
      if (next < 0) {
        return null;
      }
      int headersEnd =
          MultipartForm.indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), start);
      if (headersEnd < 0 || headersEnd > next) {
        return null;
      }
      String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
      int contentStart = headersEnd + 4;
      int contentEnd = next - 2; // CRLF before the next delimiter
      String partName = null;
      String filename = null;
      String partType = null;
      for (String line : headers.split("\r\n")) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-disposition:")) {
          Matcher n = NAME.matcher(line);
          partName = n.find() ? n.group(1) : null;
          Matcher f = FILENAME.matcher(line);
          filename = f.find() ? f.group(1) : null;
        } else if (lower.startsWith("content-type:")) {
          partType = line.substring("content-type:".length()).trim();
        }
      }
      if (name.equals(partName) && contentEnd >= contentStart) {
        return new Part(filename, partType, Arrays.copyOfRange(body, contentStart, contentEnd));
      }
      pos = next;
    }
    return null;
  }
}
