package org.socialweave.sandbox;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The simulated X API v2 under {@code <sandbox>/x}, below which X's real paths apply: the OAuth 2.0
 * authorize page {@code /i/oauth2/authorize} (consent is given by {@link #consentAs}) and token
 * endpoint {@code /2/oauth2/token} (PKCE S256 checked, one-time codes valid 30 s, access tokens
 * valid 2 h, refresh tokens rotated on every use), {@code /2/users/me}, {@code /2/tweets} (create,
 * look up, delete), {@code /2/users/:id/tweets}, {@code /2/tweets/search/recent} and the media
 * upload {@code /2/media/upload/initialize}, {@code /:id/append}, {@code /:id/finalize}, {@code GET
 * /2/media/upload?command=STATUS} and {@code /2/media/metadata}. Errors are X's problem objects
 * ({@code title}, {@code detail}, {@code type}, {@code status}), OAuth errors {@code
 * {"error","error_description"}}; every API answer carries {@code x-rate-limit-*} headers, {@code
 * POST /2/tweets} also {@code x-user-limit-24hour-*}. Faults are played in that format: {@link
 * Fault.Type#RATE_LIMITED} answers 429 with {@code x-rate-limit-reset} (epoch seconds) now plus
 * {@code retryAfterSeconds}. Thread-safe.
 */
public interface XSandbox {

  /** X's {@code maxWeightedTweetLength}. */
  int MAX_WEIGHTED_LENGTH = 280;

  /** How long an access token lives ({@code expires_in} 7200). */
  Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(2);

  /** How long an authorization code may be exchanged. */
  Duration CODE_LIFETIME = Duration.ofSeconds(30);

  /** The largest image {@code tweet_image} takes. */
  long MAX_IMAGE_BYTES = 5L * 1024 * 1024;

  /** Tokens issued for a client and user. */
  record Tokens(String accessToken, String refreshToken, String scope) {
    @Override
    public String toString() {
      return "Tokens[scope=" + scope + "]";
    }
  }

  /** The API base URL, {@code <sandbox>/x}: paths such as {@code /2/tweets} are relative to it. */
  URI apiBaseUrl();

  /** The authorize page, {@code <sandbox>/x/i/oauth2/authorize}. */
  URI authorizeUrl();

  /**
   * Registers an OAuth client. A {@code null} secret makes it public (client id in the body); with
   * a secret it is confidential and must authenticate with HTTP Basic at the token endpoint.
   */
  void addClient(String clientId, String clientSecret, String redirectUri);

  /** Registers a user and answers its numeric id. */
  String addUser(String username);

  /** The user who approves the next authorizations at the authorize page. */
  void consentAs(String username);

  /** Issues tokens as if {@code username} had authorized {@code clientId} with {@code scope}. */
  Tokens issueTokens(String username, String clientId, String scope);

  /** Revokes the grant behind an access token: it and its refresh token stop working. */
  void revoke(String accessToken);

  /** Makes an access token expire now (its refresh token still works). */
  void expire(String accessToken);

  /**
   * The next {@code times} calls with {@code key} play {@code fault}: the key is an access token
   * (API calls made with it) or a client id (that client's token endpoint calls).
   */
  void inject(String key, Fault fault, int times);

  /** Drops the faults still queued for {@code key}. */
  void clearFaults(String key);

  /** Every post of the user with {@code userId}, oldest first, deleted ones included. */
  List<XPost> posts(String userId);

  /** Sets the engagement counts X reports in {@code public_metrics} (replies are counted). */
  void setEngagement(
      String postId, long impressions, long likes, long reposts, long quotes, long bookmarks);

  /** Limits {@code POST /2/tweets} of a user per rolling 24 hours (the daily post cap). */
  void setDailyPostLimit(String userId, int limit);

  /**
   * Makes finalized uploads need processing: {@code STATUS} answers {@code in_progress} {@code
   * polls} times, then {@code succeeded}, or {@code failed} when {@code fails}.
   */
  void setMediaProcessing(int polls, boolean fails);

  /** The alt text set on a media id, or {@code null}. */
  String altText(String mediaId);

  /** Moves the sandbox's clock forward (tokens, codes, windows). */
  void advanceClock(Duration duration);

  /** How many HTTP calls reached the X routes. */
  long requestCount();

  /** How many HTTP calls reached the X routes with {@code accessToken}. */
  long requestCount(String accessToken);

  /** Every call that reached the X routes, oldest first, for checks against X's API description. */
  List<XRequest> requests();

  /** Forgets clients, users, tokens, posts, media, faults, counters, requests and clock offset. */
  void reset();
}
