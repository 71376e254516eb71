package org.socialweave.sandbox;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The simulated Mastodon REST API. Each instance lives under its own base URL, {@code
 * <sandbox>/mastodon/<instance>}, below which the real Mastodon paths apply: {@code POST
 * /api/v1/statuses} (form or JSON, honouring {@code Idempotency-Key} for {@value
 * #IDEMPOTENCY_WINDOW_MINUTES} minutes), {@code GET} and {@code DELETE /api/v1/statuses/:id} and
 * {@code GET /api/v1/accounts/verify_credentials}. Threads: {@code in_reply_to_id} on statuses,
 * {@code GET /api/v1/statuses/:id/context} ({@code ancestors} and {@code descendants}, oldest
 * first, deleted statuses left out) and {@code GET /api/v1/conversations} (the caller's
 * direct-message conversations, most recent {@code last_status} first, {@code limit} 20 by default
 * and at most {@value #MAX_CONVERSATIONS_LIMIT}, {@code max_id} paging with a {@code Link} header
 * {@code rel="next"} when a page is full); a direct reply to a status of a conversation joins it.
 * Media: {@code POST /api/v2/media} (multipart {@code file} and {@code description}; 200 when
 * processed at once, 202 with {@code url: null} while processing, see {@link
 * #mediaProcessingPolls}), {@code GET /api/v1/media/:id} (206 while processing, 200 when ready, 404
 * for another account's media) and {@code media_ids[]} on statuses (at most {@value
 * #MAX_MEDIA_ATTACHMENTS}; unknown, foreign, attached or unprocessed media answer 422 with
 * Mastodon's messages). Errors are Mastodon's {@code {"error":"..."}} with its status codes (401,
 * 404, 422, 429 with {@code X-RateLimit-*} headers, 5xx). Thread-safe.
 */
public interface MastodonSandbox {

  /** The default {@code configuration.statuses.max_characters} of an instance. */
  int MAX_CHARACTERS = 500;

  /** What every URL counts ({@code characters_reserved_per_url}). */
  int CHARACTERS_RESERVED_PER_URL = 23;

  /** How long an {@code Idempotency-Key} is remembered. */
  int IDEMPOTENCY_WINDOW_MINUTES = 60;

  /** The largest {@code limit} of {@code GET /api/v1/conversations}. */
  int MAX_CONVERSATIONS_LIMIT = 40;

  /** {@code configuration.statuses.max_media_attachments}. */
  int MAX_MEDIA_ATTACHMENTS = 4;

  /** {@code configuration.media_attachments.image_size_limit} (Mastodon 4.x default, 16 MiB). */
  long IMAGE_SIZE_LIMIT = 16L * 1024 * 1024;

  /** {@code configuration.media_attachments.description_limit}, in characters. */
  int DESCRIPTION_LIMIT = 1500;

  /**
   * The image types of {@code configuration.media_attachments.supported_mime_types}; the sandbox
   * simulates images only, so it refuses video and audio uploads as unsupported.
   */
  Set<String> SUPPORTED_IMAGE_TYPES =
      Set.of(
          "image/jpeg",
          "image/png",
          "image/gif",
          "image/heic",
          "image/heif",
          "image/webp",
          "image/avif");

  /**
   * Registers an instance (a host name such as {@code social.example}) and answers its base URL,
   * e.g. {@code http://127.0.0.1:41234/mastodon/social.example}, without a trailing slash.
   */
  URI addInstance(String instance);

  /** The base URL of a registered instance. */
  URI instanceUrl(String instance);

  /**
   * Registers an account on {@code instance} with an access token; calls with any other token (or
   * the token on another instance) answer 401 {@code {"error":"The access token is invalid"}}.
   */
  void addAccount(String instance, String accessToken, String username);

  /**
   * Another account of {@code instance}, {@code fromUsername}, replies publicly to a status (at any
   * depth of its thread).
   *
   * @return the reply's status id
   * @throws IllegalArgumentException when the status is unknown on that instance
   */
  String addReply(String instance, String statusId, String fromUsername, String text);

  /**
   * Another account of the token's instance, {@code fromUsername}, sends a direct message to the
   * token's account, starting a new conversation.
   *
   * @return the message's status id
   * @throws IllegalArgumentException when the token is unknown
   */
  String addDirectMessage(String accessToken, String fromUsername, String text);

  /** Revokes a token: later calls with it answer 401. */
  void revoke(String accessToken);

  /** The next {@code times} calls with {@code accessToken} (known or not) play {@code fault}. */
  void inject(String accessToken, Fault fault, int times);

  /** Drops the faults still queued for {@code accessToken}. */
  void clearFaults(String accessToken);

  /**
   * Every status accepted for {@code accessToken}, oldest first, deleted ones included; statuses of
   * other accounts ({@link #addReply}, {@link #addDirectMessage}) have a {@code null} token.
   */
  List<MastodonStatus> statuses(String accessToken);

  /**
   * How uploads are processed from now on: {@code 0} (the default) processes them at once, {@code
   * POST /api/v2/media} answering 200 with the attachment's {@code url}; {@code n > 0} answers 202
   * with {@code url: null}, then the first {@code n} {@code GET /api/v1/media/:id} of each upload
   * answer 206 and the next 200. Unprocessed media cannot be attached to a status.
   */
  void mediaProcessingPolls(int polls);

  /** Every media uploaded with {@code accessToken}, oldest first, attached or not. */
  List<MastodonMedia> media(String accessToken);

  /** Moves the sandbox's clock forward, e.g. past the idempotency window. */
  void advanceClock(Duration duration);

  /** How many HTTP calls reached the Mastodon routes, whatever their token or answer. */
  long requestCount();

  /** How many HTTP calls reached the Mastodon routes with {@code accessToken}. */
  long requestCount(String accessToken);

  /**
   * Forgets instances, accounts, statuses, media, idempotency keys, faults, counters, clock offset
   * and media processing.
   */
  void reset();
}
