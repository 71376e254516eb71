package org.socialweave.sandbox;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The simulated Sina Weibo Open Platform (API v2) under {@code <sandbox>/weibo}, below which the
 * real paths apply: {@code /oauth2/authorize}, {@code /oauth2/access_token}, {@code
 * /oauth2/get_token_info} and {@code /2/users/show.json}, {@code /2/account/get_uid.json}, {@code
 * /2/statuses/share.json} (form or multipart with {@code pic}), {@code /2/statuses/show.json},
 * {@code /2/statuses/count.json}, {@code /2/comments/show.json}, {@code /2/comments/to_me.json},
 * {@code /2/comments/create.json} and {@code /2/comments/reply.json}. Thread-safe.
 *
 * <p>Wire format as Weibo's: the access token travels as the {@code access_token} parameter (query,
 * form or multipart field) or as {@code Authorization: OAuth2 <token>}; errors are {@code
 * {"error":"...","error_code":N,"request":"/2/..."}} with the codes of Weibo's error table (21327
 * expired token, 21332 invalid token, 10023/10024 rate limits, 20012 text too long, 20019 repeated
 * content, 20101 no such status, 10017 {@code text not find domain!} when a shared text carries no
 * URL of the app's secure domain...). Weibo documents the bodies, not the HTTP statuses; the
 * simulator answers 401 for token errors, 403 for rate limits and permissions, 5xx for system
 * errors and 400 otherwise. Rate limits count per user and app in clock hours, as Weibo's do, and
 * reset at the top of the hour; no header announces them.
 *
 * <p>OAuth: {@code /oauth2/authorize} redirects at once to {@code redirect_uri?code=...&state=...}
 * as if the consenting test user (the first one added, or {@link #setConsentingUser}) had agreed.
 * Codes are single-use and live {@value #CODE_LIFETIME_MINUTES} minutes. Tokens carry no refresh
 * token (Weibo issues none to web apps) and expire after {@link #setTokenLifetime}; authorizing
 * again while a token lives answers the same token with a renewed lifetime.
 */
public interface WeiboSandbox {

  /** The longest status or comment, in Chinese characters; two ASCII characters count as one. */
  int MAX_TEXT_LENGTH = 140;

  /** Pictures must be smaller than 5 MB ({@code <5M}); read strictly as 5,000,000 bytes. */
  long MAX_PIC_BYTES = 4_999_999;

  /** How long an authorization code can be exchanged. */
  int CODE_LIFETIME_MINUTES = 10;

  /** The default token lifetime (an ordinary app's seven days). */
  Duration DEFAULT_TOKEN_LIFETIME = Duration.ofDays(7);

  /** Default calls per user and app per hour (Weibo's documented test-app figure). */
  int DEFAULT_CALLS_PER_HOUR = 150;

  /** Default {@code statuses/share} calls per user and app per hour. */
  int DEFAULT_SHARES_PER_HOUR = 30;

  /** Default comment writes per user and app per hour. */
  int DEFAULT_COMMENTS_PER_HOUR = 60;

  /** The base URL, {@code <sandbox>/weibo}, without a trailing slash. */
  URI baseUrl();

  /**
   * Registers an app.
   *
   * @param clientId the AppKey
   * @param clientSecret the AppSecret
   * @param redirectUriPrefix the registered callback: {@code redirect_uri} must start with it
   * @param secureDomain the app's secure domain (安全域名), e.g. {@code brand.example}: every shared
   *     text needs an http(s) URL on it or a subdomain of it
   */
  void addApp(String clientId, String clientSecret, String redirectUriPrefix, String secureDomain);

  /** Registers a user; the first one becomes the consenting user of {@code oauth2/authorize}. */
  void addUser(String uid, String screenName);

  /** Sets the {@code followers_count} that {@code users/show} answers. */
  void setFollowersCount(String uid, long followers);

  /**
   * Who agrees in {@code oauth2/authorize}; {@code null} makes the user refuse ({@code
   * error=access_denied}, 21330, on the redirect).
   */
  void setConsentingUser(String uid);

  /** The lifetime of tokens issued from now on. */
  void setTokenLifetime(Duration lifetime);

  /** Issues a token for {@code uid} of app {@code clientId} without the browser. */
  String issueToken(String clientId, String uid);

  /** Revokes a token (the user removed the app): later calls answer 21332 invalid_access_token. */
  void revoke(String accessToken);

  /** Sets the per-user, per-app hourly limits; each must be at least 1. */
  void setRateLimits(int callsPerHour, int sharesPerHour, int commentsPerHour);

  /**
   * The next {@code times} calls with {@code key} play {@code fault}: the key is the access token,
   * or the client id for {@code oauth2/access_token}. {@link Fault.Type#RATE_LIMITED} answers
   * 10023, {@link Fault.Type#SERVER_ERROR} 500 answers 10001 (other 5xx a gateway's HTML page),
   * {@link Fault.Type#ERROR} answers its status and description with error_code 10001.
   */
  void inject(String key, Fault fault, int times);

  /** The next {@code times} calls with {@code key} answer this Weibo error envelope. */
  void injectError(String key, int httpStatus, int errorCode, String error, int times);

  /** Drops the faults still queued for {@code key}. */
  void clearFaults(String key);

  /** Every status {@code uid} published, oldest first. */
  List<WeiboStatus> statuses(String uid);

  /** The comments on a status, oldest first. */
  List<WeiboComment> comments(String statusId);

  /** Another user comments on a status; answers the comment. */
  WeiboComment addComment(String statusId, String uid, String text);

  /** Sets a status's repost and like ({@code attitudes}) counts; comments are counted. */
  void setCounts(String statusId, long reposts, long attitudes);

  /** Moves the sandbox's clock forward: tokens and codes expire, hourly limits reset. */
  void advanceClock(Duration duration);

  /** How many HTTP calls reached the Weibo routes. */
  long requestCount();

  /** How many HTTP calls reached the Weibo routes with {@code key} (token, or client id). */
  long requestCount(String key);

  /** Forgets apps, users, tokens, codes, statuses, comments, faults, limits and clock offset. */
  void reset();
}
