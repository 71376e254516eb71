package org.socialweave.sandbox;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * The simulated WeChat Official Account API (微信公众号). It lives under {@code <sandbox>/wechat}, below
 * which the real paths apply: a connector configured with {@link #baseUrl()} instead of {@code
 * https://api.weixin.qq.com} calls {@code <baseUrl>/cgi-bin/stable_token} and so on.
 *
 * <p>Wire format as WeChat's: every answer is HTTP 200 with JSON; failures are {@code
 * {"errcode":N,"errmsg":"... rid: ..."}}, never an HTTP status. Every call but {@code stable_token}
 * carries {@code ?access_token=}. Routes:
 *
 * <ul>
 *   <li>{@code POST /cgi-bin/stable_token} {@code {"grant_type":"client_credential","appid",
 *       "secret","force_refresh"}}: the same token while it is valid (with the seconds it has
 *       left), a new one after it expired or with {@code force_refresh}; {@code 40013} unknown app
 *       id, {@code 40125} wrong secret, {@code 40002} wrong grant type;
 *   <li>{@code GET /cgi-bin/get_api_domain_ip}: the cheapest authenticated call;
 *   <li>{@code POST /cgi-bin/material/add_material?type=image|thumb} and {@code POST
 *       /cgi-bin/media/uploadimg}, multipart with the file in field {@code media}: permanent
 *       material ({@code media_id}, {@code url}; image at most 10 MB, thumb 64 KB) and article
 *       images ({@code url}; JPEG or PNG, at most 1 MB). Wrong type {@code 40005}, too large {@code
 *       40009};
 *   <li>{@code POST /cgi-bin/draft/add}: checks title (required, at most {@value #MAX_TITLE} 字,
 *       {@code 45003}), author ({@value #MAX_AUTHOR}, {@code 45110}), digest ({@value #MAX_DIGEST},
 *       {@code 45004}), content (required, under {@value #MAX_CONTENT} characters, {@code 45002}),
 *       {@code thumb_media_id} (a permanent material of this account, else {@code 40007}) and
 *       refuses bodies with {@code \\uXXXX} escapes as WeChat does ({@code 40033});
 *   <li>{@code POST /cgi-bin/freepublish/submit} {@code {"media_id"}}: an asynchronous job,
 *       answered with {@code publish_id} and {@code msg_data_id}. The job stays {@code
 *       publish_status} 1 (publishing) for as many {@code freepublish/get} polls as {@link
 *       #setPublishBehaviour} says, then finishes with the configured status; when it finishes, the
 *       {@code PUBLISHJOBFINISH} event is pushed to the account's message URL ({@link
 *       #configurePush});
 *   <li>{@code POST /cgi-bin/freepublish/get} {@code {"publish_id"}}, {@code POST
 *       /cgi-bin/freepublish/getarticle} {@code {"article_id"}} ({@code news_item[]} with {@code
 *       url} and {@code is_deleted}), {@code POST /cgi-bin/freepublish/delete} {@code
 *       {"article_id", "index"}} (unknown or deleted article: {@code 53600});
 *   <li>{@code POST /cgi-bin/datacube/getuserread} {@code {"begin_date","end_date"}}: the daily
 *       read figures seeded with {@link #addUserRead}, at most 3 days ({@code 61501} otherwise).
 * </ul>
 *
 * Access tokens are invalid ({@code 40001}) when unknown or replaced, expired ({@code 42001}) after
 * 7200 s of sandbox time. Thread-safe.
 */
public interface WeChatSandbox {

  /** The path under the sandbox's base URL where the WeChat API lives. */
  String PREFIX = "/wechat";

  /** Seconds an access token lives. */
  int TOKEN_LIFETIME_SECONDS = 7200;

  int MAX_TITLE = 32;
  int MAX_AUTHOR = 16;
  int MAX_DIGEST = 128;
  int MAX_CONTENT = 20_000;

  /** {@code user_source} of the all-sources rows of {@code datacube/getuserread}. */
  int ALL_SOURCES = 99_999_999;

  /** The base URL replacing {@code https://api.weixin.qq.com}, without a trailing slash. */
  URI baseUrl();

  /**
   * Registers an official account with its app id and secret; its original id ({@code ToUserName}
   * of pushes) is {@code gh_} plus the app id's last 12 characters.
   */
  void addAccount(String appId, String appSecret);

  /** Replaces the app secret (a reset on the platform): the old one answers {@code 40125}. */
  void resetSecret(String appId, String newSecret);

  /**
   * Sets where the account's events are pushed, as on the platform's 服务器配置 page: the URL, the token
   * and, for safe mode ({@code encrypt_type=aes}), the EncodingAESKey; {@code null} for plain mode.
   */
  void configurePush(String appId, URI url, String token, String encodingAesKey);

  /** Makes the account's current access token expire now: later calls with it answer 42001. */
  void expireToken(String appId);

  /** The account's current access token, or {@code null}. */
  String currentToken(String appId);

  /**
   * The next {@code times} calls of {@code appId} to {@code path} (e.g. {@code
   * /cgi-bin/freepublish/submit}; {@code null} for any path) answer {@code {"errcode":errcode,
   * "errmsg":errmsg}} and change nothing.
   */
  void injectError(String appId, String path, int errcode, String errmsg, int times);

  /**
   * The next {@code times} calls of {@code appId} to {@code path} ({@code null}: any) play a
   * transport fault: {@link Fault.Type#SERVER_ERROR} (a gateway page), {@link Fault.Type#RAW},
   * {@link Fault.Type#DELAY}, {@link Fault.Type#ACCEPT_THEN_DROP} (processed, then the connection
   * drops), or {@link Fault.Type#RATE_LIMITED} (errcode 45011).
   */
  void inject(String appId, String path, Fault fault, int times);

  /**
   * How the account's next publish jobs end: after {@code pollsWhilePublishing} polls answering
   * {@code publish_status} 1 they finish with {@code finalStatus} (0 success, 2 original-claim
   * failure, 3 general failure, 4 audit rejected). {@code pollsWhilePublishing} 0 finishes the job
   * at submission. Default: success after one poll.
   */
  void setPublishBehaviour(String appId, int finalStatus, int pollsWhilePublishing);

  /** Bans a published article: its job then answers {@code publish_status} 6. */
  void ban(String articleId);

  /** The account's published articles, oldest first, deleted ones included. */
  List<WeChatArticle> articles(String appId);

  /**
   * How many drafts the account has: {@code draft/add} adds one, {@code freepublish/submit} takes
   * it.
   */
  int draftCount(String appId);

  /** How many permanent materials and article images the account uploaded. */
  int uploadCount(String appId);

  /** The pushes made to the account's message URL so far, oldest first. */
  List<WeChatPush> pushes(String appId);

  /**
   * Waits up to {@code timeout} until at least {@code count} pushes of {@code appId} were
   * delivered; answers them.
   */
  List<WeChatPush> awaitPushes(String appId, int count, Duration timeout)
      throws InterruptedException;

  /** Seeds one day of {@code datacube/getuserread} (all sources). */
  void addUserRead(
      String appId, LocalDate day, long readUsers, long reads, long shares, long favourites);

  /** Moves the sandbox's clock forward, e.g. past a token's lifetime. */
  void advanceClock(Duration duration);

  /** How many HTTP calls reached the WeChat routes. */
  long requestCount();

  /** How many of them were made for {@code appId} (by token or by {@code appid}). */
  long requestCount(String appId);

  /** Forgets accounts, tokens, faults, material, drafts, jobs, articles, pushes and clock. */
  void reset();
}
