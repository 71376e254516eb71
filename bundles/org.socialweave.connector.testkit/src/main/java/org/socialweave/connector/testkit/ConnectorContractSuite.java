package org.socialweave.connector.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.Test;
import org.socialweave.api.Page;
import org.socialweave.api.connector.AuthorizationRequest;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.ConnectField;
import org.socialweave.api.connector.ConnectFlow;
import org.socialweave.api.connector.ConnectMethod;
import org.socialweave.api.connector.ConnectedAccount;
import org.socialweave.api.connector.ConnectorException;
import org.socialweave.api.connector.Credentials;
import org.socialweave.api.connector.ErrorKind;
import org.socialweave.api.connector.Interaction;
import org.socialweave.api.connector.InteractionQuery;
import org.socialweave.api.connector.MediaRef;
import org.socialweave.api.connector.MetricPoint;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.connector.Operation;
import org.socialweave.api.connector.PlatformConnector;
import org.socialweave.api.connector.PostLookup;
import org.socialweave.api.connector.PostQuery;
import org.socialweave.api.connector.PublishRequest;
import org.socialweave.api.connector.PublishResult;
import org.socialweave.api.connector.RateLimit;
import org.socialweave.api.connector.ReplyRequest;
import org.socialweave.api.connector.TextCounting;
import org.socialweave.api.connector.TextLimit;
import org.socialweave.api.connector.WebhookRequest;
import org.socialweave.sandbox.Fault;

/**
 * The contract every {@link PlatformConnector} keeps, played against the network sandbox. A
 * connector's test extends this class, starts the sandbox and connects a channel in its own
 * {@code @Before}, and implements the hooks; the tests here are inherited. Whatever the connector
 * does not declare in {@link NetworkDescriptor#operations()} is checked to throw {@link
 * UnsupportedOperationException}, so no test is skipped.
 *
 * <p>The suite needs {@link Operation#PUBLISH_TEXT}; every network SocialWeave targets has it.
 */
public abstract class ConnectorContractSuite {

  /** What the rate-limit fault asks for; the connector must not report an earlier reset. */
  private static final int RETRY_AFTER_SECONDS = 120;

  /** Tolerated difference between the sandbox's and the test's clocks, and timestamp rounding. */
  private static final Duration CLOCK_SLACK = Duration.ofSeconds(5);

  /** How much later than the connector's timeout a delayed answer comes. */
  private static final Duration BEYOND_TIMEOUT = Duration.ofSeconds(1);

  private static final int MAX_STATUS_POLLS = 50;
  private static final Duration STATUS_POLL_INTERVAL = Duration.ofMillis(100);

