package org.socialweave.api.connector;

import java.time.Instant;

/**
 * One page of comments or messages to fetch.
 *
 * @param platformPostId for comments, the post whose comments to read, or {@code null} for recent
 *     comments on all the account's posts; ignored for messages
 * @param since only interactions created at or after this time, or {@code null} for no bound
 * @param cursor the network's cursor from the previous page's {@code nextCursor}, or {@code null}
 *     for the first page
 * @param limit the most items to return, 1 to {@value #MAX_LIMIT}; a connector may return fewer
 */
public record InteractionQuery(String platformPostId, Instant since, String cursor, int limit) {

  public static final int MAX_LIMIT = 100;

  public InteractionQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    if (cursor != null && cursor.isEmpty()) {
      cursor = null;
    }
  }

  /** The first page of the account's recent interactions. */
  public static InteractionQuery first(int limit) {
    return new InteractionQuery(null, null, null, limit);
  }
}
