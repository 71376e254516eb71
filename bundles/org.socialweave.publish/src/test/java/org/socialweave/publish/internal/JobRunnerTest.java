package org.socialweave.publish.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.socialweave.api.compliance.PublishGate;
import org.socialweave.api.connector.ConnectedAccount;
import org.socialweave.api.connector.Connectors;
import org.socialweave.api.connector.MediaRef;
import org.socialweave.api.connector.PlatformConnector;
import org.socialweave.api.content.Failure;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.publish.PublishAttachments;
import org.socialweave.api.publish.PublishEvents;
import org.socialweave.api.publish.PublishJob;
import org.socialweave.api.publish.PublishOutbox;
import org.socialweave.connector.mastodon.internal.MastodonConnector;
import org.socialweave.connector.support.Backoff;
import org.socialweave.sandbox.Fault;
import org.socialweave.sandbox.MastodonMedia;
import org.socialweave.sandbox.MastodonStatus;
import org.socialweave.sandbox.Sandbox;

/**
 * The runner's decisions with the real Mastodon connector against the sandbox: what it tells the
 * outbox after each kind of answer, and that a lost answer never becomes a second status.
 */
public class JobRunnerTest {

  private Sandbox sandbox;
  private String token;
  private OneChannel channels;
  private Outcomes outbox;
  private Attached attachments;
  private List<Event> events;
  private JobRunner runner;

  /** The content checks at dispatch; none unless a test sets them. */
  private volatile PublishGate gate;

