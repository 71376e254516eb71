package org.socialweave.sandbox.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.socialweave.sandbox.Fault;
import org.socialweave.sandbox.WeChatArticle;
import org.socialweave.sandbox.WeChatPush;
import org.socialweave.sandbox.WeChatSandbox;

/** WeChat Official Account API wire format under {@code /wechat/cgi-bin/...}. */
public final class WeChatSimulator extends Simulator implements WeChatSandbox {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u[0-9a-fA-F]{4}");
  private static final long MAX_IMAGE_BYTES = 10L * 1024 * 1024;
  private static final long MAX_THUMB_BYTES = 64L * 1024;
  private static final long MAX_UPLOADIMG_BYTES = 1024L * 1024;
  private static final int MAX_USER_READ_DAYS = 3;

  private static final class Account {
    final String appId;
    final String originalId;
    String secret;
    String token;
    Instant tokenExpiresAt;
    URI pushUrl;
    String pushToken;
    String aesKey;
    int publishFinalStatus = 0;
    int publishPolls = 1;
    int drafts;
    int uploads;
    final Map<LocalDate, long[]> userRead = new TreeMap<>();

    Account(String appId, String secret) {
      this.appId = appId;
      this.secret = secret;
      this.originalId = "gh_" + appId.substring(Math.max(0, appId.length() - 12));
    }
  }

  private record Material(String appId, String type) {}

  private record Draft(String appId, JsonNode article) {}

  private static final class Job {
    final String appId;
    final String publishId;
    final String msgDataId;
    final Draft draft;
    int pollsLeft;
    final int finalStatus;
    int status = 1;
    String articleId;

    Job(String appId, String publishId, String msgDataId, Draft draft, int polls, int status) {
      this.appId = appId;
      this.publishId = publishId;
      this.msgDataId = msgDataId;
      this.draft = draft;
      this.pollsLeft = polls;
      this.finalStatus = status;
    }
  }

  /** A queued fault for one path ({@code null}: any): a {@link Fault}, or else an errcode. */
  private record QueuedFault(String path, Fault fault, int errcode, String errmsg) {
    boolean appliesTo(String callPath) {
      return path == null || path.equals(callPath);
    }
  }

  private final URI baseUrl;
  private final Object lock = new Object();
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Account> accounts = new HashMap<>();
  private final Map<String, String> tokens = new HashMap<>();
  private final FaultQueue<QueuedFault> faults = new FaultQueue<>();
  private final Map<String, Material> materials = new HashMap<>();
  private final Map<String, Draft> drafts = new HashMap<>();
  private final Map<String, Job> jobs = new HashMap<>();
  private final List<WeChatArticle> articles = new ArrayList<>();
  private final Map<String, List<WeChatPush>> pushes = new HashMap<>();
  private final SimClock clock = new SimClock(ChronoUnit.SECONDS);
  private final ExecutorService pusher;
  private final HttpClient pushClient;
  private long nextPublishId = 2_247_503_051L;
  private long nextMsgDataId = 2_247_483_701L;

