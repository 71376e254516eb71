package org.socialweave.api.connector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An inbound webhook call exactly as it arrived, for {@link PlatformConnector#verifyWebhook}.
 * Signatures are computed over the raw body bytes, so the body is never re-encoded. The arrays are
 * copied in and out; equality of two requests is by identity of their bodies.
 *
 * @param headers the HTTP headers; names are matched ignoring case
 * @param body the raw body bytes, never {@code null} (empty for a GET handshake)
 * @param queryParameters the decoded query parameters (WeChat signs {@code timestamp} and {@code
 *     nonce} there)
 * @param receivedAt when the node received the call, to reject stale (replayed) timestamps
 */
public record WebhookRequest(
    Map<String, List<String>> headers,
    byte[] body,
    Map<String, List<String>> queryParameters,
    Instant receivedAt) {

  public WebhookRequest {
    headers = copy(headers, true);
    body = body == null ? new byte[0] : body.clone();
    queryParameters = copy(queryParameters, false);
    if (receivedAt == null) {
      throw new IllegalArgumentException("receivedAt is required");
    }
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The first value of header {@code name} in any case, or {@code null}. */
  public String header(String name) {
    return first(headers.get(name));
  }

  /** The first value of query parameter {@code name}, or {@code null}. */
  public String queryParameter(String name) {
    return first(queryParameters.get(name));
  }

  @Override
  public String toString() {
    return "WebhookRequest[headers="
        + headers.keySet()
        + ", body="
        + body.length
        + " bytes, queryParameters="
        + queryParameters.keySet()
        + ", receivedAt="
        + receivedAt
        + "]";
  }

  private static String first(List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static Map<String, List<String>> copy(
      Map<String, List<String>> source, boolean ignoreCase) {
    Map<String, List<String>> copy =
        ignoreCase ? new TreeMap<>(String.CASE_INSENSITIVE_ORDER) : new TreeMap<>();
    if (source != null) {
      source.forEach(
          (name, values) -> {
            if (name == null) {
              throw new IllegalArgumentException("names must not be null");
            }
            List<String> merged = new ArrayList<>(copy.getOrDefault(name, List.of()));
            merged.addAll(values == null ? List.of() : values);
            copy.put(name, Collections.unmodifiableList(merged));
          });
    }
    return Collections.unmodifiableMap(copy);
  }

  /** Convenience for single-valued maps, as most tests and simple servlets have them. */
  public static WebhookRequest of(
      Map<String, String> headers, byte[] body, Map<String, String> query, Instant receivedAt) {
    Map<String, List<String>> h = new TreeMap<>();
    headers.forEach((k, v) -> h.put(k, List.of(v)));
    Map<String, List<String>> q = new TreeMap<>();
    query.forEach((k, v) -> q.put(k, List.of(v)));
    return new WebhookRequest(h, body, q, receivedAt);
  }
}
