package org.socialweave.publish.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialweave.api.channel.ChannelService;
import org.socialweave.api.compliance.PublishGate;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.ConnectorException;
import org.socialweave.api.connector.Connectors;
import org.socialweave.api.connector.ErrorKind;
import org.socialweave.api.connector.Operation;
import org.socialweave.api.connector.PlatformConnector;
import org.socialweave.api.connector.PostLookup;
import org.socialweave.api.connector.PostQuery;
import org.socialweave.api.connector.PublishRequest;
import org.socialweave.api.connector.PublishResult;
import org.socialweave.api.content.Failure;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.SocialWeaveException;
import org.socialweave.api.publish.PublishAttachments;
import org.socialweave.api.publish.PublishEvents;
import org.socialweave.api.publish.PublishJob;
import org.socialweave.api.publish.PublishOutbox;
import org.socialweave.connector.support.Backoff;

/**
 * One attempt at one claimed job. The rules that keep a post from going out twice:
 *
 * <ul>
 *   <li>A job in doubt (a crash after sending, a lost answer) is first looked for on the network;
 *       it is sent again only when the network says it has no such post, or takes an idempotency
 *       key that makes a second send harmless.
 *   <li>Only failures that say nothing was stored are retried blindly (transient, rate limits,
 *       quotas, an expired token after a refresh).
 *   <li>Everything else stops with the network's reason and what a person can do.
 * </ul>
 */
final class JobRunner {

  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  /** Tuning the runner takes from {@link DispatcherConfig}. */
  record Policy(int maxAttempts, Backoff backoff, Duration pendingCheck) {}

  private final PublishOutbox outbox;
  private final PublishAttachments attachments;
  private final ChannelService channels;
  private final Connectors connectors;
  private final Supplier<EventAdmin> events;
  private final Supplier<PublishGate> gate;
  private final Policy policy;
  private final Clock clock;

  JobRunner(
      PublishOutbox outbox,
      PublishAttachments attachments,
      ChannelService channels,
      Connectors connectors,
      Supplier<EventAdmin> events,
      Supplier<PublishGate> gate,
      Policy policy,
      Clock clock) {
    this.outbox = outbox;
    this.attachments = attachments;
    this.channels = channels;
    this.connectors = connectors;
    this.events = events;
    this.gate = gate;
    this.policy = policy;
    this.clock = clock;
  }

  void run(PublishJob job) {
    try {
      attempt(job);
    } catch (ConnectorException e) {
      onFailure(job, e);
    } catch (SocialWeaveException e) {
      onChannelProblem(job, e);
    } catch (RuntimeException e) {
      // A bug or an unclassified answer after the request may have left: never assume nothing
      // was sent.
      LOG.warn("Publish job {} failed unexpectedly; it will be reconciled", job.id(), e);
      retryOrGiveUp(
          job,
          true,
          new Failure(
              ErrorKind.OUTCOME_UNKNOWN.name(),
              null,
              "unexpected error: " + e.getClass().getSimpleName(),
              "SocialWeave will check the network before it tries again"));
    }
  }

  private void attempt(PublishJob job) {
    PlatformConnector connector = connectors.find(job.network()).orElse(null);
    if (connector == null) {
      retryOrGiveUp(
          job,
          job.inDoubt(),
          new Failure(
              "CONNECTOR_MISSING",
              null,
              "the " + job.network() + " connector is not installed on this node",
              "install the connector; the post is retried"));
      return;
    }
    ChannelContext channel = channels.context(job.workspaceId(), job.channelId());
    if (job.networkJobId() != null) {
      record(job, connector.publishStatus(channel, job.networkJobId()));
      return;
    }
    if (job.inDoubt()) {
      LOG.info(
          "Publish job {} may have reached {} before (attempt {}): reconciling",
          job.id(),
          job.network(),
          job.attempt());
    }
    if (job.inDoubt() && reconciled(job, connector, channel)) {
      return;
    }
    if (refusedByChecks(job)) {
      return;
    }
    Optional<PublishRequest> request = request(job);
    if (request.isPresent()) {
      record(job, connector.publish(channel, request.get()));
    }
  }

  /** The claimed text, title and link with the variant's media; empty when the job failed. */
  private Optional<PublishRequest> request(PublishJob job) {
    PublishRequest.Builder request =
        PublishRequest.builder(job.idempotencyKey())
            .text(job.text())
            .title(job.title())
            .link(job.link() == null ? null : URI.create(job.link()));
    try {
      attachments.media(job).forEach(request::media);
    } catch (NotFoundException gone) {
      failed(
          job,
          new Failure(
              "MEDIA_MISSING",
              null,
              gone.getMessage(),
              "the media was deleted from the library: choose other media, then retry"));
      return Optional.empty();
    }
    return Optional.of(request.build());
  }

  /**
   * Runs the content checks again on the exact text about to be sent; a blocking finding that no
   * override covers fails the job instead of publishing it.
   */
  private boolean refusedByChecks(PublishJob job) {
    PublishGate checks = gate.get();
    Optional<Failure> refused = checks == null ? Optional.empty() : checks.refuse(job);
    refused.ifPresent(reason -> failed(job, reason));
    return refused.isPresent();
  }

