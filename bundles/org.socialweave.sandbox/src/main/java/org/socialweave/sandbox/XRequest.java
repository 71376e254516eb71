package org.socialweave.sandbox;

import java.util.Map;
import org.socialweave.sandbox.internal.Multipart;

/**
 * One HTTP call that reached the X sandbox, as it arrived.
 *
 * @param method the HTTP method, upper case
 * @param path the path below {@code /x}, e.g. {@code /2/tweets}
 * @param rawQuery the raw query string, or {@code null}
 * @param contentType the {@code Content-Type} header, or {@code null}
 * @param body the raw body; empty when there was none
 */
public record XRequest(
    String method, String path, String rawQuery, String contentType, byte[] body) {

  public XRequest {
    body = body == null ? new byte[0] : body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /**
   * The fields of a {@code multipart/form-data} body by name, in order.
   *
   * @throws IllegalArgumentException when the body is not multipart/form-data
   */
  public Map<String, byte[]> multipartFields() {
    return Multipart.parse(contentType, body);
  }

  @Override
  public String toString() {
    return method + " " + path + (rawQuery == null ? "" : "?" + rawQuery);
  }
}
