package org.socialweave.content.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.approval.ApprovalRequest;
import org.socialweave.api.approval.ApprovalService;
import org.socialweave.api.audit.AuditEntry;
import org.socialweave.api.audit.AuditEvent;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.channel.Channel;
import org.socialweave.api.channel.ChannelService;
import org.socialweave.api.channel.TokenHealth;
import org.socialweave.api.compliance.CheckReport;
import org.socialweave.api.compliance.CheckRun;
import org.socialweave.api.compliance.CheckRuns;
import org.socialweave.api.compliance.CheckSubject;
import org.socialweave.api.compliance.ComplianceService;
import org.socialweave.api.compliance.Finding;
import org.socialweave.api.compliance.Severity;
import org.socialweave.api.connector.Connectors;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.content.CalendarQuery;
import org.socialweave.api.content.DeliveryStatus;
import org.socialweave.api.content.Failure;
import org.socialweave.api.content.Post;
import org.socialweave.api.content.PostDraft;
import org.socialweave.api.content.PostRevision;
import org.socialweave.api.content.PostService;
import org.socialweave.api.content.PostStatus;
import org.socialweave.api.content.PostVariant;
import org.socialweave.api.content.Schedule;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.PreconditionFailedException;
import org.socialweave.api.error.SocialWeaveException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.publish.PublishEvents;
import org.socialweave.content.internal.persistence.OverrideEntity;
import org.socialweave.content.internal.persistence.PostEntity;
import org.socialweave.content.internal.persistence.PostRevisionKey;
import org.socialweave.content.internal.persistence.PublishJobEntity;
import org.socialweave.content.internal.persistence.RevisionEntity;
import org.socialweave.content.internal.persistence.VariantEntity;
import org.socialweave.core.persistence.Digests;
import org.socialweave.core.persistence.Ids;
import org.socialweave.core.persistence.Migrations;
import org.socialweave.core.persistence.UnitOfWork;

/**
 * Posts over the {@code socialweave.content} unit. Every command checks all of its input before it
 * writes anything, and writes the post and its outbox rows in one transaction.
 */
@Component(service = {PostService.class, PostServiceImpl.class})
public class PostServiceImpl implements PostService {

  static final String UNIT_FILTER = "(osgi.unit.name=socialweave.content)";
  static final String DATASOURCE_FILTER = "(osgi.jndi.service.name=socialweave)";

  static final int MAX_TEXT = 20_000;
  static final int MAX_TITLE = 500;
  static final int MAX_LINK = 2000;
  static final int MAX_CHANNELS = 50;
  static final int MIN_OVERRIDE_REASON = 10;
  static final int MAX_OVERRIDE_REASON = 2000;

