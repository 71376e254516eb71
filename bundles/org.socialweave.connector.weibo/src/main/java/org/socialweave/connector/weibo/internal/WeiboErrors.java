package org.socialweave.connector.weibo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.socialweave.api.connector.ConnectorException;
import org.socialweave.api.connector.ErrorKind;

/**
 * Classifies Weibo's answers. Weibo signals failures with a body, {@code
 * {"error":"...","error_code":N,"request":"/2/..."}}, whose {@code error_code} the official table
 * (open.weibo.com/wiki/Error_code) documents as a string and the servers send as a number; the HTTP
 * status is not documented, and the body is believed over it.
 *
 * <p>Rate limits are per clock hour with no header saying when they reset, so {@link
 * ErrorKind#RATE_LIMITED} retries at the top of the next hour, but never sooner than {@link
 * #MIN_RATE_LIMIT_WAIT}.
 */
final class WeiboErrors {

  static final String NETWORK_ID = "weibo";

  /**
   * The access token expired (21327 OAuth 2 {@code expired_token}, 21315 {@code Token expired}).
   */
  private static final Set<Integer> EXPIRED = Set.of(21315, 21327);

  /**
   * The grant is gone: 21301 auth failed, 21314 token used, 21316 token revoked, 21317 token
   * rejected, 21319 accessor revoked, 21325 {@code invalid_grant}, 21330 {@code access_denied},
   * 21332 {@code invalid_access_token}.
   */
  private static final Set<Integer> REVOKED =
      Set.of(21301, 21314, 21316, 21317, 21319, 21325, 21330, 21332);

  /**
   * 10022 IP, 10023 user, 10024 user per API out of rate limit; 20016 {@code Out of limit}
   * (publishing too often).
   */
  private static final Set<Integer> RATE = Set.of(10022, 10023, 10024, 20016);

  /** 20017 similar content, 20019 same content, 20111 repeated weibo text. */
  private static final Set<Integer> DUPLICATE = Set.of(20017, 20019, 20111);

  /**
   * 20008 content is null, 20012/20013 text too long, 20018 illegal website, 20020 advertising,
   * 20021 illegal content, 20104 illegal weibo, 20202 illegal comment, 21602 forbidden words.
   */
  private static final Set<Integer> CONTENT =
      Set.of(20008, 20012, 20013, 20018, 20020, 20021, 20104, 20202, 21602);

  /** 20005 unsupported image type, 20006 image too large, 20007 no image in the multipart. */
  private static final Set<Integer> MEDIA = Set.of(20005, 20006, 20007);

  /**
   * Failed, to be retried: 10001 system error, 10002 service unavailable, 10009 too many pending
   * tasks, 21331 {@code temporarily_unavailable}. Weibo says the call failed; should a status have
   * been stored nonetheless, the retry is refused as a repeat (20019) rather than posted twice.
   */
  private static final Set<Integer> BUSY = Set.of(10001, 10002, 10009, 21331);

  /**
   * Failed somewhere inside, possibly after the work was done: 10003 remote service error, 10010
   * job expired, 10011 RPC error, and 20032 {@code Update success, while server slow now}, which
   * says the post exists without naming it.
   */
  private static final Set<Integer> INSIDE = Set.of(10003, 10010, 10011, 20032);

  private static final Map<Integer, String> REASONS =
      Map.of(
          10017,
              "a parameter was refused (10017); for statuses/share: is secureDomainUrl on the"
                  + " app's 安全域名?",
          10014, "the app lacks the permission for this API (10014)",
          21324, "the client id or secret is wrong (21324 invalid_client)",
          21322, "the redirect URI is not the app's callback (21322 redirect_uri_mismatch)");

  private final Clock clock;

  WeiboErrors(Clock clock) {
    this.clock = clock;
  }

  /**
   * The shortest wait after a rate limit: the hour turns on Weibo's clock, not ours, so a retry
   * right at the turn may still be counted in the old window.
   */
  static final Duration MIN_RATE_LIMIT_WAIT = Duration.ofMinutes(5);

  /**
   * When to retry after a rate limit: the top of the next hour, when Weibo's hourly counters reset,
   * or {@link #MIN_RATE_LIMIT_WAIT} from now if that is later.
   */
  Instant rateLimitReset() {
    Instant now = clock.instant();
    Instant nextHour = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    Instant earliest = now.plus(MIN_RATE_LIMIT_WAIT);
    return nextHour.isBefore(earliest) ? earliest : nextHour;
  }

