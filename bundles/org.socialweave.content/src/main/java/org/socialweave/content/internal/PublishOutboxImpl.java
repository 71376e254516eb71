package org.socialweave.content.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.socialweave.api.audit.AuditEntry;
import org.socialweave.api.audit.AuditEvent;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.connector.Connectors;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.content.DeliveryStatus;
import org.socialweave.api.content.Failure;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.PreconditionFailedException;
import org.socialweave.api.publish.PublishJob;
import org.socialweave.api.publish.PublishOutbox;
import org.socialweave.content.internal.persistence.PostEntity;
import org.socialweave.content.internal.persistence.PublicationEntity;
import org.socialweave.content.internal.persistence.PublishJobEntity;
import org.socialweave.content.internal.persistence.VariantEntity;
import org.socialweave.core.persistence.Ids;
import org.socialweave.core.persistence.UnitOfWork;

/**
 * The outbox over the same unit as the posts. A claim is an optimistic update of the job's row (its
 * {@code version}), so of two nodes claiming the same job exactly one commits. Each outcome
 * (published, failed) is kept in {@code sw_publication} with the revision the attempt sent and its
 * own audit entry, for the compliance trail.
 */
@Component(service = PublishOutbox.class)
public class PublishOutboxImpl implements PublishOutbox {

  private static final String SCHEDULED = DeliveryStatus.SCHEDULED.name();
  private static final String PUBLISHING = DeliveryStatus.PUBLISHING.name();
  private static final int MAX_MESSAGE = 2000;

  static final String ACTOR = DispatchCompliance.ACTOR;

  private final UnitOfWork db;
  private final Connectors connectors;
  private final AuditLog audit;
  private final Clock clock;

  @Activate
  public PublishOutboxImpl(
      @Reference PostServiceImpl posts,
      @Reference(target = PostServiceImpl.UNIT_FILTER) EntityManagerFactory emf,
      @Reference Connectors connectors,
      @Reference AuditLog audit) {
    // The post service migrated the schema before it was activated.
    this(new UnitOfWork(emf), connectors, audit, Clock.systemUTC());
  }