  private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
  private static final Pattern METRIC_NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)?");

  /** Where {@link #MALFORMED_BODIES} echo the channel's secrets, as a careless proxy might. */
  private static final String ECHO = "{secrets}";

  /** In every malformed body, to recognise it in the raw answer kept. */
  private static final String MARKER = "contract-marker";

  /** Answers that are not what any network sends: truncated JSON, an HTML page, plain text. */
  private static final List<String> MALFORMED_BODIES =
      List.of(
          "{\"id\":\"1\",\"note\":\"" + MARKER + " " + ECHO + "\",\"created_at\":\"2026-",
          "<html><body><h1>Bad Gateway</h1><p>" + MARKER + " " + ECHO + "</p></body></html>",
          "proxy says no: " + MARKER + " " + ECHO);

  private final AtomicInteger attempts = new AtomicInteger();

  // ---- hooks ----

  /**
   * The connector under test, pointed at the sandbox, with {@link #requestTimeout()} and the system
   * clock (reset times are compared with the real time). An instance of the DS component class
   * itself, whose class file carries the {@link PlatformConnector#NETWORK_PROPERTY} property.
   */
  protected abstract PlatformConnector connector();

  /**
   * A healthy channel as the connect flow made it ({@link PlatformConnector#connect} or the OAuth
   * callback): the sandbox knows its credentials and holds no faults for them.
   */
  protected abstract ChannelContext channel();

  /**
   * The sandbox plays {@code fault} on the next {@code times} calls with the channel's credentials.
   */
  protected abstract void inject(Fault fault, int times);

  /** The sandbox revokes the channel's credentials: later calls with them are refused. */
  protected abstract void revokeCredentials();

  /** How many HTTP calls with the channel's credentials reached the sandbox so far. */
  protected abstract long requestCount();

  /**
   * The channel's posts (and replies) the sandbox holds and has not deleted: the network's post id
   * to the text as the network stored it.
   */
  protected abstract Map<String, String> postsOnNetwork();

  /** The connector's request timeout: a {@link Fault.Type#DELAY} longer than this is a timeout. */
  protected abstract Duration requestTimeout();

  // ---- hooks a network overrides where its posts or answers need it ----

  /**
   * A post of {@code text} as the tests publish it: text only, unless every post of the network
   * needs more (a WeChat article needs a cover image). The suite checks the text only.
   */
  protected PublishRequest.Builder publishable(String idempotencyKey, String text) {
    return PublishRequest.builder(idempotencyKey).text(text);
  }

  /**
   * The sandbox plays {@code fault} on the call of the next publish that makes the post: by default
   * the next call. A network that publishes in steps (uploads, a draft, then the call that
   * publishes) aims the fault at the publishing step.
   */
  protected void injectIntoPublish(Fault fault) {
    inject(fault, 1);
  }

  /**
   * The earliest moment calls may resume that the network's answer to {@code fault} (a {@link
   * Fault.Type#RATE_LIMITED}) played at {@code start} expresses: by default the fault's
   * retry-after. A network whose rate-limit answer names no time answers what its error code means.
   */
  protected Instant rateLimitReset(Fault fault, Instant start) {
    return start.plusSeconds(fault.retryAfterSeconds());
  }

  /**
   * What the metrics test reads for a published post: its id, or {@code null} where the network
   * reads only the account's figures ({@link Operation#FETCH_METRICS} covers either).
   */
  protected String metricsSubject(String platformPostId) {
    return platformPostId;
  }

  /**
   * The text the network stores when the connector publishes a post with {@code text}: {@code text}
   * itself, unless the connector documents that it adds to every post what the network requires
   * (Weibo's URL on the app's secure domain). Override together with {@link #reservedLength()}.
   */
  protected String storedText(String text) {
    return text;
  }

  /**
   * How much of the text limit what {@link #storedText} adds takes, in the limit's counting; the
   * length tests leave that room.
   */
  protected int reservedLength() {
    return 0;
  }

  // ---- descriptor and connect flow ----

  @Test
  public void descriptorIsConsistentAndNamesTheServiceProperty() throws IOException {
    NetworkDescriptor d = connector().descriptor();
    assertEquals("the descriptor is constant", d, connector().descriptor());
    assertTrue("nameZh is Chinese: " + d.nameZh(), HAN.matcher(d.nameZh()).find());
    assertFalse("nameEn is not Chinese: " + d.nameEn(), HAN.matcher(d.nameEn()).find());
    assertTrue(d.supports(Operation.PUBLISH_TEXT));
    assertEquals(d.supports(Operation.PUBLISH_IMAGE), d.media().maxImages() > 0);
    assertEquals(d.supports(Operation.PUBLISH_VIDEO), d.media().maxVideos() > 0);
    Set<String> limitNames =
        d.rateLimits().stream().map(RateLimit::name).collect(Collectors.toSet());
    assertEquals("rate limit names are unique", d.rateLimits().size(), limitNames.size());
    // DS annotations are not kept at run time; the service property is a constant in the class.
    String property = PlatformConnector.NETWORK_PROPERTY + "=" + d.id();
    assertTrue(
        connector().getClass() + " registers with " + property,
        classFileOf(connector().getClass()).contains(property));
  }

  @Test
  public void connectFlowOffersWhatItsMethodNeeds() {
    ConnectFlow flow = connector().connectFlow();
    assertEquals("the connect flow is constant", flow, connector().connectFlow());
    boolean pkce = flow.method() == ConnectMethod.OAUTH2_PKCE;
    AuthorizationRequest authorization =
        new AuthorizationRequest(
            URI.create(
                "https://socialweave.example/api/v1/oauth/"
                    + connector().descriptor().id()
                    + "/callback"),
            "contract-state",
            pkce ? "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" : null);
    if (flow.method().isRedirect()) {
      URI url = connector().authorizationUrl(authorization);
      assertTrue(url + " is absolute http(s)", url.isAbsolute() && isHttp(url));
      assertTrue(url + " carries the state", url.getRawQuery().contains("state=contract-state"));
      if (pkce) {
        assertTrue(
            url + " carries the challenge",
            url.getRawQuery().contains("code_challenge=" + authorization.codeChallenge()));
      }
      assertUnsupported("connect", () -> connector().connect(Map.of()));
      return;
    }
    List<ConnectField> fields = flow.fields();
    assertEquals(
        "field names are unique",
        fields.size(),
        fields.stream().map(ConnectField::name).distinct().count());
    assertTrue("a direct flow asks for a secret", fields.stream().anyMatch(ConnectField::secret));
    assertUnsupported("authorizationUrl", () -> connector().authorizationUrl(authorization));
    try {
      connector().connect(Map.of());
      fail("connect without fields must be refused");
    } catch (IllegalArgumentException expected) {
      // a missing field is the caller's mistake, refused before asking the network
    }
  }

  @Test
  public void verifyCredentialsNamesTheChannelsAccount() {
    long before = requestCount();
    ConnectedAccount account = connector().verifyCredentials(channel());
    assertEquals(channel().accountId(), account.accountId());
    assertEquals(channel().credentials(), account.credentials());
    assertNoSecrets(account.displayName());
    assertTrue("the credentials were checked on the network", requestCount() > before);
  }

  // ---- publish, fetch, delete ----

  @Test
  public void publishedTextIsOnTheNetwork() {
    long before = requestCount();
    String text = nextText();
    PublishResult result = publish(request(text));
    assertEquals(storedText(text), postsOnNetwork().get(result.platformPostId()));
    // The refusal tests compare requestCount(); make sure the hook counts this channel's calls.
    assertTrue(requestCount() > before);
    if (result.url() != null) {
      assertTrue(result.url() + " is absolute http(s)", isHttp(result.url()));
    }
  }

  @Test
  public void fetchPostFindsThePublishedPost() {
    PublishResult published = publish(request(nextText()));
    PostLookup lookup =
        connector().fetchPost(channel(), PostQuery.byId(published.platformPostId()));
    if (!supports(Operation.FETCH_POST)) {
      // fetchPost is not optional: a network that cannot read posts back says it cannot tell.
      assertEquals(PostLookup.Outcome.UNKNOWN, lookup.outcome());
      assertNotNull("UNKNOWN says why", lookup.detail());
      return;
    }
    assertEquals(PostLookup.Outcome.FOUND, lookup.outcome());
    assertEquals(published.platformPostId(), lookup.platformPostId());
    if (published.url() != null && lookup.url() != null) {
      assertEquals(published.url(), lookup.url());
    }
  }

  @Test
  public void deleteRemovesThePostAndMayBeRepeated() {
    String id = publish(request(nextText())).platformPostId();
    if (!supports(Operation.DELETE)) {
      assertUnsupported("delete", () -> connector().delete(channel(), id));
      assertTrue(postsOnNetwork().containsKey(id));
      return;
    }
    connector().delete(channel(), id);
    assertFalse(postsOnNetwork().containsKey(id));
    if (supports(Operation.FETCH_POST)) {
      assertEquals(
          PostLookup.Outcome.NOT_FOUND,
          connector().fetchPost(channel(), PostQuery.byId(id)).outcome());
    }
    connector().delete(channel(), id); // already gone: deleting is idempotent
  }

  @Test
  public void longestTextByTheNetworksCountIsPublished() {
    TextLimit limit = connector().descriptor().text();
    String text = countedUnit(limit.counting()).repeated(longestCount(limit));
    PublishResult result = publish(request(text));
    assertEquals(storedText(text), postsOnNetwork().get(result.platformPostId()));
  }

  @Test
  public void textTooLongByTheNetworksCountIsRefusedBeforeSending() {
    TextLimit limit = connector().descriptor().text();
    CountedUnit unit = countedUnit(limit.counting());
    String text = unit.repeated((limit.maxLength() - reservedLength()) / unit.weight() + 1);
    long before = requestCount();
    ConnectorException e = failure(() -> connector().publish(channel(), request(text)));
    assertEquals(ErrorKind.CONTENT_REJECTED, e.kind());
    assertEquals("nothing was sent", before, requestCount());
  }

  // ---- faults ----

  @Test
  public void rateLimitCarriesTheNetworksResetTime() {
    Map<String, String> before = postsOnNetwork();
    Fault limit = Fault.rateLimited(RETRY_AFTER_SECONDS);
    inject(limit, 1);
    Instant start = Instant.now();
    ConnectorException e = failure(() -> connector().publish(channel(), request(nextText())));
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    // The network's own reset, or a more conservative estimate; never earlier.
    Instant earliest = rateLimitReset(limit, start).minus(CLOCK_SLACK);
    assertFalse(e.retryAfter() + " is before " + earliest, e.retryAfter().isBefore(earliest));
    assertEquals(before, postsOnNetwork());
    publish(request(nextText())); // the limit was for one call
  }

  @Test
  public void serverErrorsAreTransientAndStoreNothing() {
    Map<String, String> before = postsOnNetwork();
    for (int status : new int[] {500, 502, 503}) {
      inject(Fault.serverError(status), 1);
      ConnectorException e = failure(() -> connector().publish(channel(), request(nextText())));
      assertEquals("HTTP " + status, ErrorKind.TRANSIENT, e.kind());
    }
    assertEquals(before, postsOnNetwork());
  }

  /**
   * Malformed, truncated and HTML answers: a 2xx that cannot be read leaves a write's outcome
   * unknown and makes a read transient ({@link ErrorKind}); a 5xx may be any failure. Never
   * success, and the raw answer is kept for support without the secrets it echoes.
   */
  @Test
  public void malformedAnswersAreFailuresThatKeepTheRedactedAnswer() {
    String id = publish(request(nextText())).platformPostId();
    Map<String, String> before = postsOnNetwork();
    String echo = String.join(" ", secrets());
    for (String shape : MALFORMED_BODIES) {
      for (int status : new int[] {200, 503}) {
        String body = shape.replace(ECHO, echo);
        boolean success = status < 300;
        String what = "HTTP " + status + " " + shape;

        injectIntoPublish(Fault.raw(status, body));
        ConnectorException write =
            failure(() -> connector().publish(channel(), request(nextText())));
        assertKeptAnswer(what, write);
        if (success) {
          assertEquals(what, ErrorKind.OUTCOME_UNKNOWN, write.kind());
        } else {
          assertKindIn(
              what, write, ErrorKind.TRANSIENT, ErrorKind.PERMANENT, ErrorKind.OUTCOME_UNKNOWN);
        }

        List<Runnable> reads = new ArrayList<>();
        reads.add(() -> connector().verifyCredentials(channel()));
        if (supports(Operation.FETCH_POST)) {
          reads.add(() -> connector().fetchPost(channel(), PostQuery.byId(id)));
        }
        for (Runnable read : reads) {
          inject(Fault.raw(status, body), 1);
          ConnectorException e = failure(read);
          assertKeptAnswer(what, e);
          if (success) {
            assertEquals(what, ErrorKind.TRANSIENT, e.kind());
          } else {
            assertKindIn(what, e, ErrorKind.TRANSIENT, ErrorKind.PERMANENT);
          }
        }
      }
    }
    assertEquals(before, postsOnNetwork());
  }

  @Test
  public void droppedAnswerToAPublishIsOutcomeUnknownAndReconcilable() {
    Map<String, String> before = postsOnNetwork();
    String text = nextText();
    PublishRequest request = request(text);
    Instant start = Instant.now().minus(CLOCK_SLACK);
    injectIntoPublish(Fault.acceptThenDrop());
    ConnectorException e = failure(() -> connector().publish(channel(), request));
    assertEquals(ErrorKind.OUTCOME_UNKNOWN, e.kind());
    assertFalse("an unknown outcome is never retried blindly", e.isRetryable());
    String storedId = onlyNewPost(before, text);

    PostLookup lookup =
        connector()
            .fetchPost(channel(), PostQuery.byAttempt(request.idempotencyKey(), text, start));
    assertNotEquals("the post exists", PostLookup.Outcome.NOT_FOUND, lookup.outcome());
    if (lookup.outcome() == PostLookup.Outcome.FOUND) {
      assertEquals(storedId, lookup.platformPostId());
    }
    if (supports(Operation.IDEMPOTENCY_KEY)) {
      // The documented recovery: the same key again returns the post and creates no other.
      assertEquals(storedId, publish(request).platformPostId());
      assertEquals(storedId, onlyNewPost(before, text));
    }
  }

  @Test
  public void answerAfterTheTimeoutIsOutcomeUnknownForPublishAndTransientOtherwise() {
    String id = publish(request(nextText())).platformPostId();
    Map<String, String> before = postsOnNetwork();
    Fault late = Fault.delay(requestTimeout().plus(BEYOND_TIMEOUT));

    String text = nextText();
    injectIntoPublish(late);
    ConnectorException e = failure(() -> connector().publish(channel(), request(text)));
    assertEquals(ErrorKind.OUTCOME_UNKNOWN, e.kind());
    onlyNewPost(before, text); // the sandbox took it once; the connector did not resend it

    Map<String, Runnable> others = new LinkedHashMap<>();
    others.put("verifyCredentials", () -> connector().verifyCredentials(channel()));
    if (supports(Operation.FETCH_POST)) {
      others.put("fetchPost", () -> connector().fetchPost(channel(), PostQuery.byId(id)));
    }
    if (supports(Operation.DELETE)) {
      others.put("delete", () -> connector().delete(channel(), id));
    }
    others.forEach(
        (name, call) -> {
          inject(late, 1);
          assertEquals(name, ErrorKind.TRANSIENT, failure(call).kind());
        });
  }

  @Test
  public void revokedCredentialsNeedTheChannelReconnectedOrRefreshed() {
    String id = publish(request(nextText())).platformPostId();
    Map<String, String> before = postsOnNetwork();
    revokeCredentials();
    assertAuthFailure(failure(() -> connector().verifyCredentials(channel())));
    assertAuthFailure(failure(() -> connector().publish(channel(), request(nextText()))));
    if (supports(Operation.DELETE)) {
      assertAuthFailure(failure(() -> connector().delete(channel(), id)));
    }
    assertEquals(before, postsOnNetwork());
  }

  @Test
  public void secretsEchoedInErrorsNeverLeaveTheConnector() {
    String echo = String.join(" ", secrets());
    inject(Fault.error(400, "Bad Request: " + echo), 1);
    failure(() -> connector().publish(channel(), request(nextText())));
    inject(Fault.error(403, "Forbidden for " + echo), 1);
    failure(() -> connector().verifyCredentials(channel()));
  }

  // ---- other operations ----

  @Test
  public void undeclaredOperationsAreUnsupportedWithoutACall() {
    long before = requestCount();
    callsOf("1")
        .forEach(
            (operation, call) -> {
              if (!supports(operation)) {
                assertUnsupported(operation.name(), call);
              }
            });
    assertEquals(before, requestCount());
  }

  @Test
  public void metricsOfThePublishedPostCanBeRead() {
    String id = publish(request(nextText())).platformPostId();
    if (!supports(Operation.FETCH_METRICS)) {
      assertUnsupported("fetchMetrics", callsOf(id).get(Operation.FETCH_METRICS));
      return;
    }
    Map<String, List<MetricPoint>> metrics =
        connector().fetchMetrics(channel(), metricsSubject(id));
    assertFalse("metrics of " + metricsSubject(id), metrics.isEmpty());
    metrics.forEach(
        (name, points) -> {
          assertTrue("metric name " + name, METRIC_NAME.matcher(name).matches());
          List<MetricPoint> sorted = new ArrayList<>(points);
          sorted.sort(Comparator.comparing(MetricPoint::at));
          assertEquals(name + " oldest first", sorted, points);
        });
  }

  @Test
  public void commentsOfThePublishedPostCanBeRead() {
    String id = publish(request(nextText())).platformPostId();
    if (!supports(Operation.FETCH_COMMENTS)) {
      assertUnsupported("fetchComments", callsOf(id).get(Operation.FETCH_COMMENTS));
      return;
    }
    Page<Interaction> page =
        connector().fetchComments(channel(), new InteractionQuery(id, null, null, 10));
    assertTrue(page.items().size() <= 10);
    for (Interaction comment : page.items()) {
      assertEquals(Interaction.Kind.COMMENT, comment.kind());
      assertEquals(id, comment.platformPostId());
    }
  }

  @Test
  public void replyToThePublishedPostIsOnTheNetwork() {
    String id = publish(request(nextText())).platformPostId();
    if (!supports(Operation.REPLY)) {
      assertUnsupported("reply", callsOf(id).get(Operation.REPLY));
      return;
    }
    String text = nextText();
    PublishResult reply =
        connector().reply(channel(), new ReplyRequest(target(id), text, nextKey()));
    PublishResult published = followPending(reply);
    assertEquals(text, postsOnNetwork().get(published.platformPostId()));
  }

  // ---- helpers ----

  private boolean supports(Operation operation) {
    return connector().descriptor().supports(operation);
  }

  private String nextKey() {
    return "contract-" + attempts.incrementAndGet();
  }

  /** Unique per attempt, with CJK and an emoji so encodings are exercised too. */
  private String nextText() {
    return "SocialWeave contract " + attempts.incrementAndGet() + " 你好 👋";
  }

  private PublishRequest request(String text) {
    return publishable(nextKey(), text).build();
  }

  /** Publishes and follows a pending job until the network published it. */
  private PublishResult publish(PublishRequest request) {
    return followPending(connector().publish(channel(), request));
  }

  private PublishResult followPending(PublishResult result) {
    for (int polls = 0; !result.isPublished(); polls++) {
      assertTrue("still pending after " + polls + " polls", polls < MAX_STATUS_POLLS);
      try {
        Thread.sleep(STATUS_POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while following " + result.jobId(), e);
      }
      result = connector().publishStatus(channel(), result.jobId());
    }
    return result;
  }

  /** The id of the one post of {@code text} that is on the network now and was not before. */
  private String onlyNewPost(Map<String, String> before, String text) {
    String stored = storedText(text);
    List<String> ids =
        postsOnNetwork().entrySet().stream()
            .filter(post -> !before.containsKey(post.getKey()) && stored.equals(post.getValue()))
            .map(Map.Entry::getKey)
            .toList();
    assertEquals("posts with " + text, 1, ids.size());
    return ids.get(0);
  }

  /** A comment on the post, as the inbox would hand it to an agent. */
  private Interaction target(String postId) {
    return new Interaction(
        Interaction.Kind.COMMENT,
        postId,
        postId,
        postId,
        null,
        new Interaction.Author(channel().accountId(), null, null),
        "a comment",
        Instant.now());
  }

  /** One call per operation that has its own method, for the unsupported checks. */
  private Map<Operation, Runnable> callsOf(String postId) {
    ChannelContext channel = channel();
    PlatformConnector connector = connector();
    MediaRef.Content oneByte = () -> new ByteArrayInputStream(new byte[1]);
    Map<Operation, Runnable> calls = new EnumMap<>(Operation.class);
    calls.put(
        Operation.PUBLISH_IMAGE,
        () ->
            connector.publish(
                channel,
                PublishRequest.builder(nextKey())
                    .media(MediaRef.of("image-1", "image/png", 1, oneByte))
                    .build()));
    calls.put(
        Operation.PUBLISH_VIDEO,
        () ->
            connector.publish(
                channel,
                PublishRequest.builder(nextKey())
                    .media(MediaRef.of("video-1", "video/mp4", 1, oneByte))
                    .build()));
    calls.put(
        Operation.PUBLISH_LINK,
        () ->
            connector.publish(
                channel,
                PublishRequest.builder(nextKey())
                    .link(URI.create("https://socialweave.example/contract"))
                    .build()));
    calls.put(
        Operation.PUBLISH_THREAD,
        () ->
            connector.publish(
                channel,
                PublishRequest.builder(nextKey())
                    .text(nextText())
                    .threadPart(new PublishRequest.Part(nextText(), List.of()))
                    .build()));
    calls.put(Operation.DELETE, () -> connector.delete(channel, postId));
    calls.put(Operation.FETCH_METRICS, () -> connector.fetchMetrics(channel, postId));
    calls.put(
        Operation.FETCH_COMMENTS,
        () -> connector.fetchComments(channel, new InteractionQuery(postId, null, null, 10)));
    calls.put(
        Operation.FETCH_MESSAGES,
        () -> connector.fetchMessages(channel, InteractionQuery.first(10)));
    calls.put(
        Operation.REPLY,
        () -> connector.reply(channel, new ReplyRequest(target(postId), nextText(), nextKey())));
    calls.put(
        Operation.VERIFY_WEBHOOK,
        () ->
            connector.verifyWebhook(
                channel, WebhookRequest.of(Map.of(), new byte[0], Map.of(), Instant.now())));
    calls.put(Operation.REFRESH_CREDENTIALS, () -> connector.refreshCredentials(channel));
    return calls;
  }

  /**
   * Runs a call that must fail, and checks that the failure is the connector's own and carries no
   * secret anywhere: message, raw answer, causes, stack text.
   */
  private ConnectorException failure(Runnable call) {
    try {
      call.run();
    } catch (ConnectorException e) {
      assertEquals(connector().descriptor().id(), e.networkId());
      Leaks.assertRevealsNone(e, secrets().toArray(new String[0]));
      return e;
    }
    throw new AssertionError("expected a ConnectorException");
  }

  private void assertNoSecrets(String text) {
    for (String secret : secrets()) {
      assertFalse("a secret leaked into: " + text, String.valueOf(text).contains(secret));
    }
  }

  /** The values of the channel's credentials that must never be shown. */
  private Set<String> secrets() {
    Credentials credentials = channel().credentials();
    Set<String> secrets = new HashSet<>(credentials.secrets().values());
    if (credentials.accessToken() != null) {
      secrets.add(credentials.accessToken());
    }
    if (credentials.refreshToken() != null) {
      secrets.add(credentials.refreshToken());
    }
    return secrets;
  }

  private static void assertKeptAnswer(String what, ConnectorException e) {
    assertTrue(
        what + ": the raw answer is kept, was " + e.rawResponse(),
        String.valueOf(e.rawResponse()).contains(MARKER));
  }

  private static void assertKindIn(String what, ConnectorException e, ErrorKind... kinds) {
    assertTrue(what + ": " + e.kind(), List.of(kinds).contains(e.kind()));
  }

  private static void assertAuthFailure(ConnectorException e) {
    assertKindIn("revoked", e, ErrorKind.AUTH_REVOKED, ErrorKind.AUTH_EXPIRED);
  }

  private static void assertUnsupported(String what, Runnable call) {
    try {
      call.run();
      fail(what + " is not declared and must throw UnsupportedOperationException");
    } catch (UnsupportedOperationException expected) {
      // undeclared: refused without a call
    }
  }

  private static boolean isHttp(URI uri) {
    return "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
  }

  private static String classFileOf(Class<?> type) throws IOException {
    try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
      assertNotNull("class file of " + type, in);
      // Class-file constants are modified UTF-8, the same bytes as ASCII for a property.
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /**
   * A character and what it counts under a counting rule, chosen so the rule's count differs from
   * {@code String.length()}: a connector that counts the wrong way fails one of the length tests.
   */
  private record CountedUnit(String text, int weight) {
    String repeated(int times) {
      return text.repeat(times);
    }
  }

  private static CountedUnit countedUnit(TextCounting counting) {
    return switch (counting) {
      case UTF16_CODE_UNITS -> new CountedUnit("😀", 2);
      case CODE_POINTS, GRAPHEMES, GRAPHEMES_AND_UTF8_BYTES -> new CountedUnit("😀", 1);
      case X_WEIGHTED -> new CountedUnit("中", 2);
      case WEIBO_CJK_FULL_LATIN_HALF -> new CountedUnit("中", 1);
    };
  }

  /**
   * How many units fill the limit with what {@link #storedText} adds, within its byte limit too.
   */
  private int longestCount(TextLimit limit) {
    CountedUnit unit = countedUnit(limit.counting());
    int count = (limit.maxLength() - reservedLength()) / unit.weight();
    if (limit.hasByteLimit()) {
      int unitBytes = utf8Bytes(unit.text());
      int addedBytes = utf8Bytes(storedText(unit.text())) - unitBytes;
      count = Math.min(count, (limit.maxUtf8Bytes() - addedBytes) / unitBytes);
    }
    return count;
  }

  private static int utf8Bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