  /** The error code of a Weibo error envelope, or -1 when {@code body} is not one. */
  static int code(JsonNode body) {
    if (body == null || !body.isObject()) {
      return -1;
    }
    JsonNode code = body.get("error_code");
    if (code == null) {
      return -1;
    }
    if (code.isIntegralNumber()) {
      return code.asInt();
    }
    String text = code.asText("");
    return text.matches("\\d{1,9}") ? Integer.parseInt(text) : -1;
  }

  /**
   * The failure that a Weibo error envelope means.
   *
   * @param write whether the call creates something, so that a failure inside Weibo leaves the
   *     outcome unknown rather than transient
   */
  ConnectorException fromEnvelope(int code, JsonNode body, String raw, boolean write) {
    String error = body.path("error").asText("");
    String description = body.path("error_description").asText("");
    String message = description.isEmpty() ? error : error + ": " + description;
    String reason = REASONS.get(code);
    if (reason != null) {
      message = reason + " — " + message;
    }
    ErrorKind kind;
    Instant retryAfter = null;
    if (EXPIRED.contains(code)) {
      kind = ErrorKind.AUTH_EXPIRED;
    } else if (REVOKED.contains(code)) {
      kind = ErrorKind.AUTH_REVOKED;
    } else if (RATE.contains(code)) {
      kind = ErrorKind.RATE_LIMITED;
      retryAfter = rateLimitReset();
    } else if (DUPLICATE.contains(code)) {
      kind = ErrorKind.DUPLICATE;
    } else if (CONTENT.contains(code)) {
      kind = ErrorKind.CONTENT_REJECTED;
    } else if (MEDIA.contains(code)) {
      kind = ErrorKind.MEDIA_REJECTED;
    } else if (BUSY.contains(code)) {
      kind = ErrorKind.TRANSIENT;
    } else if (INSIDE.contains(code)) {
      kind = write ? ErrorKind.OUTCOME_UNKNOWN : ErrorKind.TRANSIENT;
    } else {
      // 10004-10021 request or permission problems, 20003 no such user, 20101 no such status,
      // 20201 no such comment, 2132x OAuth configuration errors, and codes the table does not
      // list: a person must act (never a blind retry, which could publish twice).
      kind = ErrorKind.PERMANENT;
    }
    return ConnectorException.builder(kind, NETWORK_ID)
        .networkCode(String.valueOf(code))
        .networkMessage(message.isEmpty() ? null : message)
        .retryAfter(retryAfter)
        .rawResponse(raw)
        .build();
  }

  /**
   * The failure an answer without Weibo's envelope means: a gateway's page, an empty body, or a 2xx
   * that is not what the call answers.
   */
  ConnectorException withoutEnvelope(int status, String raw, String what, boolean write) {
    ErrorKind kind;
    Instant retryAfter = null;
    if (status == 401) {
      kind = ErrorKind.AUTH_REVOKED;
    } else if (status == 429) {
      kind = ErrorKind.RATE_LIMITED;
      retryAfter = rateLimitReset();
    } else if (status >= 500) {
      // A gateway's error page: the call failed, and a repeated share is refused as 20019.
      kind = ErrorKind.TRANSIENT;
    } else if (status >= 200 && status < 300) {
      // A mangled success: after a write the post may exist.
      kind = write ? ErrorKind.OUTCOME_UNKNOWN : ErrorKind.TRANSIENT;
    } else {
      kind = ErrorKind.PERMANENT;
    }
    return ConnectorException.builder(kind, NETWORK_ID)
        .networkCode(String.valueOf(status))
        .networkMessage(what + ": not a Weibo answer (HTTP " + status + ")")
        .retryAfter(retryAfter)
        .rawResponse(raw)
        .build();
  }

  /**
   * A 2xx answer that lacks what the call answers. After a write the post may exist (a proxy may
   * have mangled a success), so the outcome is unknown; after a read it is transient.
   */
  ConnectorException malformed(String raw, String message, boolean write) {
    return ConnectorException.builder(
            write ? ErrorKind.OUTCOME_UNKNOWN : ErrorKind.TRANSIENT, NETWORK_ID)
        .networkCode("200")
        .networkMessage(message)
        .rawResponse(raw)
        .build();
  }
}