  /** A time this close to now counts as now, so "publish at 10:00:00" sent at 10:00:00.3 works. */
  static final Duration PAST_TOLERANCE = Duration.ofSeconds(5);

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,26}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final UnitOfWork db;
  private final ChannelService channels;
  private final Connectors connectors;
  private final ApprovalService approvals;
  private final ComplianceService compliance;
  private final Function<String, Optional<Workspace>> workspaces;
  private final Clock clock;

  /** Checks the campaign a draft names. */
  @Reference CampaignServiceImpl campaigns;

  /** Keeps every check run of a revision, linked into the audit chain. */
  @Reference CheckRuns checkRuns;

  /** Records overrides in the audit chain. */
  @Reference AuditLog audit;

  /** Expands the snippets a draft names when it is saved. */
  @Reference TemplateServiceImpl templates;

  /** Media, hashtags, mentions and tracked links of the variants. */
  @Reference PostEnrichment enrichment;

  /** Optional: without it (plain unit tests) commands post no events. */
  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  volatile EventAdmin eventAdmin;

  @Activate
  public PostServiceImpl(
      @Reference(target = DATASOURCE_FILTER) DataSource dataSource,
      @Reference(target = UNIT_FILTER) EntityManagerFactory emf,
      @Reference ChannelService channels,
      @Reference Connectors connectors,
      @Reference ApprovalService approvals,
      @Reference ComplianceService compliance,
      @Reference WorkspaceService workspaces) {
    this(
        migrated(dataSource, emf),
        channels,
        connectors,
        approvals,
        compliance,
        workspaces::find,
        Clock.systemUTC());
  }

  PostServiceImpl(
      UnitOfWork db,
      ChannelService channels,
      Connectors connectors,
      ApprovalService approvals,
      ComplianceService compliance,
      Function<String, Optional<Workspace>> workspaces,
      Clock clock) {
    this.db = db;
    this.channels = channels;
    this.connectors = connectors;
    this.approvals = approvals;
    this.compliance = compliance;
    this.workspaces = workspaces;
    this.clock = clock;
  }

  static UnitOfWork migrated(DataSource dataSource, EntityManagerFactory emf) {
    Migrations.apply(dataSource, PostServiceImpl.class.getClassLoader(), "content");
    return new UnitOfWork(emf);
  }

  /** The content unit, for readers in this package that query more than one table. */
  UnitOfWork unit() {
    return db;
  }

  /** The workspace's id, for an id or slug; {@link NotFoundException} when there is none. */
  String workspaceId(String idOrSlug) {
    return workspace(idOrSlug).id();
  }

  /**
   * The stored check runs of one revision of a post.
   *
   * @param revision the revision number as the caller wrote it
   * @throws NotFoundException for a missing post or revision
   */
  public List<CheckRun> checkRuns(String workspace, String postId, String revision) {
    String workspaceId = workspace(workspace).id();
    int current = db.read(em -> find(em, workspaceId, postId).revision);
    int number;
    try {
      number = Integer.parseInt(revision);
    } catch (NumberFormatException e) {
      throw new NotFoundException("revision", revision);
    }
    if (number < 1 || number > current) {
      throw new NotFoundException("revision", revision);
    }
    return checkRuns.ofRevision(workspaceId, postId, number);
  }

  // ---- queries

  @Override
  public Post get(String workspace, String postId) {
    String workspaceId = workspace(workspace).id();
    return db.read(em -> toPosts(em, List.of(find(em, workspaceId, postId))).get(0));
  }

  @Override
  public Page<Post> list(String workspace, CalendarQuery query, PageRequest page) {
    String workspaceId = workspace(workspace).id();
    CalendarQuery q = query == null ? new CalendarQuery(null, null, null, null, null) : query;
    if (q.from() != null && q.to() != null && !q.from().isBefore(q.to())) {
      throw new ValidationException("to", "to must be after from");
    }
    return db.read(em -> calendarPage(em, workspaceId, q, page));
  }

  private Page<Post> calendarPage(
      EntityManager em, String workspaceId, CalendarQuery q, PageRequest page) {
    StringBuilder jpql =
        new StringBuilder("SELECT p FROM PostEntity p WHERE p.workspaceId = :ws AND p.id > :after");
    Map<String, Object> params = new HashMap<>();
    if (q.from() != null) {
      jpql.append(" AND p.scheduledAt >= :from");
      params.put("from", q.from());
    }
    if (q.to() != null) {
      jpql.append(" AND p.scheduledAt < :to");
      params.put("to", q.to());
    }
    if (q.campaignId() != null) {
      jpql.append(" AND p.campaignId = :campaign");
      params.put("campaign", q.campaignId());
    }
    if (q.channelId() != null) {
      jpql.append(
          " AND EXISTS (SELECT v FROM VariantEntity v WHERE v.postId = p.id"
              + " AND v.channelId = :channel)");
      params.put("channel", q.channelId());
    }
    jpql.append(" ORDER BY p.id");
    // The status is derived from the variants, so it is filtered after reading, chunk by chunk.
    List<Post> items = new ArrayList<>();
    String after = page.after() == null ? "" : page.after();
    int chunk = q.status() == null ? page.limit() + 1 : PageRequest.MAX_LIMIT;
    while (items.size() <= page.limit()) {
      var typed = em.createQuery(jpql.toString(), PostEntity.class).setParameter("ws", workspaceId);
      params.forEach(typed::setParameter);
      List<PostEntity> rows =
          typed.setParameter("after", after).setMaxResults(chunk).getResultList();
      for (Post post : toPosts(em, rows)) {
        if (q.status() == null || post.status() == q.status()) {
          items.add(post);
        }
      }
      if (rows.size() < chunk) {
        break;
      }
      after = rows.get(rows.size() - 1).id;
    }
    boolean more = items.size() > page.limit();
    List<Post> pageItems = more ? items.subList(0, page.limit()) : items;
    return new Page<>(
        List.copyOf(pageItems),
        more ? PageRequest.cursorAfter(pageItems.get(pageItems.size() - 1).id()) : null);
  }

  @Override
  public List<PostRevision> revisions(String workspace, String postId) {
    String workspaceId = workspace(workspace).id();
    return db.read(
        em -> {
          find(em, workspaceId, postId);
          return em
              .createQuery(
                  "SELECT r FROM RevisionEntity r WHERE r.postId = :post ORDER BY r.revision",
                  RevisionEntity.class)
              .setParameter("post", postId)
              .getResultList()
              .stream()
              .map(PostServiceImpl::toRevision)
              .toList();
        });
  }

  // ---- content

  @Override
  public Post create(String workspace, PostDraft given, String author) {
    Workspace ws = workspace(workspace);
    PostDraft draft = templates.expandSnippets(ws.id(), given);
    Content content = checked(ws, draft, draft == null ? null : draft.timeZone());
    Instant now = clock.instant();
    String postId =
        db.inTransaction(
            em -> {
              PostEntity post = new PostEntity();
              post.id = Ids.next();
              post.workspaceId = ws.id();
              post.revision = 1;
              post.createdBy = author;
              post.createdAt = now;
              content.applyTo(post, now);
              em.persist(post);
              List<VariantEntity> rows = content.variants(post.id, ws.id(), Set.of());
              enrichment.mintLinks(ws.id(), post, rows, utmCampaign(ws.id(), post));
              rows.forEach(em::persist);
              em.persist(content.revision(post.id, 1, author, now));
              return post.id;
            });
    return get(ws.id(), postId);
  }

  @Override
  public Post update(
      String workspace, String postId, PostDraft given, long expectedVersion, String author) {
    Workspace ws = workspace(workspace);
    PostDraft draft = templates.expandSnippets(ws.id(), given);
    String zone = draft == null ? null : draft.timeZone();
    Content content =
        checked(ws, draft, zone != null ? zone : db.read(em -> find(em, ws.id(), postId).timeZone));
    Instant now = clock.instant();
    // Under approval every edit is a revision nobody approved yet: nothing of it may go out.
    boolean backToDraft = approvals.policy(ws.id(), draft.campaignId()).enabled();
    List<PublishJobEntity> added =
        db.inTransaction(
            em -> {
              PostEntity post = find(em, ws.id(), postId);
              if (post.version != expectedVersion) {
                throw new PreconditionFailedException(
                    "the post was changed by someone else; reload it");
              }
              List<PublishJobEntity> jobs = jobs(em, List.of(postId));
              refuseWhileSending(jobs, "edited");
              if (jobs.stream().anyMatch(j -> status(j) == DeliveryStatus.PUBLISHED)) {
                throw new ConflictException(
                    "the post is published on at least one channel and can no longer be edited;"
                        + " create a new post instead");
              }
              List<VariantEntity> existing = variants(em, List.of(postId));
              Map<String, VariantEntity> kept = new HashMap<>();
              for (VariantEntity v : existing) {
                if (content.channels().containsKey(v.channelId)) {
                  v.customText =
                      PostEnrichment.withOriginalLinks(
                          content.customTexts().get(v.channelId), v.shortLinks);
                  PostEnrichment.applyTo(v, content.draft());
                  kept.put(v.channelId, v);
                } else {
                  jobs.stream().filter(j -> j.variantId.equals(v.id)).forEach(em::remove);
                  // The job goes first: the database would cascade it away under the unit of
                  // work, which would then see its versioned delete find no row.
                  em.flush();
                  em.remove(v);
                }
              }
              post.revision++;
              content.applyTo(post, now);
              List<VariantEntity> fresh = content.variants(postId, ws.id(), kept.keySet());
              List<VariantEntity> all = new ArrayList<>(kept.values());
              all.addAll(fresh);
              enrichment.mintLinks(ws.id(), post, all, utmCampaign(ws.id(), post));
              fresh.forEach(em::persist);
              em.persist(content.revision(postId, post.revision, author, now));
              if (backToDraft) {
                jobs.stream()
                    .filter(j -> status(j) == DeliveryStatus.SCHEDULED)
                    .forEach(em::remove);
                return List.<PublishJobEntity>of();
              }
              // Channels added to a scheduled post are scheduled with it.
              boolean scheduled =
                  jobs.stream().anyMatch(j -> status(j) == DeliveryStatus.SCHEDULED);
              List<PublishJobEntity> newJobs = new ArrayList<>();
              if (scheduled) {
                content.requireFits(post, fresh);
                for (VariantEntity v : fresh) {
                  PublishJobEntity job = newJob(v, post.scheduledAt, now);
                  em.persist(job);
                  newJobs.add(job);
                }
              }
              content.requireFitsIfScheduled(post, kept.values(), jobs);
              return newJobs;
            });
    added.forEach(job -> post(PublishEvents.SCHEDULED, job));
    return get(ws.id(), postId);
  }

  @Override
  public void delete(String workspace, String postId, String actor) {
    String workspaceId = workspace(workspace).id();
    db.inTransaction(
        em -> {
          PostEntity post = find(em, workspaceId, postId);
          List<PublishJobEntity> jobs = jobs(em, List.of(postId));
          refuseWhileSending(jobs, "deleted");
          if (jobs.stream().anyMatch(j -> status(j) == DeliveryStatus.PUBLISHED)) {
            throw new ConflictException(
                "the post is published on at least one channel; its record is kept");
          }
          jobs.forEach(em::remove);
          em.flush();
          variants(em, List.of(postId)).forEach(em::remove);
          em.createQuery("DELETE FROM RevisionEntity r WHERE r.postId = :post")
              .setParameter("post", postId)
              .executeUpdate();
          em.remove(post);
          return null;
        });
  }

  // ---- publishing commands

  @Override
  public Post schedule(String workspace, String postId, Schedule schedule, String actor) {
    String workspaceId = workspace(workspace).id();
    String currentZone = db.read(em -> find(em, workspaceId, postId).timeZone);
    PlannedTime time = PlannedTime.of(schedule, currentZone);
    Instant now = clock.instant();
    if (time.at().isBefore(now.minus(PAST_TOLERANCE))) {
      throw new ValidationException(
          "scheduledAt", "the time " + time.at() + " is in the past (now " + now + ")");
    }
    return scheduleAt(workspaceId, postId, time, actor, channel -> time.at());
  }

  @Override
  public Post publishNow(String workspace, String postId, String actor) {
    String workspaceId = workspace(workspace).id();
    String zone = db.read(em -> find(em, workspaceId, postId).timeZone);
    PlannedTime time = new PlannedTime(clock.instant(), zone);
    return scheduleAt(workspaceId, postId, time, actor, channel -> time.at());
  }

  /**
   * Schedules each channel of the post at its own time (the queue's slots), with the checks of
   * {@link #schedule}; the post's time is the earliest, {@code time}.
   */
  Post scheduleEach(
      String workspaceId,
      String postId,
      PlannedTime time,
      Map<String, Instant> dueByChannel,
      String actor) {
    return scheduleAt(
        workspaceId, postId, time, actor, channel -> dueByChannel.getOrDefault(channel, time.at()));
  }

  private Post scheduleAt(
      String workspaceId,
      String postId,
      PlannedTime time,
      String actor,
      Function<String, Instant> dueAt) {
    Instant now = clock.instant();
    // Everything that can be refused is checked before anything is written.
    Post current = get(workspaceId, postId);
    requireCompliant(workspaceId, current, CheckRun.SCHEDULE, actor);
    if (!approvals.publishable(workspaceId, postId, current.campaignId(), current.revision())) {
      throw new ConflictException(
          "revision "
              + current.revision()
              + " of the post is not approved yet: submit it for approval first");
    }
    for (PostVariant v : current.variants()) {
      if (v.status() == DeliveryStatus.PUBLISHED) {
        continue;
      }
      String field = "variants." + v.channelId();
      Channel channel = requireUsable(workspaceId, v.channelId(), field);
      if (v.maxLength() > 0 && v.length() > v.maxLength()) {
        throw new ValidationException(field + ".text", String.join(" ", v.warnings()));
      }
      enrichment.requireSchedulable(workspaceId, channel, descriptor(channel.network(), field), v);
    }
    List<PublishJobEntity> scheduled =
        db.inTransaction(
            em -> {
              PostEntity post = find(em, workspaceId, postId);
              List<PublishJobEntity> jobs = jobs(em, List.of(postId));
              refuseWhileSending(jobs, "rescheduled");
              Map<String, PublishJobEntity> byVariant =
                  jobs.stream().collect(Collectors.toMap(j -> j.variantId, j -> j));
              List<PublishJobEntity> touched = new ArrayList<>();
              for (VariantEntity v : variants(em, List.of(postId))) {
                PublishJobEntity job = byVariant.get(v.id);
                if (job == null) {
                  job = newJob(v, dueAt.apply(v.channelId), now);
                  em.persist(job);
                } else if (status(job) == DeliveryStatus.PUBLISHED) {
                  continue;
                } else {
                  reset(job, dueAt.apply(v.channelId), now);
                }
                touched.add(job);
              }
              post.scheduledAt = time.at();
              post.timeZone = time.timeZone();
              post.updatedAt = now;
              return touched;
            });
    scheduled.forEach(job -> post(PublishEvents.SCHEDULED, job));
    return get(workspaceId, postId);
  }

  @Override
  public ApprovalRequest submit(String workspace, String postId, String userId) {
    String workspaceId = workspace(workspace).id();
    Post post = get(workspaceId, postId);
    if (post.variants().stream().anyMatch(v -> v.maxLength() > 0 && v.length() > v.maxLength())) {
      throw new ValidationException(
          "variantTexts", "a variant is over its network's limit; fix it before submitting");
    }
    requireCompliant(workspaceId, post, CheckRun.SUBMIT, userId);
    return approvals.open(workspaceId, postId, post.campaignId(), post.revision(), userId);
  }

  @Override
  public Post overrideCompliance(String workspace, String postId, String reason, String actor) {
    String workspaceId = workspace(workspace).id();
    String why = reason == null ? "" : reason.strip();
    if (why.length() < MIN_OVERRIDE_REASON || why.length() > MAX_OVERRIDE_REASON) {
      throw new ValidationException(
          "reason",
          "say in "
              + MIN_OVERRIDE_REASON
              + " to "
              + MAX_OVERRIDE_REASON
              + " characters why the blocking findings are acceptable");
    }
    Instant now = clock.instant();
    int revision = db.read(em -> find(em, workspaceId, postId).revision);
    // The chain entry carries a digest of the reason, so the stored reason can be proven unchanged.
    AuditEntry entry =
        audit.record(
            new AuditEvent(
                actor,
                workspaceId,
                "compliance.override",
                overrideTarget(postId, revision, why),
                null,
                "success"));
    db.inTransaction(
        em -> {
          PostEntity post = find(em, workspaceId, postId);
          if (post.revision != revision) {
            throw new ConflictException("the post was edited meanwhile; look at it again");
          }
          OverrideEntity o = new OverrideEntity();
          o.postId = postId;
          o.revision = revision;
          o.reason = why;
          o.author = actor;
          o.createdAt = now;
          o.auditSequence = entry.sequence();
          o.auditHash = entry.hash();
          em.merge(o);
          return null;
        });
    return get(workspaceId, postId);
  }

  /** The audit target of an override, with a SHA-256 of its reason. */
  static String overrideTarget(String postId, int revision, String reason) {
    return "post/"
        + postId
        + "/revision/"
        + revision
        + "/override#sha256="
        + Digests.sha256(reason);
  }

  /** The override of one revision of a post, if there is one. */
  Optional<OverrideEntity> override(String postId, int revision) {
    return db.read(
        em -> {
          PostRevisionKey key = new PostRevisionKey();
          key.postId = postId;
          key.revision = revision;
          return Optional.ofNullable(em.find(OverrideEntity.class, key));
        });
  }

  /** The overrides of the given posts, oldest first. */
  List<OverrideEntity> overrides(List<String> postIds) {
    if (postIds.isEmpty()) {
      return List.of();
    }
    return db.read(
        em ->
            em.createQuery(
                    "SELECT o FROM OverrideEntity o WHERE o.postId IN :posts ORDER BY o.createdAt",
                    OverrideEntity.class)
                .setParameter("posts", postIds)
                .getResultList());
  }

  /**
   * Runs the content checks on every variant that is still to go out, as its network will see it; a
   * blocking finding stops the command unless this revision was overridden.
   */
  private void requireCompliant(String workspaceId, Post post, String stage, String actor) {
    List<String> blocking = new ArrayList<>();
    for (VariantReport checked : checkVariants(workspaceId, post, stage, actor)) {
      PostVariant v = checked.variant();
      CheckReport report = checked.report();
      for (Finding f : report.findings()) {
        if (f.severity() == Severity.BLOCK) {
          blocking.add(describe(v.network(), f));
        }
      }
      for (String failed : report.failedChecks()) {
        blocking.add(v.network() + " check " + failed + " failed to run");
      }
    }
    if (blocking.isEmpty()) {
      return;
    }
    if (override(post.id(), post.revision()).isEmpty()) {
      throw new SocialWeaveException(
          422,
          "compliance-blocked",
          "Blocked by the content checks",
          String.join("; ", blocking.subList(0, Math.min(10, blocking.size())))
              + (blocking.size() > 10 ? "; and " + (blocking.size() - 10) + " more" : "")
              + ". Fix the text, or override with a written reason (needs COMPLIANCE_OVERRIDE).");
    }
  }

  /** A blocking finding as a refusal names it. */
  static String describe(String network, Finding f) {
    return network + " " + f.ruleId() + " \u201c" + f.matched() + "\u201d: " + f.explanationEn();
  }

  /** One variant's check run. */
  record VariantReport(PostVariant variant, CheckReport report) {}

  /**
   * Runs the content checks on every variant that is still to go out, as its network will see it,
   * and stores each run with the post's revision.
   */
  List<VariantReport> checkVariants(String workspaceId, Post post, String stage, String actor) {
    List<VariantReport> out = new ArrayList<>();
    for (PostVariant v : post.variants()) {
      if (v.status() == DeliveryStatus.PUBLISHED) {
        continue;
      }
      NetworkDescriptor network =
          connectors.find(v.network()).map(c -> c.descriptor()).orElse(null);
      CheckReport report =
          compliance.check(
              workspaceId,
              new CheckSubject(v.text(), post.title(), network, post.sponsored(), List.of(), null));
      checkRuns.record(
          workspaceId, post.id(), post.revision(), v.id(), v.network(), stage, report, actor);
      out.add(new VariantReport(v, report));
    }
    return out;
  }

  @Override
  public Post cancel(String workspace, String postId, String actor) {
    String workspaceId = workspace(workspace).id();
    Instant now = clock.instant();
    List<PublishJobEntity> cancelled =
        db.inTransaction(
            em -> {
              PostEntity post = find(em, workspaceId, postId);
              List<PublishJobEntity> jobs = jobs(em, List.of(postId));
              refuseWhileSending(jobs, "cancelled");
              List<PublishJobEntity> touched = new ArrayList<>();
              for (PublishJobEntity job : jobs) {
                if (status(job) == DeliveryStatus.SCHEDULED) {
                  job.status = DeliveryStatus.CANCELLED.name();
                  job.updatedAt = now;
                  touched.add(job);
                }
              }
              post.updatedAt = now;
              return touched;
            });
    cancelled.forEach(job -> post(PublishEvents.CANCELLED, job));
    return get(workspaceId, postId);
  }

  @Override
  public Post retry(String workspace, String postId, String variantId, String actor) {
    String workspaceId = workspace(workspace).id();
    Instant now = clock.instant();
    Post current = get(workspaceId, postId);
    PostVariant variant =
        current.variants().stream()
            .filter(v -> v.id().equals(variantId))
            .findFirst()
            .orElseThrow(() -> new NotFoundException("variant", variantId));
    if (variant.status() != DeliveryStatus.FAILED) {
      throw new ConflictException(
          "only a failed variant can be retried; this one is " + variant.status());
    }
    Channel channel = requireUsable(workspaceId, variant.channelId(), "variantId");
    if (variant.length() > variant.maxLength() && variant.maxLength() > 0) {
      throw new ValidationException("text", String.join(" ", variant.warnings()));
    }
    enrichment.requireSchedulable(
        workspaceId, channel, descriptor(channel.network(), "variantId"), variant);
    PublishJobEntity retried =
        db.inTransaction(
            em -> {
              PublishJobEntity job =
                  jobs(em, List.of(postId)).stream()
                      .filter(j -> j.variantId.equals(variantId))
                      .findFirst()
                      .orElseThrow(() -> new NotFoundException("variant", variantId));
              if (status(job) != DeliveryStatus.FAILED) {
                throw new ConflictException("the variant is no longer failed; reload the post");
              }
              reset(job, now, now);
              return job;
            });
    post(PublishEvents.SCHEDULED, retried);
    return get(workspaceId, postId);
  }

  // ---- the pieces

  /** The checked content of a draft: channels resolved, texts adapted and measured. */
  private record Content(
      PostDraft draft,
      String timeZone,
      Map<String, Channel> channels,
      Map<String, String> customTexts,
      Map<String, NetworkDescriptor> networks) {

    void applyTo(PostEntity post, Instant now) {
      post.campaignId = draft.campaignId();
      post.body = draft.text() == null ? "" : draft.text();
      post.title = blankToNull(draft.title());
      post.link = blankToNull(draft.link());
      post.timeZone = timeZone;
      post.sponsored = draft.sponsored();
      post.updatedAt = now;
      PostEnrichment.applyTo(post, draft);
    }

    /** New variant rows for the channels not in {@code existing}, in the draft's order. */
    List<VariantEntity> variants(String postId, String workspaceId, Set<String> existing) {
      List<VariantEntity> rows = new ArrayList<>();
      int position = existing.size();
      for (Channel channel : channels.values()) {
        if (existing.contains(channel.id())) {
          continue;
        }
        VariantEntity v = new VariantEntity();
        v.id = Ids.next();
        v.postId = postId;
        v.workspaceId = workspaceId;
        v.channelId = channel.id();
        v.network = channel.network();
        v.customText = customTexts.get(channel.id());
        v.position = position++;
        PostEnrichment.applyTo(v, draft);
        rows.add(v);
      }
      return rows;
    }

    RevisionEntity revision(String postId, int revision, String author, Instant now) {
      RevisionEntity r = new RevisionEntity();
      r.postId = postId;
      r.revision = revision;
      r.author = author;
      r.createdAt = now;
      Map<String, Object> snapshot = new LinkedHashMap<>();
      snapshot.put("text", draft.text());
      snapshot.put("title", draft.title());
      snapshot.put("link", draft.link());
      snapshot.put("campaignId", draft.campaignId());
      snapshot.put("channelIds", List.copyOf(channels.keySet()));
      snapshot.put("variantTexts", customTexts);
      snapshot.put("media", draft.media());
      snapshot.put("variantMedia", draft.variantMedia());
      snapshot.put("tags", draft.tags());
      snapshot.put("variantMentions", draft.variantMentions());
      snapshot.put("utmCampaign", draft.utmCampaign());
      snapshot.put("sponsored", draft.sponsored());
      try {
        r.content = JSON.writeValueAsString(snapshot);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a revision is plain JSON", e);
      }
      return r;
    }

    void requireFits(PostEntity post, Collection<VariantEntity> rows) {
      for (VariantEntity v : rows) {
        VariantText text = VariantText.of(post, v, networks.get(v.network));
        if (!text.fits()) {
          throw new ValidationException(
              "variantTexts." + v.channelId, String.join(" ", text.warnings()));
        }
      }
    }

    void requireFitsIfScheduled(
        PostEntity post, Collection<VariantEntity> rows, List<PublishJobEntity> jobs) {
      Set<String> scheduled =
          jobs.stream()
              .filter(j -> status(j) == DeliveryStatus.SCHEDULED)
              .map(j -> j.variantId)
              .collect(Collectors.toSet());
      requireFits(post, rows.stream().filter(v -> scheduled.contains(v.id)).toList());
    }
  }

  private Content checked(Workspace ws, PostDraft draft, String zone) {
    if (draft == null) {
      throw new ValidationException("body", "a JSON object is required");
    }
    String text = draft.text() == null ? "" : draft.text();
    if (text.isBlank()) {
      throw new ValidationException("text", "a post needs a text");
    }
    requireLength("text", text, MAX_TEXT);
    requireLength("title", draft.title(), MAX_TITLE);
    if (draft.link() != null && !draft.link().isBlank()) {
      requireLength("link", draft.link(), MAX_LINK);
      requireHttpUrl(draft.link());
    }
    if (draft.campaignId() != null) {
      campaigns.requireCampaign(ws.id(), draft.campaignId());
    }
    if (draft.channelIds().isEmpty()) {
      throw new ValidationException("channelIds", "choose at least one channel");
    }
    if (draft.channelIds().size() > MAX_CHANNELS) {
      throw new ValidationException("channelIds", "at most " + MAX_CHANNELS + " channels a post");
    }
    Set<String> ids = new LinkedHashSet<>(draft.channelIds());
    if (ids.size() != draft.channelIds().size() || ids.contains(null)) {
      throw new ValidationException("channelIds", "each channel once");
    }
    for (String id : draft.variantTexts().keySet()) {
      if (!ids.contains(id)) {
        throw new ValidationException(
            "variantTexts", "a text for channel " + id + ", which is not a target of the post");
      }
      requireLength("variantTexts." + id, draft.variantTexts().get(id), MAX_TEXT);
    }
    Map<String, Channel> resolved = new LinkedHashMap<>();
    Map<String, NetworkDescriptor> networks = new HashMap<>();
    for (String id : ids) {
      Channel channel = channel(ws.id(), id, "channelIds");
      resolved.put(id, channel);
      networks.put(channel.network(), descriptor(channel.network(), "channelIds"));
    }
    Map<String, String> custom = new HashMap<>();
    draft
        .variantTexts()
        .forEach(
            (id, t) -> {
              if (t != null && !t.isBlank()) {
                custom.put(id, t);
              }
            });
    enrichment.check(ws.id(), draft, resolved, networks);
    return new Content(
        draft,
        PlannedTime.zone(zone != null ? zone : ws.timeZone()),
        resolved,
        Map.copyOf(custom),
        networks);
  }

  private Channel channel(String workspaceId, String channelId, String field) {
    if (channelId == null || !ID.matcher(channelId).matches()) {
      throw new ValidationException(field, "not a channel id: " + channelId);
    }
    try {
      return channels.get(workspaceId, channelId);
    } catch (NotFoundException e) {
      throw new ValidationException(field, "no channel " + channelId + " in this workspace");
    }
  }

  private NetworkDescriptor descriptor(String network, String field) {
    return connectors
        .find(network)
        .map(c -> c.descriptor())
        .orElseThrow(
            () ->
                new ValidationException(
                    field, "the " + network + " connector is not installed on this node"));
  }

  /** A channel that can publish now: still connected and not waiting for a reconnect. */
  private Channel requireUsable(String workspaceId, String channelId, String field) {
    Channel channel;
    try {
      channel = channels.get(workspaceId, channelId);
    } catch (NotFoundException e) {
      throw new ValidationException(
          field, "channel " + channelId + " was disconnected; remove it from the post");
    }
    if (channel.health().state() == TokenHealth.State.NEEDS_RECONNECT) {
      throw new ValidationException(
          field,
          "channel "
              + channel.displayName()
              + " ("
              + channel.network()
              + ") needs a reconnect before it can publish");
    }
    descriptor(channel.network(), field);
    return channel;
  }

  /** The post's own UTM campaign, else its campaign's slug, else its id. */
  private String utmCampaign(String workspaceId, PostEntity post) {
    if (post.utmCampaign != null) {
      return post.utmCampaign;
    }
    String slug =
        post.campaignId == null
            ? ""
            : PostEnrichment.slug(campaigns.get(workspaceId, post.campaignId).name());
    return slug.isEmpty() ? post.id : slug;
  }

  private static void refuseWhileSending(List<PublishJobEntity> jobs, String what) {
    for (PublishJobEntity job : jobs) {
      if (status(job) == DeliveryStatus.PUBLISHING || job.inDoubt) {
        throw new ConflictException(
            "the post is being published on channel "
                + job.channelId
                + " and cannot be "
                + what
                + " now; try again when it has finished");
      }
    }
  }

  private static PublishJobEntity newJob(VariantEntity v, Instant dueAt, Instant now) {
    PublishJobEntity job = new PublishJobEntity();
    job.id = Ids.next();
    job.workspaceId = v.workspaceId;
    job.postId = v.postId;
    job.variantId = v.id;
    job.channelId = v.channelId;
    job.network = v.network;
    job.idempotencyKey = "sw-" + job.id;
    reset(job, dueAt, now);
    return job;
  }

  /** Back to scheduled at {@code dueAt}, with a clean slate of attempts and failures. */
  private static void reset(PublishJobEntity job, Instant dueAt, Instant now) {
    job.status = DeliveryStatus.SCHEDULED.name();
    job.dueAt = dueAt;
    job.attempts = 0;
    job.networkJobId = null;
    job.leaseOwner = null;
    job.leaseUntil = null;
    job.failureKind = null;
    job.failureCode = null;
    job.failureMessage = null;
    job.failureAction = null;
    job.updatedAt = now;
  }

  private void post(String topic, PublishJobEntity job) {
    EventAdmin events = eventAdmin;
    if (events == null) {
      return;
    }
    Map<String, Object> props = new HashMap<>();
    props.put(PublishEvents.WORKSPACE_ID, job.workspaceId);
    props.put(PublishEvents.POST_ID, job.postId);
    props.put(PublishEvents.VARIANT_ID, job.variantId);
    props.put(PublishEvents.CHANNEL_ID, job.channelId);
    props.put(PublishEvents.NETWORK, job.network);
    props.put(PublishEvents.SCHEDULED_AT, job.dueAt.toString());
    events.postEvent(new Event(topic, props));
  }

  // ---- reading

  private Workspace workspace(String idOrSlug) {
    return workspaces
        .apply(idOrSlug)
        .orElseThrow(() -> new NotFoundException("workspace", idOrSlug));
  }

  private static PostEntity find(EntityManager em, String workspaceId, String postId) {
    PostEntity post = postId == null ? null : em.find(PostEntity.class, postId);
    if (post == null || !post.workspaceId.equals(workspaceId)) {
      throw new NotFoundException("post", postId);
    }
    return post;
  }

  private static List<VariantEntity> variants(EntityManager em, List<String> postIds) {
    return em.createQuery(
            "SELECT v FROM VariantEntity v WHERE v.postId IN :posts ORDER BY v.position",
            VariantEntity.class)
        .setParameter("posts", postIds)
        .getResultList();
  }

  static List<PublishJobEntity> jobs(EntityManager em, List<String> postIds) {
    return em.createQuery(
            "SELECT j FROM PublishJobEntity j WHERE j.postId IN :posts", PublishJobEntity.class)
        .setParameter("posts", postIds)
        .getResultList();
  }

  static DeliveryStatus status(PublishJobEntity job) {
    return DeliveryStatus.valueOf(job.status);
  }

  private List<Post> toPosts(EntityManager em, List<PostEntity> posts) {
    if (posts.isEmpty()) {
      return List.of();
    }
    List<String> ids = posts.stream().map(p -> p.id).toList();
    Map<String, List<VariantEntity>> variantsByPost =
        variants(em, ids).stream().collect(Collectors.groupingBy(v -> v.postId));
    Map<String, PublishJobEntity> jobByVariant =
        jobs(em, ids).stream().collect(Collectors.toMap(j -> j.variantId, j -> j));
    List<Post> out = new ArrayList<>();
    for (PostEntity p : posts) {
      List<PostVariant> variants = new ArrayList<>();
      for (VariantEntity v : variantsByPost.getOrDefault(p.id, List.of())) {
        variants.add(toVariant(p, v, jobByVariant.get(v.id)));
      }
      out.add(
          new Post(
              p.id,
              p.workspaceId,
              p.campaignId,
              p.body,
              p.title,
              p.link,
              p.timeZone,
              p.scheduledAt,
              PostStatus.of(variants.stream().map(PostVariant::status).toList()),
              p.revision,
              variants,
              p.createdBy,
              p.createdAt,
              p.updatedAt,
              p.version,
              JsonColumns.list(p.media),
              JsonColumns.list(p.tags),
              p.utmCampaign,
              p.sponsored));
    }
    return out;
  }

  private PostVariant toVariant(PostEntity post, VariantEntity v, PublishJobEntity job) {
    Optional<NetworkDescriptor> network = connectors.find(v.network).map(c -> c.descriptor());
    VariantText text =
        network
            .map(n -> VariantText.of(post, v, n))
            .orElseGet(
                () ->
                    new VariantText(
                        v.customText != null ? v.customText : post.body,
                        0,
                        0,
                        true,
                        List.of("The " + v.network + " connector is not installed on this node.")));
    // What was sent, when an attempt may have reached the network, is what the network has.
    String shown = job != null && job.sentText != null && job.inDoubt ? job.sentText : text.text();
    return new PostVariant(
        v.id,
        v.channelId,
        v.network,
        shown,
        v.customText != null,
        text.length(),
        text.maxLength(),
        text.warnings(),
        job == null ? DeliveryStatus.DRAFT : status(job),
        job == null ? null : job.dueAt,
        job == null ? 0 : job.attempts,
        job == null ? null : job.platformPostId,
        job == null || job.url == null ? null : URI.create(job.url),
        job == null ? null : job.publishedAt,
        job == null || job.failureKind == null
            ? null
            : new Failure(job.failureKind, job.failureCode, job.failureMessage, job.failureAction),
        PostEnrichment.media(post, v),
        v.media != null,
        JsonColumns.list(v.mentions),
        JsonColumns.map(v.shortLinks));
  }

  private static PostRevision toRevision(RevisionEntity r) {
    try {
      Map<?, ?> content = JSON.readValue(r.content, Map.class);
      Map<String, String> texts = new HashMap<>();
      if (content.get("variantTexts") instanceof Map<?, ?> m) {
        m.forEach((k, v) -> texts.put(String.valueOf(k), String.valueOf(v)));
      }
      return new PostRevision(
          r.revision,
          (String) content.get("text"),
          (String) content.get("title"),
          (String) content.get("link"),
          texts,
          r.author,
          r.createdAt);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "revision " + r.revision + " of " + r.postId + " is not JSON", e);
    }
  }

  private static void requireLength(String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw new ValidationException(field, field + " has at most " + max + " characters");
    }
  }

  static void requireHttpUrl(String link) {
    try {
      URI uri = new URI(link.strip());
      String scheme = uri.getScheme();
      if (uri.getHost() == null
          || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
        throw new ValidationException("link", "the link must be an absolute http(s) URL");
      }
    } catch (URISyntaxException e) {
      throw new ValidationException("link", "the link is not a URL: " + e.getReason());
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
