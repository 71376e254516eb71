package org.socialweave.sandbox;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The simulated Bluesky PDS (and the few AppView reads a connector needs), serving XRPC at {@code
 * <sandbox>/bluesky/xrpc/<nsid>} like {@code https://bsky.social/xrpc/<nsid>}, and the same
 * accounts at {@code <sandbox>/bluesky/pds/<host>/xrpc/<nsid>} for an account whose DID document
 * names that PDS (see {@link #pdsUrl}).
 *
 * <p>Methods: {@code com.atproto.server.createSession}, {@code refreshSession}, {@code getSession};
 * {@code com.atproto.repo.createRecord}, {@code deleteRecord}, {@code getRecord}, {@code
 * uploadBlob}; {@code com.atproto.identity.resolveHandle}; {@code app.bsky.feed.getPosts}, {@code
 * getPostThread}; {@code app.bsky.actor.getProfile}. Others answer {@code 501
 * MethodNotImplemented}.
 *
 * <p>As a real PDS: every input, query and record is validated against the Lexicons ({@link
 * Lexicons}), answering {@code 400 {"error":"InvalidRequest","message":"..."}}; sessions are HS256
 * JWTs with {@code exp} ({@value #ACCESS_TOKEN_MINUTES} minutes for the access token, {@value
 * #REFRESH_TOKEN_DAYS} days for the refresh token); an expired access token answers {@code 400
 * ExpiredToken}; {@code refreshSession} rotates the refresh token, and the old one still works for
 * a grace period of {@value #REFRESH_GRACE_MINUTES} minutes (returning the same next session id),
 * then answers {@code 400 ExpiredToken "Token has been revoked"}; a post's record key must be a
 * TID; creating a record at a key that is taken answers {@code 500 InternalServerError} (the
 * reference PDS fails in its MST); deleting a missing record succeeds; blobs referenced by a record
 * must have been uploaded by the same account with the same MIME type and size; {@code
 * createSession} is limited to {@value #CREATE_SESSION_LIMIT} per {@value
 * #CREATE_SESSION_WINDOW_MINUTES} minutes and {@value #CREATE_SESSION_DAILY_LIMIT} a day per
 * identifier ({@code 429 RateLimitExceeded} with {@code RateLimit-*} headers).
 *
 * <p>Faults ({@link #inject}) are per account and play in the XRPC format: {@link
 * Fault.Type#RATE_LIMITED} is {@code 429 RateLimitExceeded} with {@code RateLimit-Reset} (epoch
 * seconds) now plus {@code retryAfterSeconds} and {@code RateLimit-Policy: 3000;w=300}; {@link
 * Fault.Type#SERVER_ERROR} 500 is {@code InternalServerError}, other 5xx a gateway's HTML page;
 * {@link Fault#error(int, String)} takes {@code "Name"} or {@code "Name: message"} as the XRPC
 * {@code error} and {@code message}. Thread-safe.
 */
public interface BlueskySandbox {

  int ACCESS_TOKEN_MINUTES = 120;
  int REFRESH_TOKEN_DAYS = 90;
  int REFRESH_GRACE_MINUTES = 120;
  int CREATE_SESSION_LIMIT = 30;
  int CREATE_SESSION_WINDOW_MINUTES = 5;
  int CREATE_SESSION_DAILY_LIMIT = 300;

  /** The largest blob {@code uploadBlob} takes (the reference PDS's default upload limit). */
  int MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

  /** The entryway's base URL, {@code <sandbox>/bluesky}: paths {@code /xrpc/<nsid>} below it. */
  URI serviceUrl();

  /** The base URL of PDS {@code host}, {@code <sandbox>/bluesky/pds/<host>}; same accounts. */
  URI pdsUrl(String host);

  /**
   * Registers an account and answers its DID ({@code did:plc:...}). Its DID document names the
   * entryway as its PDS until {@link #setPdsEndpoint}.
   *
   * @param handle e.g. {@code alice.bsky.social}
   * @param email the login e-mail, or {@code null}
   * @param appPassword the app password {@code createSession} accepts
   */
  String addAccount(String handle, String email, String appPassword);

  /** Sets the PDS endpoint of the account's DID document; {@code null} leaves out the document. */
  void setPdsEndpoint(String did, URI endpoint);

  /**
   * Revokes the account's app password: {@code createSession} with it fails, refresh tokens are
   * revoked. Access tokens already issued stay valid until they expire, as on a PDS.
   */
  void revokeAppPassword(String did);

  /**
   * Takes the account down: its authenticated calls, {@code createSession} and {@code
   * refreshSession} answer {@code 401 AccountTakedown "Account has been taken down"}, as on a PDS.
   */
  void takedown(String did);

  /** The DID of a registered handle, or {@code null}. */
  String did(String handle);

  /** The next {@code times} calls for account {@code did} play {@code fault}. */
  void inject(String did, Fault fault, int times);

  /** Drops the faults still queued for {@code did}. */
  void clearFaults(String did);

  /** Every record of the account's repository, oldest first, deleted ones included. */
  List<BlueskyRecord> records(String did);

  /**
   * Posts as {@code did} without HTTP, e.g. a follower's comment, and answers the post's AT-URI.
   *
   * @param parentUri the post it replies to, or {@code null}
   */
  String post(String did, String text, String parentUri);

  /** Sets the like, repost and quote counts {@code getPosts} reports for a post. */
  void setCounts(String uri, long likes, long reposts, long quotes);

  /** Sets the follower count {@code getProfile} reports. */
  void setFollowers(String did, long followers);

  /** Every call received, oldest first. */
  List<XrpcCall> calls();

  /** Moves the sandbox's clock forward, e.g. past a token's expiry. */
  void advanceClock(Duration duration);

  /** How many HTTP calls reached the Bluesky routes. */
  long requestCount();

  /**
   * How many HTTP calls reached the Bluesky routes for account {@code did}: with one of its tokens
   * (valid or not), or logging in as it.
   */
  long requestCount(String did);

  /** Forgets accounts, records, blobs, sessions, faults, calls, counters and clock offset. */
  void reset();
}
