package org.socialweave.connector.x.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.socialweave.api.connector.ConnectorException;
import org.socialweave.api.connector.ErrorKind;
import org.socialweave.connector.support.ConnectorHttp;
import org.socialweave.connector.support.Redactor;
import org.socialweave.connector.support.RetryHints;

/**
 * Sends X API v2 calls and turns X's answers into JSON or a classified {@link ConnectorException}.
 *
 * <p>X answers failures as problem objects ({@code title}, {@code detail}, {@code type}, {@code
 * status}; invalid requests add {@code errors[]}) and the OAuth endpoints as {@code
 * {"error","error_description"}}. The problem {@code type} is matched by its last path segment, so
 * both {@code https://api.twitter.com/2/problems/...} and {@code https://api.x.com/2/problems/...}
 * are understood.
 */
final class XApi {

  /** What a call does, which decides how a lost or unexpected answer is classified. */
  enum Kind {
    /** Reads: a lost answer is transient. */
    READ,
    /** Creates a post: a lost or unreadable answer leaves the outcome unknown. */
    CREATE,
    /** Media upload steps: refusals are media problems; an orphaned upload just expires. */
    MEDIA,
    /** Deletes: safe to repeat, so a lost answer is transient. */
    DELETE
  }

  /**
   * The user token a call carries, the refresh token an echo may reveal too, and whether a refresh
   * may revive it: X answers an expired and a revoked token with the same bare 401, so the
   * credentials decide.
   */
  record Auth(String token, String refreshToken, boolean refreshable) {

    /** {@code text} without the access token, the refresh token or anything shaped like one. */
    String redact(String text) {
      return REDACTOR.redact(REDACTOR.redact(text, token), refreshToken);
    }

    @Override
    public String toString() {
      return "Auth[refreshable=" + refreshable + "]";
    }
  }

  /** Tokens and authorization headers in answers or error messages. */
  static final Redactor REDACTOR =
      new Redactor(
          Pattern.compile(
              "(?i)((?:bearer|basic)\\s+|\"(?:access_token|refresh_token|code_verifier)\"\\s*:\\s*\")"
                  + "[^\\s\",]+"));

  /** Used when a 429 names no reset: X's windows are 15 minutes. */
  static final Duration DEFAULT_RATE_RESET = Duration.ofMinutes(15);

  /** Used when a quota answer names no reset (the monthly usage cap): a day, conservatively. */
  static final Duration DEFAULT_QUOTA_RESET = Duration.ofHours(24);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConnectorHttp transport;
  private final Duration requestTimeout;
  private final Clock clock;

  XApi(HttpClient http, Duration requestTimeout, Clock clock) {
    this.transport = new ConnectorHttp(XConnector.NETWORK_ID, "X", http, REDACTOR);
    this.requestTimeout = requestTimeout;
    this.clock = clock;
  }

  /** A request to {@code uri} with the user's bearer token. */
  HttpRequest.Builder request(URI uri, Auth auth) {
    return HttpRequest.newBuilder(uri)
        .timeout(requestTimeout)
        .header("Authorization", "Bearer " + auth.token())
        .header("Accept", "application/json");
  }

  /** A request to {@code uri} without credentials (the token endpoint adds its own). */
  HttpRequest.Builder anonymous(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Accept", "application/json");
  }

  /** Sends an API call and answers the parsed JSON object of a 2xx. */
  JsonNode call(HttpRequest request, Auth auth, String what, Kind kind) {
    HttpResponse<String> response =
        transport.send(request, auth.token(), what, kind == Kind.CREATE);
    String raw = auth.redact(response.body() == null ? "" : response.body());
    int status = response.statusCode();
    JsonNode json = parse(raw);
    if (status >= 200 && status < 300) {
      if (json == null) {
        throw malformed(status, raw, what, kind == Kind.CREATE, "not a JSON object");
      }
      return json;
    }
    throw classify(status, response.headers().map(), json, raw, auth, kind);
  }