  public WeChatSimulator(URI sandboxUrl) {
    this.baseUrl = URI.create(sandboxUrl + PREFIX);
    this.pusher =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "sandbox-wechat-push");
              t.setDaemon(true);
              return t;
            });
    this.pushClient =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  void close() {
    pusher.shutdownNow();
  }

  // ---- WeChatSandbox ----

  @Override
  public URI baseUrl() {
    return baseUrl;
  }

  @Override
  public void addAccount(String appId, String appSecret) {
    if (appId == null || !appId.matches("[A-Za-z0-9_-]{4,64}")) {
      throw new IllegalArgumentException("not an app id: " + appId);
    }
    if (appSecret == null || appSecret.isBlank()) {
      throw new IllegalArgumentException("appSecret is required");
    }
    synchronized (lock) {
      accounts.put(appId, new Account(appId, appSecret));
    }
  }

  @Override
  public void resetSecret(String appId, String newSecret) {
    synchronized (lock) {
      account(appId).secret = newSecret;
    }
  }

  @Override
  public void configurePush(String appId, URI url, String token, String encodingAesKey) {
    if (encodingAesKey != null) {
      SandboxWeChatCrypto.keyOf(encodingAesKey); // checks it
    }
    synchronized (lock) {
      Account a = account(appId);
      a.pushUrl = url;
      a.pushToken = token;
      a.aesKey = encodingAesKey;
    }
  }

  @Override
  public void expireToken(String appId) {
    synchronized (lock) {
      Account a = account(appId);
      if (a.token != null) {
        a.tokenExpiresAt = clock.now();
      }
    }
  }

  @Override
  public String currentToken(String appId) {
    synchronized (lock) {
      return account(appId).token;
    }
  }

  @Override
  public void injectError(String appId, String path, int errcode, String errmsg, int times) {
    faults.add(appId, new QueuedFault(path, null, errcode, errmsg), times);
  }

  @Override
  public void inject(String appId, String path, Fault fault, int times) {
    if (fault.type() == Fault.Type.ERROR) {
      throw new IllegalArgumentException("WeChat errors are errcodes: use injectError");
    }
    faults.add(appId, new QueuedFault(path, fault, 0, null), times);
  }

  @Override
  public void setPublishBehaviour(String appId, int finalStatus, int pollsWhilePublishing) {
    if (finalStatus < 0 || finalStatus > 4 || finalStatus == 1) {
      throw new IllegalArgumentException("a job ends with 0, 2, 3 or 4, not " + finalStatus);
    }
    if (pollsWhilePublishing < 0) {
      throw new IllegalArgumentException("pollsWhilePublishing must not be negative");
    }
    synchronized (lock) {
      Account a = account(appId);
      a.publishFinalStatus = finalStatus;
      a.publishPolls = pollsWhilePublishing;
    }
  }

  @Override
  public void ban(String articleId) {
    synchronized (lock) {
      for (Job job : jobs.values()) {
        if (articleId.equals(job.articleId)) {
          job.status = 6;
        }
      }
    }
  }

  @Override
  public List<WeChatArticle> articles(String appId) {
    synchronized (lock) {
      return articles.stream().filter(a -> a.appId().equals(appId)).toList();
    }
  }

  @Override
  public int draftCount(String appId) {
    synchronized (lock) {
      return account(appId).drafts;
    }
  }

  @Override
  public int uploadCount(String appId) {
    synchronized (lock) {
      return account(appId).uploads;
    }
  }

  @Override
  public List<WeChatPush> pushes(String appId) {
    synchronized (lock) {
      return List.copyOf(pushes.getOrDefault(appId, List.of()));
    }
  }

  @Override
  public List<WeChatPush> awaitPushes(String appId, int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (pushes.getOrDefault(appId, List.of()).size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        lock.wait(Math.max(1, left / 1_000_000));
      }
      return List.copyOf(pushes.getOrDefault(appId, List.of()));
    }
  }

  @Override
  public void addUserRead(
      String appId, LocalDate day, long readUsers, long reads, long shares, long favourites) {
    synchronized (lock) {
      account(appId).userRead.put(day, new long[] {readUsers, reads, shares, favourites});
    }
  }

  @Override
  public void advanceClock(Duration duration) {
    clock.advance(duration);
  }

  @Override
  public void reset() {
    synchronized (lock) {
      accounts.clear();
      tokens.clear();
      faults.reset();
      materials.clear();
      drafts.clear();
      jobs.clear();
      articles.clear();
      pushes.clear();
      requests.reset();
      clock.reset();
    }
  }

  private Account account(String appId) {
    Account a = accounts.get(appId);
    if (a == null) {
      throw new IllegalArgumentException("unknown app id: " + appId);
    }
    return a;
  }

  // ---- HTTP ----

  private static Answer json(JsonNode body) {
    return new Answer(200, "application/json; encoding=utf-8", body.toString());
  }

  /** An errcode failure: HTTP 200, as WeChat answers every failure. */
  private Answer error(int errcode, String errmsg) {
    ObjectNode body = JSON.createObjectNode();
    body.put("errcode", errcode);
    body.put("errmsg", errmsg + " rid: " + rid());
    return json(body);
  }

  private String rid() {
    byte[] b = new byte[12];
    random.nextBytes(b);
    String hex = HexFormat.of().formatHex(b);
    return hex.substring(0, 8) + "-" + hex.substring(8, 16) + "-" + hex.substring(16, 24);
  }

  private static ObjectNode ok() {
    ObjectNode body = JSON.createObjectNode();
    body.put("errcode", 0);
    body.put("errmsg", "ok");
    return body;
  }

  private record Call(
      String method,
      String path,
      String contentType,
      Map<String, List<String>> query,
      byte[] body) {
    String query(String name) {
      return FormBodies.first(query, name);
    }
  }

  @Override
  Answer internalError(RuntimeException e) {
    return error(-1, "system error");
  }

  @Override
  Answer answer(HttpExchange exchange) throws IOException, InterruptedException {
    String fullPath = exchange.getRequestURI().getPath();
    if (!fullPath.startsWith(PREFIX + "/")) {
      return error(-1, "system error");
    }
    Call call =
        new Call(
            exchange.getRequestMethod().toUpperCase(Locale.ROOT),
            fullPath.substring(PREFIX.length()),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            FormBodies.query(exchange),
            FormBodies.body(exchange));

    String appId;
    if (call.path().equals("/cgi-bin/stable_token")) {
      JsonNode body = FormBodies.jsonObject(call.body());
      appId = body == null ? null : body.path("appid").asText(null);
    } else {
      String token = call.query("access_token");
      synchronized (lock) {
        appId = token == null ? null : tokens.get(token);
      }
    }
    requests.countKey(appId);

    QueuedFault fault = appId == null ? null : faults.next(appId, f -> f.appliesTo(call.path()));
    if (fault == null) {
      return dispatch(call);
    }
    if (fault.fault() == null) {
      return error(fault.errcode(), fault.errmsg());
    }
    return play(fault.fault(), () -> dispatch(call), this::failure);
  }

  private Answer failure(Fault fault) {
    switch (fault.type()) {
      case RATE_LIMITED:
        return error(45011, "api minute-quota reach limit  mustslower  retry next minute");
      case SERVER_ERROR:
        return Answer.gatewayPage(fault.status());
      case RAW:
        return new Answer(fault.status(), "application/json", fault.body());
      default:
        throw new IllegalStateException("unsupported fault " + fault.type());
    }
  }

  private Answer dispatch(Call call) {
    String path = call.path();
    if (path.equals("/cgi-bin/stable_token")) {
      return call.method().equals("POST") ? stableToken(call) : error(43002, "require POST method");
    }
    String token = call.query("access_token");
    Account account;
    synchronized (lock) {
      if (token == null || token.isEmpty()) {
        return error(41001, "access_token missing");
      }
      String appId = tokens.get(token);
      account = appId == null ? null : accounts.get(appId);
      if (account == null || !token.equals(account.token)) {
        return error(
            40001,
            "invalid credential, access_token is invalid or not latest, could get access_token by"
                + " getStableAccessToken, more details at https://mmbizurl.cn/s/JtxxFh33r");
      }
      if (!clock.now().isBefore(account.tokenExpiresAt)) {
        return error(42001, "access_token expired");
      }
    }
    switch (path) {
      case "/cgi-bin/get_api_domain_ip":
        {
          ObjectNode body = JSON.createObjectNode();
          body.putArray("ip_list").add("101.89.47.18").add("101.91.34.103");
          return json(body);
        }
      case "/cgi-bin/material/add_material":
        return post(call) ? addMaterial(call, account) : error(43002, "require POST method");
      case "/cgi-bin/media/uploadimg":
        return post(call) ? uploadImg(call, account) : error(43002, "require POST method");
      case "/cgi-bin/draft/add":
        return post(call) ? addDraft(call, account) : error(43002, "require POST method");
      case "/cgi-bin/freepublish/submit":
        return post(call) ? submit(call, account) : error(43002, "require POST method");
      case "/cgi-bin/freepublish/get":
        return post(call) ? getJob(call, account) : error(43002, "require POST method");
      case "/cgi-bin/freepublish/getarticle":
        return post(call) ? getArticle(call, account) : error(43002, "require POST method");
      case "/cgi-bin/freepublish/delete":
        return post(call) ? deleteArticle(call, account) : error(43002, "require POST method");
      case "/cgi-bin/datacube/getuserread":
        return post(call) ? userRead(call, account) : error(43002, "require POST method");
      default:
        return error(48001, "api unauthorized");
    }
  }

  private static boolean post(Call call) {
    return call.method().equals("POST");
  }

  private Answer stableToken(Call call) {
    JsonNode body = FormBodies.jsonObject(call.body());
    if (body == null) {
      return error(47001, "data format error");
    }
    if (!"client_credential".equals(body.path("grant_type").asText())) {
      return error(40002, "invalid grant_type");
    }
    String appId = body.path("appid").asText("");
    String secret = body.path("secret").asText("");
    if (appId.isEmpty()) {
      return error(41002, "appid missing");
    }
    if (secret.isEmpty()) {
      return error(41004, "appsecret missing");
    }
    boolean force = body.path("force_refresh").asBoolean(false);
    synchronized (lock) {
      Account account = accounts.get(appId);
      if (account == null) {
        return error(40013, "invalid appid");
      }
      if (!account.secret.equals(secret)) {
        return error(40125, "invalid appsecret");
      }
      Instant now = clock.now();
      if (force || account.token == null || !now.isBefore(account.tokenExpiresAt)) {
        if (account.token != null) {
          tokens.remove(account.token);
        }
        account.token = newToken();
        account.tokenExpiresAt = now.plusSeconds(TOKEN_LIFETIME_SECONDS);
        tokens.put(account.token, appId);
      }
      ObjectNode answer = JSON.createObjectNode();
      answer.put("access_token", account.token);
      answer.put("expires_in", Duration.between(now, account.tokenExpiresAt).toSeconds());
      return json(answer);
    }
  }

  private String newToken() {
    byte[] b = new byte[96];
    random.nextBytes(b);
    // WeChat's tokens are long strings of letters, digits, '_' and '-' (store at least 512 chars).
    return "86_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private String newId(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private Answer addMaterial(Call call, Account account) {
    String type = call.query("type");
    if (!"image".equals(type) && !"thumb".equals(type)) {
      return error(40004, "invalid media type");
    }
    MultipartParts.Part media = MultipartParts.find(call.contentType(), call.body(), "media");
    if (media == null) {
      return error(41005, "media data missing");
    }
    if (!isImage(media.contentType(), type.equals("thumb"))) {
      return error(40005, "invalid file type");
    }
    long max = type.equals("thumb") ? MAX_THUMB_BYTES : MAX_IMAGE_BYTES;
    if (media.content().length == 0 || media.content().length > max) {
      return error(type.equals("thumb") ? 40012 : 40009, "invalid image size");
    }
    String mediaId = newId(30);
    synchronized (lock) {
      materials.put(mediaId, new Material(account.appId, type));
      account.uploads++;
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("media_id", mediaId);
    body.put("url", "http://mmbiz.qpic.cn/sz_mmbiz_jpg/" + newId(24) + "/0?wx_fmt=jpeg");
    return json(body);
  }

  private Answer uploadImg(Call call, Account account) {
    MultipartParts.Part media = MultipartParts.find(call.contentType(), call.body(), "media");
    if (media == null) {
      return error(41005, "media data missing");
    }
    String ct = media.contentType() == null ? "" : media.contentType().toLowerCase(Locale.ROOT);
    if (!ct.equals("image/jpeg") && !ct.equals("image/png")) {
      return error(40005, "invalid file type");
    }
    if (media.content().length == 0 || media.content().length > MAX_UPLOADIMG_BYTES) {
      return error(40009, "invalid image size");
    }
    synchronized (lock) {
      account.uploads++;
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("url", "http://mmbiz.qpic.cn/mmbiz_jpg/" + newId(24) + "/0");
    return json(body);
  }

  private static boolean isImage(String contentType, boolean thumb) {
    String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (thumb) {
      return ct.equals("image/jpeg");
    }
    return ct.equals("image/jpeg")
        || ct.equals("image/png")
        || ct.equals("image/gif")
        || ct.equals("image/bmp");
  }

  private Answer addDraft(Call call, Account account) {
    String raw = new String(call.body(), StandardCharsets.UTF_8);
    if (UNICODE_ESCAPE.matcher(raw).find()) {
      return error(
          40033,
          "invalid charset. please check your request, if include \\uxxxx will create fail!");
    }
    JsonNode body = FormBodies.jsonObject(call.body());
    if (body == null || !body.path("articles").isArray() || body.path("articles").isEmpty()) {
      return error(44003, "empty news data");
    }
    JsonNode article = body.path("articles").get(0);
    String title = article.path("title").asText("");
    if (title.isEmpty()) {
      return error(44003, "empty news data");
    }
    if (codePoints(title) > MAX_TITLE) {
      return error(45003, "title size out of limit");
    }
    if (codePoints(article.path("author").asText("")) > MAX_AUTHOR) {
      return error(45110, "author size out of limit");
    }
    if (codePoints(article.path("digest").asText("")) > MAX_DIGEST) {
      return error(45004, "description size out of limit");
    }
    String content = article.path("content").asText("");
    if (content.isEmpty()) {
      return error(44003, "empty news data");
    }
    if (content.length() >= MAX_CONTENT
        || content.getBytes(StandardCharsets.UTF_8).length >= 1024 * 1024) {
      return error(45002, "content size out of limit");
    }
    String thumb = article.path("thumb_media_id").asText("");
    synchronized (lock) {
      Material material = materials.get(thumb);
      if (material == null || !material.appId().equals(account.appId)) {
        return error(40007, "invalid media_id");
      }
      String mediaId = newId(30);
      drafts.put(mediaId, new Draft(account.appId, article));
      account.drafts++;
      ObjectNode answer = JSON.createObjectNode();
      answer.put("media_id", mediaId);
      return json(answer);
    }
  }

  private Answer submit(Call call, Account account) {
    JsonNode body = FormBodies.jsonObject(call.body());
    String mediaId = body == null ? "" : body.path("media_id").asText("");
    List<Runnable> afterwards = new ArrayList<>();
    ObjectNode answer;
    synchronized (lock) {
      Draft draft = drafts.get(mediaId);
      if (draft == null || !draft.appId().equals(account.appId)) {
        return error(40007, "invalid media_id");
      }
      drafts.remove(mediaId); // a submitted draft leaves the draft box
      account.drafts--;
      String publishId = String.valueOf(nextPublishId++);
      String msgDataId = String.valueOf(nextMsgDataId++);
      Job job =
          new Job(
              account.appId,
              publishId,
              msgDataId,
              draft,
              account.publishPolls,
              account.publishFinalStatus);
      jobs.put(publishId, job);
      if (job.pollsLeft == 0) {
        afterwards.add(finish(job, account));
      }
      answer = ok();
      answer.put("publish_id", publishId);
      answer.put("msg_data_id", msgDataId);
    }
    afterwards.forEach(Runnable::run);
    return json(answer);
  }

  private Answer getJob(Call call, Account account) {
    JsonNode body = FormBodies.jsonObject(call.body());
    String publishId = body == null ? "" : body.path("publish_id").asText("");
    Runnable afterwards = null;
    ObjectNode answer;
    synchronized (lock) {
      Job job = jobs.get(publishId);
      if (job == null || !job.appId.equals(account.appId)) {
        return error(40007, "invalid media_id");
      }
      if (job.status == 1) {
        if (job.pollsLeft > 0) {
          job.pollsLeft--;
        } else {
          afterwards = finish(job, account);
        }
      }
      answer = jobJson(job);
    }
    if (afterwards != null) {
      afterwards.run();
    }
    return json(answer);
  }

  private ObjectNode jobJson(Job job) {
    ObjectNode answer = JSON.createObjectNode();
    answer.put("publish_id", job.publishId);
    answer.put("publish_status", job.status);
    if (job.articleId != null) {
      answer.put("article_id", job.articleId);
      ObjectNode detail = answer.putObject("article_detail");
      detail.put("count", 1);
      WeChatArticle article = articleById(job.articleId);
      ObjectNode item = detail.putArray("item").addObject();
      item.put("idx", 1);
      item.put("article_url", article == null ? "" : article.url().toString());
    }
    ArrayNode failed = answer.putArray("fail_idx");
    if (job.status == 2 || job.status == 3 || job.status == 4) {
      failed.add(1);
    }
    return answer;
  }

  /** Ends a job (under the lock); the push it causes runs after the lock is released. */
  private Runnable finish(Job job, Account account) {
    job.status = job.finalStatus;
    if (job.status == 0) {
      job.articleId = newId(32);
      JsonNode a = job.draft.article();
      WeChatArticle article =
          new WeChatArticle(
              job.appId,
              job.publishId,
              job.msgDataId,
              job.articleId,
              URI.create("https://mp.weixin.qq.com/s/" + newId(16)),
              a.path("title").asText(""),
              a.path("author").asText(""),
              a.path("digest").asText(""),
              a.path("content").asText(""),
              a.path("content_source_url").asText(""),
              a.path("thumb_media_id").asText(""),
              a.path("need_open_comment").asInt(0) == 1,
              clock.now(),
              false);
      articles.add(article);
    }
    if (account.pushUrl == null) {
      return () -> {};
    }
    String xml = publishEventXml(job, account);
    URI url = account.pushUrl;
    String token = account.pushToken;
    String aesKey = account.aesKey;
    String appId = account.appId;
    String openId = "o" + newId(20);
    long timestamp = clock.now().getEpochSecond();
    String nonce = String.valueOf(100_000_000 + random.nextInt(900_000_000));
    return () ->
        pusher.execute(() -> push(appId, url, token, aesKey, xml, openId, timestamp, nonce));
  }

  private String publishEventXml(Job job, Account account) {
    StringBuilder xml = new StringBuilder();
    xml.append("<xml><ToUserName><![CDATA[")
        .append(account.originalId)
        .append("]]></ToUserName><FromUserName><![CDATA[")
        .append("oSandboxSystemEvents0000000")
        .append("]]></FromUserName><CreateTime>")
        .append(clock.now().getEpochSecond())
        .append("</CreateTime><MsgType><![CDATA[event]]></MsgType>")
        .append("<Event><![CDATA[PUBLISHJOBFINISH]]></Event><PublishEventInfo><publish_id>")
        .append(job.publishId)
        .append("</publish_id><publish_status>")
        .append(job.status)
        .append("</publish_status>");
    if (job.articleId != null) {
      WeChatArticle article = articleById(job.articleId);
      xml.append("<article_id><![CDATA[")
          .append(job.articleId)
          .append("]]></article_id><article_detail><count>1</count><item><idx>1</idx>")
          .append("<article_url><![CDATA[")
          .append(article == null ? "" : article.url())
          .append("]]></article_url></item></article_detail>");
    }
    if (job.status == 2 || job.status == 3 || job.status == 4) {
      xml.append("<fail_idx>1</fail_idx>");
    }
    xml.append("</PublishEventInfo></xml>");
    return xml.toString();
  }

  private void push(
      String appId,
      URI url,
      String token,
      String aesKey,
      String xml,
      String openId,
      long timestamp,
      String nonce) {
    String ts = String.valueOf(timestamp);
    Map<String, String> query = new LinkedHashMap<>();
    query.put("signature", SandboxWeChatCrypto.sortedSha1(token, ts, nonce));
    query.put("timestamp", ts);
    query.put("nonce", nonce);
    query.put("openid", openId);
    String body;
    if (aesKey == null) {
      body = xml;
    } else {
      String encrypt = SandboxWeChatCrypto.encrypt(aesKey, appId, xml, random);
      query.put("encrypt_type", "aes");
      query.put("msg_signature", SandboxWeChatCrypto.sortedSha1(token, ts, nonce, encrypt));
      String toUser;
      synchronized (lock) {
        Account a = accounts.get(appId);
        toUser = a == null ? "" : a.originalId;
      }
      body =
          "<xml><ToUserName><![CDATA["
              + toUser
              + "]]></ToUserName><Encrypt><![CDATA["
              + encrypt
              + "]]></Encrypt></xml>";
    }
    StringBuilder q = new StringBuilder();
    query.forEach(
        (k, v) ->
            q.append(q.length() == 0 ? "?" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    URI target = URI.create(url + q.toString());
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    int status = 0;
    String response = "";
    try {
      HttpResponse<String> r =
          pushClient.send(
              HttpRequest.newBuilder(target)
                  .timeout(Duration.ofSeconds(5))
                  .header("Content-Type", "text/xml")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      status = r.statusCode();
      response = r.body();
    } catch (IOException e) {
      status = 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    synchronized (lock) {
      pushes
          .computeIfAbsent(appId, k -> new ArrayList<>())
          .add(new WeChatPush(target, query, bytes, xml, status, response));
      lock.notifyAll();
    }
  }

  private Answer getArticle(Call call, Account account) {
    JsonNode body = FormBodies.jsonObject(call.body());
    String articleId = body == null ? "" : body.path("article_id").asText("");
    synchronized (lock) {
      WeChatArticle article = articleById(articleId);
      if (article == null || !article.appId().equals(account.appId)) {
        return error(53600, "Article ID 无效");
      }
      ObjectNode answer = JSON.createObjectNode();
      ObjectNode item = answer.putArray("news_item").addObject();
      item.put("title", article.title());
      item.put("author", article.author());
      item.put("digest", article.digest());
      item.put("content", article.content());
      item.put("content_source_url", article.contentSourceUrl());
      item.put("thumb_media_id", article.thumbMediaId());
      item.put("show_cover_pic", 0);
      item.put("need_open_comment", article.needOpenComment() ? 1 : 0);
      item.put("only_fans_can_comment", 0);
      item.put("url", article.url().toString());
      item.put("is_deleted", article.deleted());
      return json(answer);
    }
  }

  private Answer deleteArticle(Call call, Account account) {
    JsonNode body = FormBodies.jsonObject(call.body());
    String articleId = body == null ? "" : body.path("article_id").asText("");
    int index = body == null ? 0 : body.path("index").asInt(0);
    synchronized (lock) {
      WeChatArticle article = articleById(articleId);
      if (article == null || article.deleted() || !article.appId().equals(account.appId)) {
        return error(53600, "Article ID 无效");
      }
      if (index < 0 || index > 1) {
        return error(40060, "invalid article_idx");
      }
      articles.set(articles.indexOf(article), article.asDeleted());
      for (Job job : jobs.values()) {
        if (articleId.equals(job.articleId) && job.status == 0) {
          job.status = 5;
        }
      }
      return json(ok());
    }
  }

  private Answer userRead(Call call, Account account) {
    JsonNode body = FormBodies.jsonObject(call.body());
    LocalDate begin;
    LocalDate end;
    try {
      begin = LocalDate.parse(body == null ? "" : body.path("begin_date").asText(""));
      end = LocalDate.parse(body.path("end_date").asText(""));
    } catch (DateTimeParseException e) {
      return error(61500, "date format error");
    }
    long days = ChronoUnit.DAYS.between(begin, end) + 1;
    if (days < 1 || days > MAX_USER_READ_DAYS) {
      return error(61501, "date range error");
    }
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode list = answer.putArray("list");
    synchronized (lock) {
      for (LocalDate d = begin; !d.isAfter(end); d = d.plusDays(1)) {
        long[] v = account.userRead.get(d);
        if (v == null) {
          continue;
        }
        ObjectNode row = list.addObject();
        row.put("ref_date", d.toString());
        row.put("user_source", ALL_SOURCES);
        row.put("int_page_read_user", v[0]);
        row.put("int_page_read_count", v[1]);
        row.put("ori_page_read_user", 0);
        row.put("ori_page_read_count", 0);
        row.put("share_user", v[2]);
        row.put("share_count", v[2]);
        row.put("add_to_fav_user", v[3]);
        row.put("add_to_fav_count", v[3]);
      }
    }
    return json(answer);
  }

  private WeChatArticle articleById(String articleId) {
    for (WeChatArticle a : articles) {
      if (a.articleId().equals(articleId)) {
        return a;
      }
    }
    return null;
  }

  private static int codePoints(String s) {
    return s.codePointCount(0, s.length());
  }
}
