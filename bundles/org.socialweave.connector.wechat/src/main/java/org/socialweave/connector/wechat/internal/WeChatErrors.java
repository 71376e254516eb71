package org.socialweave.connector.wechat.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.socialweave.api.connector.ConnectorException;
import org.socialweave.api.connector.ErrorKind;

/**
 * WeChat's {@code errcode}s as {@link ErrorKind}s. WeChat answers every failure with HTTP 200 and
 * {@code {"errcode":N,"errmsg":"..."}}; the codes come from WeChat's global return code page and
 * the {@code stable_token} page, as quoted by the SDKs (WxJava {@code WxMpErrorMsgEnum}, wechatpy,
 * SKIT.FlurlHttpClient.Wechat) and users' reports.
 *
 * <table>
 *   <caption>Classification</caption>
 *   <tr><th>errcode</th><th>meaning</th><th>kind</th></tr>
 *   <tr><td>40001, 40014, 42001, 41001</td><td>token invalid / not latest, expired, missing</td>
 *       <td>AUTH_EXPIRED (refresh with stable_token, then retry)</td></tr>
 *   <tr><td>40125, 40013, 41002, 41004</td><td>wrong or missing app secret / app id</td>
 *       <td>AUTH_REVOKED (a person must reconnect: the secret was reset)</td></tr>
 *   <tr><td>40164</td><td>caller IP not on the account's whitelist</td>
 *       <td>PERMANENT (a person adds the node's IP on the platform; reconnecting cannot help)</td></tr>
 *   <tr><td>45009</td><td>daily API quota used up</td>
 *       <td>QUOTA_EXHAUSTED until the next midnight in Asia/Shanghai</td></tr>
 *   <tr><td>45011</td><td>minute quota ("retry next minute")</td>
 *       <td>RATE_LIMITED until the next minute</td></tr>
 *   <tr><td>-1</td><td>system busy</td><td>TRANSIENT</td></tr>
 *   <tr><td>87014, 45002, 45003, 45004, 45110, 44003, 53503</td>
 *       <td>risky content, content / title / digest / author too long, empty article, draft failed
 *       the publish check</td><td>CONTENT_REJECTED</td></tr>
 *   <tr><td>40004, 40005, 40006, 40009, 40012, 40113, 40137, 41005, 45001</td>
 *       <td>media type, size or data refused</td><td>MEDIA_REJECTED</td></tr>
 *   <tr><td>anything else (48001 unauthorized API, 48004 banned API, 53504/53505 publish needs
 *       the web UI, 40007 bad media id, 40033 \\uXXXX in the body ...)</td><td></td>
 *       <td>PERMANENT</td></tr>
 * </table>
 */
final class WeChatErrors {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  private WeChatErrors() {}

  static ConnectorException classify(
      String networkId, long errcode, String errmsg, String raw, Clock clock) {
    String code = String.valueOf(errcode);
    ErrorKind kind = kind(errcode);
    ConnectorException.Builder b =
        ConnectorException.builder(kind, networkId)
            .networkCode(code)
            .networkMessage(message(errcode, errmsg))
            .rawResponse(raw);
    if (kind == ErrorKind.QUOTA_EXHAUSTED) {
      b.retryAfter(nextBeijingMidnight(clock));
    } else if (kind == ErrorKind.RATE_LIMITED) {
      b.retryAfter(clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES));
    }
    return b.build();
  }

  static ErrorKind kind(long errcode) {
    switch ((int) errcode) {
      case 40001:
      case 40014:
      case 42001:
      case 41001:
        return ErrorKind.AUTH_EXPIRED;
      case 40125:
      case 40013:
      case 41002:
      case 41004:
        return ErrorKind.AUTH_REVOKED;
      case 45009:
        return ErrorKind.QUOTA_EXHAUSTED;
      case 45011:
        return ErrorKind.RATE_LIMITED;
      case -1:
        return ErrorKind.TRANSIENT;
      case 87014:
      case 45002:
      case 45003:
      case 45004:
      case 45110:
      case 44003:
      case 53503:
        return ErrorKind.CONTENT_REJECTED;
      case 40004:
      case 40005:
      case 40006:
      case 40009:
      case 40012:
      case 40113:
      case 40137:
      case 41005:
      case 45001:
        return ErrorKind.MEDIA_REJECTED;
      default:
        return ErrorKind.PERMANENT;
    }
  }

  private static String message(long errcode, String errmsg) {
    String m = errmsg == null || errmsg.isBlank() ? "errcode " + errcode : errmsg;
    if (errcode == 40164) {
      return m + " (add this node's public IP to the account's IP whitelist on the platform)";
    }
    return m;
  }

  static Instant nextBeijingMidnight(Clock clock) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), BEIJING);
    return today.plusDays(1).atStartOfDay(BEIJING).toInstant();
  }
}