  @Before
  public void setUp() throws Exception {
    sandbox = Sandbox.start(0);
    URI instance = sandbox.mastodon().addInstance("social.example");
    token = "tok-" + System.nanoTime();
    sandbox.mastodon().addAccount("social.example", token, "brand");
    PlatformConnector mastodon = new MastodonConnector();
    ConnectedAccount account =
        mastodon.connect(Map.of("instanceUrl", instance.toString(), "accessToken", token));
    channels = new OneChannel("ws1", "ch1", account);
    outbox = new Outcomes();
    attachments = new Attached();
    events = new ArrayList<>();
    EventAdmin eventAdmin =
        new EventAdmin() {
          @Override
          public void postEvent(Event event) {
            events.add(event);
          }

          @Override
          public void sendEvent(Event event) {
            events.add(event);
          }
        };
    Connectors connectors = new SingleConnector(mastodon);
    runner =
        new JobRunner(
            outbox,
            attachments,
            channels,
            connectors,
            () -> eventAdmin,
            () -> gate,
            new JobRunner.Policy(
                3,
                new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5), new Random(1)),
                Duration.ofSeconds(5)),
            Clock.systemUTC());
  }

  @After
  public void tearDown() {
    sandbox.close();
  }

  private static PublishJob job(int attempt, boolean inDoubt, Instant firstSentAt) {
    return job("Hello from the runner 你好", attempt, inDoubt, firstSentAt);
  }

  private static PublishJob job(String text, int attempt, boolean inDoubt, Instant firstSentAt) {
    return new PublishJob(
        "job1",
        "ws1",
        "post1",
        "var1",
        "ch1",
        "mastodon",
        "sw-job1",
        text,
        null,
        null,
        Instant.now(),
        attempt,
        inDoubt,
        firstSentAt,
        null);
  }

  @Test
  public void aJobTheChecksRefuseAtDispatchFailsWithTheReasonAndIsNotSent() {
    gate =
        job ->
            job.text().contains("你好")
                ? Optional.of(
                    new Failure(
                        "COMPLIANCE", null, "compliance: words.banned \u201c你好\u201d", "edit"))
                : Optional.empty();
    runner.run(job(1, false, Instant.now()));
    assertEquals("failed", outbox.last);
    assertEquals("COMPLIANCE", outbox.reason.kind());
    assertTrue(outbox.reason.message(), outbox.reason.message().startsWith("compliance: "));
    assertEquals("nothing reached the network", 0, sandbox.mastodon().statuses(token).size());
    assertEquals(PublishEvents.FAILED, events.get(0).getTopic());
  }

  @Test
  public void aJobTheChecksLetThroughIsSent() {
    gate = job -> Optional.empty();
    runner.run(job(1, false, Instant.now()));
    assertEquals("published", outbox.last);
    assertEquals(1, sandbox.mastodon().statuses(token).size());
  }

  @Test
  public void aPublishedPostIsRecordedAndAnnounced() {
    runner.run(job(1, false, Instant.now()));
    assertEquals("published", outbox.last);
    assertNotNull(outbox.platformPostId);
    assertTrue(outbox.url.toString(), outbox.url.toString().startsWith("http"));
    assertEquals(1, sandbox.mastodon().statuses(token).size());
    assertEquals(PublishEvents.PUBLISHED, events.get(0).getTopic());
    assertEquals(outbox.url.toString(), events.get(0).getProperty(PublishEvents.URL));
  }

  @Test
  public void theVariantsMediaAndShortLinkReachTheNetworkInItsWireFormat() throws Exception {
    byte[] png = png();
    attachments.media =
        List.of(
            new MediaRef(
                "asset1",
                "image/png",
                png.length,
                4,
                3,
                null,
                "冬季新品 banner",
                () -> new ByteArrayInputStream(png)));
    String text = "Winter launch https://sw.example/s/Ab3dE5gH9 #winter";
    runner.run(job(text, 1, false, Instant.now()));
    assertEquals("published", outbox.last);
    MastodonStatus status = sandbox.mastodon().statuses(token).get(0);
    assertEquals(text, status.text());
    // POST /api/v2/media (multipart file + description), then media_ids[] on the status.
    assertEquals(1, status.attachments().size());
    MastodonMedia attached = status.attachments().get(0);
    assertEquals(status.mediaIds(), List.of(attached.id()));
    assertEquals("image/png", attached.mimeType());
    assertEquals(png.length, attached.sizeBytes());
    assertEquals("冬季新品 banner", attached.description());
  }

  @Test
  public void mediaDeletedAfterSchedulingFailsTheJobWithoutSending() {
    attachments.missing = true;
    runner.run(job(1, false, Instant.now()));
    assertEquals("failed", outbox.last);
    assertEquals("MEDIA_MISSING", outbox.reason.kind());
    assertTrue(outbox.reason.action().contains("choose other media"));
    assertEquals(0, sandbox.mastodon().statuses(token).size());
  }

  private static byte[] png() throws Exception {
    BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
    image.setRGB(1, 1, 0xC0FFEE);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /** The media the runner attaches, or an asset that was deleted. */
  static final class Attached implements PublishAttachments {
    List<MediaRef> media = List.of();
    boolean missing;

    @Override
    public List<MediaRef> media(PublishJob job) {
      if (missing) {
        throw new NotFoundException("media", "asset1");
      }
      return media;
    }
  }

  @Test
  public void aLostAnswerIsRetriedInDoubtAndTheRetryFindsTheFirstStatus() {
    Instant first = Instant.now();
    sandbox.mastodon().inject(token, Fault.acceptThenDrop(), 1);
    runner.run(job(1, false, first));
    assertEquals("retry", outbox.last);
    assertTrue("the next attempt must reconcile", outbox.mayHaveSent);
    assertEquals("OUTCOME_UNKNOWN", outbox.reason.kind());
    assertEquals(
        "the first attempt did reach the network", 1, sandbox.mastodon().statuses(token).size());
    runner.run(job(2, true, first));
    assertEquals("published", outbox.last);
    assertEquals("exactly once", 1, sandbox.mastodon().statuses(token).size());
  }

  @Test
  public void aServerErrorIsRetriedWithBackoffAndNotInDoubt() {
    sandbox.mastodon().inject(token, Fault.serverError(503), 1);
    Instant before = Instant.now();
    runner.run(job(1, false, before));
    assertEquals("retry", outbox.last);
    assertFalse(outbox.mayHaveSent);
    assertTrue(!outbox.retryAt.isBefore(before));
    assertTrue(outbox.retryAt.isBefore(before.plusSeconds(6)));
    assertEquals(0, sandbox.mastodon().statuses(token).size());
  }

  @Test
  public void aRateLimitWaitsForTheReset() {
    sandbox.mastodon().inject(token, Fault.rateLimited(120), 1);
    runner.run(job(1, false, Instant.now()));
    assertEquals("retry", outbox.last);
    assertEquals("RATE_LIMITED", outbox.reason.kind());
    assertTrue(outbox.retryAt.toString(), outbox.retryAt.isAfter(Instant.now().plusSeconds(60)));
  }

  @Test
  public void theLastAttemptGivesUpWithTheReason() {
    sandbox.mastodon().inject(token, Fault.serverError(500), 1);
    runner.run(job(3, false, Instant.now()));
    assertEquals("failed", outbox.last);
    assertEquals("TRANSIENT", outbox.reason.kind());
    assertEquals(PublishEvents.FAILED, events.get(0).getTopic());
  }

  @Test
  public void aRevokedTokenStopsAndAsksForAReconnect() {
    sandbox.mastodon().revoke(token);
    runner.run(job(1, false, Instant.now()));
    assertEquals("failed", outbox.last);
    assertTrue(outbox.reason.kind(), outbox.reason.kind().startsWith("AUTH"));
    assertTrue(outbox.reason.action().contains("reconnect"));
  }

  @Test
  public void aDisconnectedChannelFailsWithWhatToDo() {
    channels.disconnected = true;
    runner.run(job(1, false, Instant.now()));
    assertEquals("failed", outbox.last);
    assertEquals("CHANNEL", outbox.reason.kind());
    assertTrue(outbox.reason.action().contains("connect it again"));
  }

  /** Records what the runner told the outbox last. */
  static final class Outcomes implements PublishOutbox {
    String last;
    String platformPostId;
    URI url;
    Instant retryAt;
    boolean mayHaveSent;
    Failure reason;

    @Override
    public void published(String jobId, String id, URI postUrl, Instant publishedAt) {
      last = "published";
      platformPostId = id;
      url = postUrl;
    }

    @Override
    public void pending(String jobId, String networkJobId, Instant checkAt) {
      last = "pending";
    }

    @Override
    public void retryAt(String jobId, Instant at, boolean sent, Failure why) {
      last = "retry";
      retryAt = at;
      mayHaveSent = sent;
      reason = why;
    }

    @Override
    public void failed(String jobId, Failure why) {
      last = "failed";
      reason = why;
    }

    @Override
    public List<String> due(Instant now, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<PublishJob> claim(String jobId, String node, Instant now, Duration lease) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<OverdueJob> overdue(Instant threshold, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public QueueStatus status(Instant now) {
      throw new UnsupportedOperationException();
    }
  }

  /** The one installed connector. */
  record SingleConnector(PlatformConnector connector) implements Connectors {
    @Override
    public Optional<PlatformConnector> find(String network) {
      return connector.descriptor().id().equals(network)
          ? Optional.of(connector)
          : Optional.empty();
    }

    @Override
    public PlatformConnector require(String network) {
      return find(network).orElseThrow(() -> new NotFoundException("network", network));
    }

    @Override
    public List<PlatformConnector> all() {
      return List.of(connector);
    }
  }
}