  /**
   * Sends a call to the OAuth token endpoint and answers the token JSON. Refused codes and refresh
   * tokens ({@code invalid_grant}, and X's {@code invalid_request} "Value passed for the token was
   * invalid.") are {@link ErrorKind#AUTH_REVOKED}; a refused client is {@link ErrorKind#PERMANENT}
   * (the connector's configuration, not the user, must change).
   *
   * @param secrets the values the request carries (code, verifier, refresh token, client secret)
   */
  JsonNode token(HttpRequest request, String what, String... secrets) {
    HttpResponse<String> response =
        transport.send(request, secrets.length == 0 ? null : secrets[0], what, false);
    String body = response.body() == null ? "" : response.body();
    String raw = body;
    for (String secret : secrets) {
      raw = REDACTOR.redact(raw, secret);
    }
    raw = REDACTOR.redact(raw, null);
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      JsonNode tokens = parse(body); // the tokens themselves: never reported, only returned
      if (tokens == null
          || !tokens.path("access_token").isTextual()
          || tokens.path("access_token").asText().isBlank()) {
        throw malformed(status, raw, what, false, "no access_token");
      }
      return tokens;
    }
    JsonNode json = parse(raw);
    String error = json == null ? null : json.path("error").asText(null);
    String description = json == null ? null : json.path("error_description").asText(null);
    String code = error == null ? String.valueOf(status) : error;
    String message = description == null ? "HTTP " + status : description;
    if (status == 429) {
      throw rateLimited(response.headers().map(), json, raw);
    }
    if (status >= 500) {
      throw fail(ErrorKind.TRANSIENT, code, message, raw);
    }
    if ("invalid_grant".equals(error) || "invalid_request".equals(error)) {
      throw fail(ErrorKind.AUTH_REVOKED, code, message, raw);
    }
    throw fail(ErrorKind.PERMANENT, code, message, raw);
  }

  /** The classified failure of a non-2xx API answer. */
  private ConnectorException classify(
      int status,
      Map<String, List<String>> headers,
      JsonNode json,
      String raw,
      Auth auth,
      Kind kind) {
    String type = problemType(json);
    String detail = detail(json);
    String code = type == null ? String.valueOf(status) : type;
    String message = detail == null ? "HTTP " + status : detail;
    String lower = message.toLowerCase(Locale.ROOT);
    if (status == 401) {
      return fail(
          auth.refreshable() ? ErrorKind.AUTH_EXPIRED : ErrorKind.AUTH_REVOKED, code, message, raw);
    }
    if (status == 429) {
      return rateLimited(headers, json, raw);
    }
    if (status >= 500) {
      return fail(ErrorKind.TRANSIENT, code, message, raw);
    }
    if (status == 403 && lower.contains("duplicate content")) {
      return fail(ErrorKind.DUPLICATE, code, message, raw);
    }
    if (kind == Kind.MEDIA && (status == 400 || status == 413 || status == 415)) {
      return fail(ErrorKind.MEDIA_REJECTED, code, message, raw);
    }
    if (kind == Kind.CREATE && status == 403 && !isAccessProblem(type, lower)) {
      // The post itself was refused (too long, a reply to a deleted post, a policy): retrying
      // the same content cannot help.
      return fail(ErrorKind.CONTENT_REJECTED, code, message, raw);
    }
    if (kind == Kind.CREATE && status == 400 && lower.contains("too long")) {
      return fail(ErrorKind.CONTENT_REJECTED, code, message, raw);
    }
    // 400 (our request), 403 (permissions, suspended account), 404, 409 ...: a person must act.
    return fail(ErrorKind.PERMANENT, code, message, raw);
  }

  /** App access problems, as opposed to a refusal of the content. */
  private static boolean isAccessProblem(String type, String lowerDetail) {
    return "client-forbidden".equals(type)
        || "unsupported-authentication".equals(type)
        || "oauth1-permissions".equals(type)
        || "not-authorized-for-resource".equals(type)
        || lowerDetail.contains("not permitted to perform this action");
  }

  /**
   * A 429: the 24-hour post cap ({@code x-user-limit-24hour-remaining: 0}, or the app's) or the
   * monthly usage cap are quotas; anything else is the 15-minute rate limit.
   */
  private ConnectorException rateLimited(
      Map<String, List<String>> headers, JsonNode json, String raw) {
    Instant now = clock.instant();
    for (String family : new String[] {"x-user-limit-24hour", "x-app-limit-24hour"}) {
      if ("0".equals(header(headers, family + "-remaining"))) {
        Instant reset = epochSeconds(header(headers, family + "-reset"));
        return ConnectorException.builder(ErrorKind.QUOTA_EXHAUSTED, XConnector.NETWORK_ID)
            .retryAfter(reset == null ? now.plus(DEFAULT_QUOTA_RESET) : reset)
            .networkCode(family)
            .networkMessage(detail(json))
            .rawResponse(raw)
            .build();
      }
    }
    String type = problemType(json);
    if ("usage-capped".equals(type)) {
      return ConnectorException.builder(ErrorKind.QUOTA_EXHAUSTED, XConnector.NETWORK_ID)
          .retryAfter(now.plus(DEFAULT_QUOTA_RESET))
          .networkCode(type)
          .networkMessage(detail(json))
          .rawResponse(raw)
          .build();
    }
    return ConnectorException.builder(ErrorKind.RATE_LIMITED, XConnector.NETWORK_ID)
        .retryAfter(RetryHints.parse(headers, clock).orElse(now.plus(DEFAULT_RATE_RESET)))
        .networkCode(type == null ? "429" : type)
        .networkMessage(detail(json))
        .rawResponse(raw)
        .build();
  }

  /**
   * A 2xx answer that is not what X sends. After a create the post may exist (a proxy may have
   * mangled a success), so the outcome is unknown; otherwise it is transient.
   */
  static ConnectorException malformed(
      int status, String raw, String what, boolean create, String detail) {
    return ConnectorException.builder(
            create ? ErrorKind.OUTCOME_UNKNOWN : ErrorKind.TRANSIENT, XConnector.NETWORK_ID)
        .networkCode(String.valueOf(status))
        .networkMessage(what + ": " + detail + " (HTTP " + status + ")")
        .rawResponse(raw)
        .build();
  }

  private static ConnectorException fail(ErrorKind kind, String code, String message, String raw) {
    return ConnectorException.builder(kind, XConnector.NETWORK_ID)
        .networkCode(code)
        .networkMessage(message)
        .rawResponse(raw)
        .build();
  }

  /**
   * The last path segment of a problem {@code type} URI ({@code resource-not-found}), or {@code
   * null} for {@code about:blank} and answers without one; looks into {@code errors[0]} too.
   */
  static String problemType(JsonNode json) {
    if (json == null) {
      return null;
    }
    String type = json.path("type").asText(null);
    if (type == null) {
      type = json.path("errors").path(0).path("type").asText(null);
    }
    if (type == null || !type.contains("/problems/")) {
      return null;
    }
    return type.substring(type.lastIndexOf('/') + 1);
  }

  /** The problem's {@code detail}, with the first error's message for invalid requests. */
  static String detail(JsonNode json) {
    if (json == null) {
      return null;
    }
    String detail = json.path("detail").asText(null);
    JsonNode first = json.path("errors").path(0);
    String message = first.path("message").asText(first.path("detail").asText(null));
    if (detail == null) {
      return message;
    }
    return message == null || message.equals(detail) ? detail : detail + " " + message;
  }

  static JsonNode parse(String raw) {
    try {
      JsonNode node = JSON.readTree(raw);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String header(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  private static Instant epochSeconds(String value) {
    if (value == null || !value.trim().matches("\\d{1,12}")) {
      return null;
    }
    return Instant.ofEpochSecond(Long.parseLong(value.trim()));
  }
}
