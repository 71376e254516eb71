package org.socialweave.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A record the Bluesky sandbox stored in an account's repository.
 *
 * @param did the repository (account) it belongs to
 * @param collection its collection, e.g. {@code app.bsky.feed.post}
 * @param rkey its record key
 * @param uri {@code at://<did>/<collection>/<rkey>}
 * @param cid its content identifier (a {@code bafyrei...} CID of the record's JSON; the sandbox
 *     does not encode DAG-CBOR)
 * @param value the record as it was sent, {@code $type} included; a copy
 * @param indexedAt when the sandbox accepted it
 * @param deleted whether it was deleted since
 */
public record BlueskyRecord(
    String did,
    String collection,
    String rkey,
    String uri,
    String cid,
    JsonNode value,
    Instant indexedAt,
    boolean deleted) {

  public BlueskyRecord {
    value = value == null ? null : value.deepCopy();
  }

  @Override
  public JsonNode value() {
    return value == null ? null : value.deepCopy();
  }

  /** The post's {@code text}, or {@code null} when the record has none. */
  public String text() {
    return value == null || !value.path("text").isTextual() ? null : value.get("text").asText();
  }

  /** This record, deleted. */
  public BlueskyRecord asDeleted() {
    return new BlueskyRecord(did, collection, rkey, uri, cid, value, indexedAt, true);
  }
}
