package org.socialweave.sandbox.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a simulator sends back: status, {@code Content-Type} ({@code null}: none), body and more
 * headers. {@link #DROP} closes the connection without an answer.
 */
record Answer(int status, String contentType, String body, Map<String, String> headers) {

  static final Answer DROP = new Answer(0, null, "", Map.of());

  Answer(int status, String contentType, String body) {
    this(status, contentType, body, Map.of());
  }

  Answer with(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putAll(more);
    return new Answer(status, contentType, body, all);
  }

  /** The page an nginx gateway in front of the network shows for a 5xx of its own. */
  static Answer gatewayPage(int status) {
    return new Answer(
        status,
        "text/html",
        "<html><head><title>"
            + status
            + " Bad Gateway</title></head><body><center><h1>"
            + status
            + " Bad Gateway</h1></center><hr><center>nginx</center></body></html>");
  }
}