  /**
   * Looks for the post an earlier attempt may have created.
   *
   * @return whether the job is settled (found, or given up); false means send it
   */
  private boolean reconciled(PublishJob job, PlatformConnector connector, ChannelContext channel) {
    PostLookup lookup =
        connector.fetchPost(
            channel, PostQuery.byAttempt(job.idempotencyKey(), job.text(), job.firstSentAt()));
    switch (lookup.outcome()) {
      case FOUND -> {
        LOG.info("Publish job {} was already on {}: {}", job.id(), job.network(), lookup.url());
        Instant at = lookup.publishedAt() != null ? lookup.publishedAt() : clock.instant();
        published(job, lookup.platformPostId(), lookup.url(), at);
        return true;
      }
      case NOT_FOUND -> {
        return false;
      }
      default -> {
        if (connector.descriptor().operations().contains(Operation.IDEMPOTENCY_KEY)) {
          // The network itself refuses a second post with the same key.
          return false;
        }
        failed(
            job,
            new Failure(
                ErrorKind.OUTCOME_UNKNOWN.name(),
                null,
                "an earlier attempt may have published this post and "
                    + connector.descriptor().nameEn()
                    + " cannot tell: "
                    + lookup.detail(),
                "look at the channel: if the post is not there, retry it"));
        return true;
      }
    }
  }

  private void record(PublishJob job, PublishResult result) {
    if (result.isPublished()) {
      published(job, result.platformPostId(), result.url(), result.publishedAt());
    } else {
      outbox.pending(job.id(), result.jobId(), clock.instant().plus(policy.pendingCheck()));
    }
  }

  private void onFailure(PublishJob job, ConnectorException e) {
    Instant now = clock.instant();
    Failure reason = failure(e);
    switch (e.kind()) {
      case TRANSIENT -> retryOrGiveUp(job, false, reason);
      case RATE_LIMITED, QUOTA_EXHAUSTED -> {
        if (job.attempt() >= policy.maxAttempts()) {
          failed(job, reason);
        } else {
          outbox.retryAt(job.id(), later(e.retryAfter(), now), false, reason);
        }
      }
      case AUTH_EXPIRED -> {
        try {
          channels.refresh(job.workspaceId(), job.channelId());
          retryOrGiveUp(job, false, reason);
        } catch (ConnectorException refused) {
          onFailure(job, refused);
        }
      }
      case OUTCOME_UNKNOWN -> retryOrGiveUp(job, true, reason);
      case DUPLICATE -> {
        // The network has this text already: most likely an earlier attempt of ours.
        retryOrGiveUp(job, true, reason);
      }
      default -> failed(job, reason);
    }
  }

  private void onChannelProblem(PublishJob job, SocialWeaveException e) {
    String action =
        e instanceof NotFoundException
            ? "the channel was disconnected: connect it again and retry, or remove it from the post"
            : "fix the problem and retry";
    failed(job, new Failure("CHANNEL", null, e.getMessage(), action));
  }

  /** Retry with jittered backoff, or stop after the last attempt. */
  private void retryOrGiveUp(PublishJob job, boolean mayHaveSent, Failure reason) {
    if (job.attempt() >= policy.maxAttempts()) {
      failed(job, reason);
      return;
    }
    Duration delay = policy.backoff().delay(job.attempt());
    outbox.retryAt(job.id(), clock.instant().plus(delay), mayHaveSent, reason);
  }

  private static Instant later(Instant retryAfter, Instant now) {
    return retryAfter == null || retryAfter.isBefore(now) ? now : retryAfter;
  }

  private void published(PublishJob job, String platformPostId, URI url, Instant at) {
    // The outbox records the outcome in the audit trail, linked to the revision that was sent.
    outbox.published(job.id(), platformPostId, url, at);
    Map<String, Object> props = properties(job);
    props.put(PublishEvents.PLATFORM_POST_ID, platformPostId);
    if (url != null) {
      props.put(PublishEvents.URL, url.toString());
    }
    post(PublishEvents.PUBLISHED, props);
  }

  private void failed(PublishJob job, Failure reason) {
    outbox.failed(job.id(), reason);
    LOG.warn(
        "Publish job {} for channel {} failed: {} {}",
        job.id(),
        job.channelId(),
        reason.kind(),
        reason.message());
    Map<String, Object> props = properties(job);
    props.put(PublishEvents.ERROR_KIND, reason.kind());
    if (reason.message() != null) {
      props.put(PublishEvents.ERROR_MESSAGE, reason.message());
    }
    post(PublishEvents.FAILED, props);
  }

  private static Map<String, Object> properties(PublishJob job) {
    Map<String, Object> props = new HashMap<>();
    props.put(PublishEvents.WORKSPACE_ID, job.workspaceId());
    props.put(PublishEvents.POST_ID, job.postId());
    props.put(PublishEvents.VARIANT_ID, job.variantId());
    props.put(PublishEvents.CHANNEL_ID, job.channelId());
    props.put(PublishEvents.NETWORK, job.network());
    props.put(PublishEvents.SCHEDULED_AT, job.dueAt().toString());
    return props;
  }

  private void post(String topic, Map<String, Object> props) {
    Optional.ofNullable(events.get()).ifPresent(e -> e.postEvent(new Event(topic, props)));
  }

  /** The network's reason, and what a person can do about this kind of failure. */
  static Failure failure(ConnectorException e) {
    String message = e.networkMessage() != null ? e.networkMessage() : e.getMessage();
    String action =
        switch (e.kind()) {
          case AUTH_EXPIRED, AUTH_REVOKED -> "reconnect the channel, then retry";
          case RATE_LIMITED, QUOTA_EXHAUSTED -> "retried when the network's limit resets";
          case CONTENT_REJECTED -> "change the text as the network asks, then retry";
          case MEDIA_REJECTED -> "replace the media the network refused, then retry";
          case DUPLICATE -> "the network already has this text; look at the channel";
          case TRANSIENT -> "retried automatically; retry by hand if it keeps failing";
          case OUTCOME_UNKNOWN -> "SocialWeave checks the network before it tries again";
          case PERMANENT -> "check the channel's permissions and the post, then retry";
        };
    return new Failure(e.kind().name(), e.networkCode(), message, action);
  }
}
