package org.socialweave.api;

import java.util.Optional;

/**
 * Remembers the response to a create request sent with an {@code Idempotency-Key}, so a retried
 * request gets the same answer instead of creating a second record.
 */
public interface IdempotencyStore {

  /**
   * @param scopeKey the key combined with the caller and the endpoint, hashed
   * @param requestHash hash of the request body, to detect a key reused for another request
   */
  record StoredResponse(
      String scopeKey, String requestHash, int status, String location, String body) {}

  Optional<StoredResponse> find(String scopeKey);

  /** Saves a response; returns false if another request with the same key saved one first. */
  boolean save(StoredResponse response);
}