  PublishOutboxImpl(UnitOfWork db, Connectors connectors, AuditLog audit, Clock clock) {
    this.db = db;
    this.connectors = connectors;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public List<String> due(Instant now, int limit) {
    return db.read(
        em ->
            em.createQuery(
                    "SELECT j.id FROM PublishJobEntity j WHERE (j.status = :scheduled AND j.dueAt"
                        + " <= :now) OR (j.status = :publishing AND j.leaseUntil < :now)"
                        + " ORDER BY j.dueAt",
                    String.class)
                .setParameter("scheduled", SCHEDULED)
                .setParameter("publishing", PUBLISHING)
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList());
  }

  @Override
  public Optional<PublishJob> claim(String jobId, String node, Instant now, Duration lease) {
    try {
      return db.inTransaction(em -> Optional.ofNullable(claimIn(em, jobId, node, now, lease)));
    } catch (PreconditionFailedException lost) {
      // Another node's claim committed first.
      return Optional.empty();
    }
  }

  private PublishJob claimIn(
      EntityManager em, String jobId, String node, Instant now, Duration lease) {
    PublishJobEntity job = em.find(PublishJobEntity.class, jobId);
    if (job == null) {
      return null;
    }
    boolean due = SCHEDULED.equals(job.status) && !job.dueAt.isAfter(now);
    boolean abandoned =
        PUBLISHING.equals(job.status) && job.leaseUntil != null && job.leaseUntil.isBefore(now);
    if (!due && !abandoned) {
      return null;
    }
    PostEntity post = em.find(PostEntity.class, job.postId);
    VariantEntity variant = em.find(VariantEntity.class, job.variantId);
    // A node that died holding the lease may have sent it: the next attempt reconciles first.
    boolean inDoubt = job.inDoubt || abandoned;
    boolean resend = inDoubt && job.sentText != null;
    String text = resend ? job.sentText : textFor(post, variant);
    Integer revision = resend ? job.sentRevision : Integer.valueOf(post.revision);
    job.status = PUBLISHING;
    job.leaseOwner = node;
    job.leaseUntil = now.plus(lease);
    job.attempts++;
    if (job.networkJobId == null) {
      // Sending (or reconciling a send): from now on the network may have the post.
      job.inDoubt = true;
      job.sentText = text;
      job.sentRevision = revision;
      if (job.firstSentAt == null) {
        job.firstSentAt = now;
      }
    }
    job.updatedAt = now;
    em.flush();
    return new PublishJob(
        job.id,
        job.workspaceId,
        job.postId,
        job.variantId,
        job.channelId,
        job.network,
        job.idempotencyKey,
        text,
        post.title,
        VariantText.cardLink(post, JsonColumns.map(variant.shortLinks)),
        job.dueAt,
        job.attempts,
        inDoubt,
        job.firstSentAt,
        job.networkJobId);
  }

  private String textFor(PostEntity post, VariantEntity variant) {
    Optional<NetworkDescriptor> network = connectors.find(variant.network).map(c -> c.descriptor());
    String text = variant.customText != null ? variant.customText : post.body;
    return network.map(n -> VariantText.of(post, variant, n).text()).orElse(text);
  }

  @Override
  public void published(String jobId, String platformPostId, URI url, Instant publishedAt) {
    PublicationEntity outcome =
        outcome(
            jobId,
            PublicationTrail.PUBLISHED,
            platformPostId,
            url == null ? null : url.toString(),
            null,
            publishedAt);
    update(
        jobId,
        outcome,
        job -> {
          job.status = DeliveryStatus.PUBLISHED.name();
          job.platformPostId = platformPostId;
          job.url = url == null ? null : url.toString();
          job.publishedAt = publishedAt;
          job.inDoubt = false;
          job.networkJobId = null;
          clearFailure(job);
          release(job);
        });
  }

  @Override
  public void pending(String jobId, String networkJobId, Instant checkAt) {
    update(
        jobId,
        job -> {
          job.status = SCHEDULED;
          job.networkJobId = networkJobId;
          job.dueAt = checkAt;
          // The network has the job; following it up sends nothing again.
          job.inDoubt = false;
          release(job);
        });
  }

  @Override
  public void retryAt(String jobId, Instant at, boolean mayHaveSent, Failure reason) {
    update(
        jobId,
        job -> {
          job.status = SCHEDULED;
          job.dueAt = at;
          job.inDoubt = job.inDoubt && mayHaveSent;
          setFailure(job, reason);
          release(job);
        });
  }

  @Override
  public void failed(String jobId, Failure reason) {
    PublicationEntity outcome =
        outcome(jobId, PublicationTrail.FAILED, null, null, reason, clock.instant());
    update(
        jobId,
        outcome,
        job -> {
          job.status = DeliveryStatus.FAILED.name();
          setFailure(job, reason);
          release(job);
        });
  }

  @Override
  public List<OverdueJob> overdue(Instant threshold, int limit) {
    return db.read(
        em ->
            em
                .createQuery(
                    "SELECT j FROM PublishJobEntity j WHERE (j.status = :scheduled AND j.dueAt <"
                        + " :threshold) OR (j.status = :publishing AND j.leaseUntil < :threshold)"
                        + " ORDER BY j.dueAt",
                    PublishJobEntity.class)
                .setParameter("scheduled", SCHEDULED)
                .setParameter("publishing", PUBLISHING)
                .setParameter("threshold", threshold)
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(
                    j ->
                        new OverdueJob(
                            j.id, j.workspaceId, j.postId, j.channelId, j.dueAt, j.status))
                .toList());
  }

  @Override
  public QueueStatus status(Instant now) {
    return db.read(
        em -> {
          List<Object[]> counts =
              em.createQuery(
                      "SELECT j.status, COUNT(j) FROM PublishJobEntity j GROUP BY j.status",
                      Object[].class)
                  .getResultList();
          long scheduled = 0;
          long publishing = 0;
          long failed = 0;
          for (Object[] row : counts) {
            long n = ((Number) row[1]).longValue();
            switch (DeliveryStatus.valueOf((String) row[0])) {
              case SCHEDULED -> scheduled = n;
              case PUBLISHING -> publishing = n;
              case FAILED -> failed = n;
              default -> {}
            }
          }
          Object[] due =
              em.createQuery(
                      "SELECT COUNT(j), MIN(j.dueAt) FROM PublishJobEntity j"
                          + " WHERE j.status = :scheduled AND j.dueAt <= :now",
                      Object[].class)
                  .setParameter("scheduled", SCHEDULED)
                  .setParameter("now", now)
                  .getSingleResult();
          return new QueueStatus(
              scheduled,
              ((Number) due[0]).longValue(),
              publishing,
              failed,
              due[1] == null ? null : toInstant(due[1]));
        });
  }

  private static Instant toInstant(Object value) {
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof java.sql.Timestamp ts) {
      return ts.toInstant();
    }
    if (value instanceof java.time.OffsetDateTime odt) {
      return odt.toInstant();
    }
    throw new IllegalStateException("not a time: " + value.getClass());
  }

