package org.socialweave.bench.connectors;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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

  /**
   * The channel the connector publishes for, as the channels service would hand it over. Asked
   * again after every {@link #setUp}: networks whose sandbox forgets its tokens on reset connect
   * the channel anew there.
   */
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

  /**
   * Sends the raw equivalent of one publish: by default {@link #rawRequest}, a 2xx counts. Networks
   * whose publish is several requests override this with the same sequence.
   */
  default void rawPublish(HttpClient client, Sandbox sandbox, String key, String text)
      throws Exception {
    HttpResponse<String> response =
        client.send(
            rawRequest(sandbox, key, text),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException("HTTP " + response.statusCode());
    }
  }

  /** How many posts the sandbox has stored for the benchmark's account since the last reset. */
  long storedPosts(Sandbox sandbox);

  /**
   * An instance of a connector's OSGi configuration annotation {@code type}: {@code values} by
   * method name, the annotation's defaults for the rest. Lets the bench use the connector's public
   * {@code @Activate} constructor (production timeouts) against the sandbox.
   */
  static <T> T config(Class<T> type, Map<String, Object> values) {
    Object proxy =
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> {
              if (values.containsKey(method.getName())) {
                return values.get(method.getName());
              }
              if (method.getDefaultValue() != null) {
                return method.getDefaultValue();
              }
              return switch (method.getName()) {
                case "annotationType" -> type;
                case "hashCode" -> System.identityHashCode(self);
                case "equals" -> self == args[0];
                case "toString" -> type.getName() + values;
                default -> throw new UnsupportedOperationException(method.getName());
              };
            });
    return type.cast(proxy);
  }

  /** The {@code code} parameter of the redirect that {@code authorizationUrl} leads to. */
  static String followConsent(URI authorizationUrl) throws Exception {
    HttpClient browser =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpResponse<Void> redirect =
        browser.send(
            HttpRequest.newBuilder(authorizationUrl).build(),
            HttpResponse.BodyHandlers.discarding());
    String location = redirect.headers().firstValue("Location").orElse("");
    java.util.regex.Matcher code =
        java.util.regex.Pattern.compile("[?&]code=([^&]*)").matcher(location);
    if (redirect.statusCode() != 302 || !code.find()) {
      throw new IllegalStateException(
          "consent: HTTP " + redirect.statusCode() + ", Location " + location);
    }
    return java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8);
  }

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
