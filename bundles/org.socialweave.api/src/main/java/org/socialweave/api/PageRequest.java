package org.socialweave.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.socialweave.api.error.ValidationException;

/**
 * A validated page size and the position after which the page starts.
 *
 * @param after the id of the last record of the previous page, or {@code null} for the first page
 */
public record PageRequest(int limit, String after) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException(
          "limit", "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
  }

  public static PageRequest first(int limit) {
    return new PageRequest(limit, null);
  }

  /** Builds a request from the {@code limit} and {@code cursor} query parameters. */
  public static PageRequest of(Integer limit, String cursor) {
    int size = limit == null ? DEFAULT_LIMIT : limit;
    if (cursor == null || cursor.isEmpty()) {
      return new PageRequest(size, null);
    }
    try {
      String after = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (after.isBlank() || after.length() > 64) {
        throw new IllegalArgumentException();
      }
      return new PageRequest(size, after);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("cursor", "cursor is not one this API returned");
    }
  }

  /** The opaque cursor that continues after the record with this id. */
  public static String cursorAfter(String id) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(id.getBytes(StandardCharsets.UTF_8));
  }
}