  private void update(String jobId, Consumer<PublishJobEntity> change) {
    update(jobId, null, change);
  }

  /** Changes the job and, in the same transaction, stores its outcome when there is one. */
  private void update(String jobId, PublicationEntity outcome, Consumer<PublishJobEntity> change) {
    db.inTransaction(
        em -> {
          PublishJobEntity job = em.find(PublishJobEntity.class, jobId);
          if (job == null) {
            throw new NotFoundException("publish job", jobId);
          }
          change.accept(job);
          if (outcome != null) {
            em.persist(outcome);
          }
          return null;
        });
  }

  /**
   * The outcome of a job with the revision its attempt sent, its digest and its audit entry, which
   * is written first: an outcome without its entry could not be proven.
   */
  private PublicationEntity outcome(
      String jobId,
      String outcome,
      String platformPostId,
      String url,
      Failure failure,
      Instant at) {
    PublicationEntity p =
        db.read(
            em -> {
              PublishJobEntity job = em.find(PublishJobEntity.class, jobId);
              if (job == null) {
                throw new NotFoundException("publish job", jobId);
              }
              PublicationEntity row = new PublicationEntity();
              row.id = Ids.next();
              row.workspaceId = job.workspaceId;
              row.postId = job.postId;
              // Jobs sent before the revision was kept: the post's revision now.
              row.revision =
                  job.sentRevision != null
                      ? job.sentRevision
                      : em.find(PostEntity.class, job.postId).revision;
              row.variantId = job.variantId;
              row.channelId = job.channelId;
              row.network = job.network;
              row.jobId = job.id;
              return row;
            });
    p.outcome = outcome;
    p.platformPostId = platformPostId;
    p.url = cut(url, 2000);
    p.failureKind = failure == null ? null : failure.kind();
    p.failureMessage = failure == null ? null : cut(failure.message(), MAX_MESSAGE);
    // Microseconds: what both H2 and PostgreSQL store, so the digest survives a round trip.
    p.at = at.truncatedTo(ChronoUnit.MICROS);
    p.digest = PublicationTrail.digest(p);
    AuditEntry entry =
        audit.record(
            new AuditEvent(
                ACTOR,
                p.workspaceId,
                "publication." + outcome,
                PublicationTrail.auditTarget(p),
                null,
                failure == null ? "success" : "failure:" + failure.kind()));
    p.auditSequence = entry.sequence();
    p.auditHash = entry.hash();
    return p;
  }

  private void release(PublishJobEntity job) {
    job.leaseOwner = null;
    job.leaseUntil = null;
    job.updatedAt = clock.instant();
  }

  private static void setFailure(PublishJobEntity job, Failure reason) {
    if (reason == null) {
      clearFailure(job);
      return;
    }
    job.failureKind = reason.kind();
    job.failureCode = cut(reason.networkCode(), 100);
    job.failureMessage = cut(reason.message(), MAX_MESSAGE);
    job.failureAction = cut(reason.action(), 500);
  }

  private static void clearFailure(PublishJobEntity job) {
    job.failureKind = null;
    job.failureCode = null;
    job.failureMessage = null;
    job.failureAction = null;
  }

  private static String cut(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
