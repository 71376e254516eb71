package org.socialweave.bench.connectors;

import java.net.http.HttpRequest;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.PlatformConnector;
import org.socialweave.api.connector.PublishRequest;
import org.socialweave.sandbox.Sandbox;

/**
 * One network in the connector benchmarks. Adding a network means one implementation of this
 * interface and one line in {@link Targets#ALL}.
 *
 * <p>The overhead benchmark publishes {@link #request} through {@link #connector} and, as the
 * baseline, sends {@link #rawRequest} with a plain JDK {@code HttpClient}: the same bytes the
 * connector would put on the wire (method, path, headers, body), without the connector.
 */
public interface BenchTarget {

  /** The network id, e.g. {@code telegram}. */
  String network();

  /**
   * Registers the benchmark's account(s) in the sandbox. Called after every {@code reset()} of the
   * sandbox (between measured windows, so stored posts do not pile up), must be repeatable.
   */
  void setUp(Sandbox sandbox);

  /** The connector under test, pointed at the sandbox; built once per run. */
  PlatformConnector connector(Sandbox sandbox);

  /** The channel the connector publishes for, as the channels service would hand it over. */
  ChannelContext channel(Sandbox sandbox);

  /** The publish request for one post; {@code key} and {@code text} are unique per call. */
  default PublishRequest request(String key, String text) {
    return PublishRequest.text(key, text);
  }

  /**
   * The request the connector sends for {@link #request}{@code (key, text)}, built by hand. The
   * caller sends it with a JDK {@code HttpClient} configured like the connector's and counts a 2xx
   * as success.
   */
  HttpRequest rawRequest(Sandbox sandbox, String key, String text);

  /** How many posts the sandbox has stored for the benchmark's account since the last reset. */
  long storedPosts(Sandbox sandbox);

  /** Escapes {@code s} as a JSON string literal, quotes included (as Jackson writes it). */
  static String json(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
