package org.socialweave.connector.support;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.socialweave.api.connector.ConnectorException;

/**
 * Sends a connector's HTTP call and classifies what can go wrong before an answer arrives. Whether
 * a lost answer is merely transient or leaves the outcome unknown depends on whether the call
 * writes: a post may exist although its answer was lost, so it must be reconciled, never blindly
 * resent.
 */
public final class ConnectorHttp {

  private final String networkId;
  private final String peer;
  private final HttpClient http;
  private final Redactor redactor;

  /**
   * The HTTP client a connector talks to {@code baseUrl} with: bounded connect time, redirects
   * never followed (a redirect from an API is an answer to classify, not to follow with the token),
   * HTTP/2 over TLS, and HTTP/1.1 on plain {@code http} (the sandbox), where the JDK's cleartext
   * upgrade attempt would only cost a round trip.
   */
  public static HttpClient client(URI baseUrl, Duration connectTimeout) {
    return builder(connectTimeout)
        .version(
            "http".equalsIgnoreCase(baseUrl.getScheme())
                ? HttpClient.Version.HTTP_1_1
                : HttpClient.Version.HTTP_2)
        .build();
  }

  /**
   * The HTTP client of a connector whose peers differ per channel (a Mastodon instance, a Bluesky
   * PDS): bounded connect time and redirects never followed, the version negotiated per peer.
   */
  public static HttpClient client(Duration connectTimeout) {
    return builder(connectTimeout).build();
  }

  private static HttpClient.Builder builder(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER);
  }

  /**
   * @param peer how messages name the other side, e.g. "Telegram" or "the instance"
   */
  public ConnectorHttp(String networkId, String peer, HttpClient http, Redactor redactor) {
    this.networkId = networkId;
    this.peer = peer;
    this.http = http;
    this.redactor = redactor;
  }

  /**
   * @param secret the credential the request carries, kept out of every message and cause
   * @param what the call, for messages
   * @param write whether the call creates something
   * @return the answer, whatever its status; interpreting it is the connector's job
   */
  public HttpResponse<String> send(HttpRequest request, String secret, String what, boolean write) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw ConnectorException.transientFailure(
          networkId,
          "could not connect to " + peer + " (" + what + ")",
          redactor.redactedCause(e, secret));
    } catch (HttpTimeoutException e) {
      throw lost("no answer from " + peer + " in time", what, write, e, secret);
    } catch (IOException e) {
      throw lost("the connection to " + peer + " failed", what, write, e, secret);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw lost("interrupted", what, write, null, secret);
    }
  }

  private ConnectorException lost(
      String reason, String what, boolean write, Exception cause, String secret) {
    IOException safeCause = cause == null ? null : redactor.redactedCause(cause, secret);
    return write
        ? ConnectorException.outcomeUnknown(networkId, reason + " after sending " + what, safeCause)
        : ConnectorException.transientFailure(networkId, reason + " (" + what + ")", safeCause);
  }
}
