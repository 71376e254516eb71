package org.socialweave.approval.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.socialweave.api.Membership;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.User;
import org.socialweave.api.UserService;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.approval.ApprovalDecision;
import org.socialweave.api.approval.ApprovalDecision.Verdict;
import org.socialweave.api.approval.ApprovalEvents;
import org.socialweave.api.approval.ApprovalGate;
import org.socialweave.api.approval.ApprovalPolicy;
import org.socialweave.api.approval.ApprovalRequest;
import org.socialweave.api.approval.ApprovalRequest.Status;
import org.socialweave.api.approval.ApprovalService;
import org.socialweave.api.approval.ApprovalStage;
import org.socialweave.api.approval.ApprovalStage.ExternalReviewer;
import org.socialweave.api.audit.AuditEntry;
import org.socialweave.api.audit.AuditEvent;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.content.CampaignService;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.PreconditionFailedException;
import org.socialweave.api.error.SocialWeaveException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Role;
import org.socialweave.approval.internal.persistence.CampaignPolicyEntity;
import org.socialweave.approval.internal.persistence.DecisionEntity;
import org.socialweave.approval.internal.persistence.PolicyEntity;
import org.socialweave.approval.internal.persistence.RequestEntity;
import org.socialweave.approval.internal.persistence.ReviewLinkEntity;
import org.socialweave.core.persistence.Ids;
import org.socialweave.core.persistence.Migrations;
import org.socialweave.core.persistence.Paging;
import org.socialweave.core.persistence.UnitOfWork;

/**
 * Approval over the {@code socialweave.approval} unit. A request keeps the stages as they were when
 * it was opened, so changing the policy does not move requests already under way.
 */
@Component(service = {ApprovalService.class, ApprovalServiceImpl.class})
public class ApprovalServiceImpl implements ApprovalService {

  static final String UNIT_FILTER = "(osgi.unit.name=socialweave.approval)";
  static final int MAX_STAGES = 10;
  static final int MAX_COMMENT = 4000;
  static final int MAX_SLA_HOURS = 24 * 30;
  static final int MAX_REVIEWERS = 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<ApprovalStage>> STAGES = new TypeReference<>() {};

  /** What the service needs to know about people. */
  interface Directory {
    Optional<Workspace> workspace(String idOrSlug);

    Optional<User> user(String id);

    List<Membership> members(String workspaceId);

    boolean campaignExists(String workspaceId, String campaignId);
  }

  private final UnitOfWork db;
  private final Directory directory;
  private final AuditLog audit;
  private final Clock clock;

  /**
   * Runs the checks again before an approval (the content bundle's); without it nothing is
   * approved. Bound as service objects and got only when a verdict needs them: the gate needs the
   * content bundle's post service, which needs this service, so getting the gate while this one
   * activates is a cycle (a restarted node then failed to start the content bundle's services).
   */
  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  volatile ComponentServiceObjects<ApprovalGate> gates;

  /** A gate given directly (tests); it takes precedence over {@link #gates}. */
  volatile ApprovalGate gate;

  /** Where opened stages are announced; the stage's external reviewers are invited from there. */
  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  volatile EventAdmin eventAdmin;

  @Activate
  public ApprovalServiceImpl(
      @Reference(target = "(osgi.jndi.service.name=socialweave)") DataSource dataSource,
      @Reference(target = UNIT_FILTER) EntityManagerFactory emf,
      @Reference WorkspaceService workspaces,
      @Reference UserService users,
      @Reference CampaignService campaigns,
      @Reference AuditLog audit) {
    this(
        migrated(dataSource, emf),
        directory(workspaces, users, (ws, id) -> campaigns.find(ws, id).isPresent()),
        audit,
        Clock.systemUTC());
  }

  ApprovalServiceImpl(UnitOfWork db, Directory directory, AuditLog audit, Clock clock) {
    this.db = db;
    this.directory = directory;
    this.audit = audit;
    this.clock = clock;
  }

  UnitOfWork unit() {
    return db;
  }

  Clock clock() {
    return clock;
  }

  Directory people() {
    return directory;
  }

  static UnitOfWork migrated(DataSource dataSource, EntityManagerFactory emf) {
    Migrations.apply(dataSource, ApprovalServiceImpl.class.getClassLoader(), "approval");
    return new UnitOfWork(emf);
  }

  static Directory directory(
      WorkspaceService workspaces, UserService users, BiPredicate<String, String> campaigns) {
    return new Directory() {
      @Override
      public boolean campaignExists(String workspaceId, String campaignId) {
        return campaigns.test(workspaceId, campaignId);
      }

      @Override
      public Optional<Workspace> workspace(String idOrSlug) {
        return workspaces.find(idOrSlug);
      }

      @Override
      public Optional<User> user(String id) {
        return users.find(id);
      }

      @Override
      public List<Membership> members(String workspaceId) {
        List<Membership> all = new ArrayList<>();
        String cursor = null;
        do {
          Page<Membership> page =
              workspaces.members(workspaceId, PageRequest.of(PageRequest.MAX_LIMIT, cursor));
          all.addAll(page.items());
          cursor = page.nextCursor();
        } while (cursor != null);
        return all;
      }
    };
  }

  // ---- policy

  @Override
  public ApprovalPolicy policy(String workspace) {
    String ws = workspaceId(workspace);
    return db.read(em -> toPolicy(ws, em.find(PolicyEntity.class, ws)));
  }

  @Override
  public ApprovalPolicy setPolicy(String workspace, ApprovalPolicy policy, long expectedVersion) {
    String ws = workspaceId(workspace);
    if (policy == null) {
      throw new ValidationException("body", "a JSON object is required");
    }
    List<ApprovalStage> stages = checked(ws, policy);
    String json = write(stages);
    return db.inTransaction(
        em -> {
          PolicyEntity row = em.find(PolicyEntity.class, ws);
          long current = row == null ? 0 : row.version;
          if (current != expectedVersion) {
            throw new PreconditionFailedException(
                "the approval policy was changed by someone else; reload it");
          }
          if (row == null) {
            row = new PolicyEntity();
            row.workspaceId = ws;
            em.persist(row);
          }
          row.enabled = policy.enabled();
          row.stages = json;
          row.updatedAt = clock.instant();
          em.flush();
          return toPolicy(ws, row);
        });
  }

  @Override
  public ApprovalPolicy policy(String workspace, String campaignId) {
    String ws = workspaceId(workspace);
    if (campaignId == null) {
      return policy(ws);
    }
    return db.read(
        em -> {
          CampaignPolicyEntity own =
              em.find(CampaignPolicyEntity.class, new CampaignPolicyEntity.Key(ws, campaignId));
          return own == null ? toPolicy(ws, em.find(PolicyEntity.class, ws)) : toPolicy(own);
        });
  }

  /**
   * The policy a campaign's posts follow: its own (with {@code campaignId} set), or the workspace's
   * (with version 0, the ETag that creates the campaign's own one).
   */
  public ApprovalPolicy campaignPolicy(String workspace, String campaignId) {
    String ws = workspaceId(workspace);
    requireCampaign(ws, campaignId);
    ApprovalPolicy effective = policy(ws, campaignId);
    return effective.campaignId() != null
        ? effective
        : new ApprovalPolicy(ws, effective.enabled(), effective.stages(), 0, null);
  }

  /** Creates ({@code expectedVersion} 0) or replaces a campaign's own policy. */
  public ApprovalPolicy setCampaignPolicy(
      String workspace, String campaignId, ApprovalPolicy policy, long expectedVersion) {
    String ws = workspaceId(workspace);
    requireCampaign(ws, campaignId);
    if (policy == null) {
      throw new ValidationException("body", "a JSON object is required");
    }
    String json = write(checked(ws, policy));
    return db.inTransaction(
        em -> {
          CampaignPolicyEntity row =
              em.find(CampaignPolicyEntity.class, new CampaignPolicyEntity.Key(ws, campaignId));
          if ((row == null ? 0 : row.version) != expectedVersion) {
            throw new PreconditionFailedException(
                "the campaign's approval policy was changed by someone else; reload it");
          }
          if (row == null) {
            row = new CampaignPolicyEntity();
            row.workspaceId = ws;
            row.campaignId = campaignId;
            em.persist(row);
          }
          row.enabled = policy.enabled();
          row.stages = json;
          row.updatedAt = clock.instant();
          em.flush();
          return toPolicy(row);
        });
  }

  /** Removes a campaign's own policy: its posts follow the workspace's again. */
  public void deleteCampaignPolicy(String workspace, String campaignId) {
    String ws = workspaceId(workspace);
    requireCampaign(ws, campaignId);
    db.inTransaction(
        em -> {
          CampaignPolicyEntity row =
              em.find(CampaignPolicyEntity.class, new CampaignPolicyEntity.Key(ws, campaignId));
          if (row == null) {
            throw new NotFoundException("campaign approval policy", campaignId);
          }
          em.remove(row);
          return null;
        });
  }

  private void requireCampaign(String ws, String campaignId) {
    if (campaignId == null
        || campaignId.length() > 26
        || !directory.campaignExists(ws, campaignId)) {
      throw new NotFoundException("campaign", campaignId);
    }
  }

  private List<ApprovalStage> checked(String ws, ApprovalPolicy policy) {
    List<ApprovalStage> stages = policy.stages();
    if (policy.enabled() && stages.isEmpty()) {
      throw new ValidationException("stages", "an enabled approval needs at least one stage");
    }
    if (stages.size() > MAX_STAGES) {
      throw new ValidationException("stages", "at most " + MAX_STAGES + " stages");
    }
    Set<String> members =
        directory.members(ws).stream().map(Membership::userId).collect(Collectors.toSet());
    List<ApprovalStage> out = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      ApprovalStage s = stages.get(i);
      String field = "stages[" + i + "]";
      if (s == null) {
        throw new ValidationException(field, "a stage is an object");
      }
      if (s.name() == null || s.name().isBlank() || s.name().length() > 100) {
        throw new ValidationException(
            field + ".name", "a stage needs a name of 1 to 100 characters");
      }
      if (s.role() == null && s.userIds().isEmpty() && s.reviewers().isEmpty()) {
        throw new ValidationException(
            field + ".role", "a stage needs a role, named people or external reviewers");
      }
      if (s.slaHours() < 1 || s.slaHours() > MAX_SLA_HOURS) {
        throw new ValidationException(
            field + ".slaHours", "the SLA is 1 to " + MAX_SLA_HOURS + " hours");
      }
      for (String user : s.userIds()) {
        if (!members.contains(user)) {
          throw new ValidationException(
              field + ".userIds", "user " + user + " is not a member of this workspace");
        }
      }
      out.add(
          new ApprovalStage(
              s.name().strip(),
              s.role(),
              s.userIds(),
              s.rule() == null ? ApprovalStage.Rule.ANY : s.rule(),
              s.slaHours(),
              checkedReviewers(field + ".reviewers", s.reviewers())));
    }
    return out;
  }

  private static List<ExternalReviewer> checkedReviewers(
      String field, List<ExternalReviewer> reviewers) {
    if (reviewers.size() > MAX_REVIEWERS) {
      throw new ValidationException(field, "at most " + MAX_REVIEWERS + " external reviewers");
    }
    List<ExternalReviewer> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int j = 0; j < reviewers.size(); j++) {
      ExternalReviewer reviewer = reviewers.get(j);
      String at = field + "[" + j + "]";
      if (reviewer == null) {
        throw new ValidationException(at, "a reviewer is an object with email and name");
      }
      String email = ReviewLinks.checkedEmail(at + ".email", reviewer.email());
      if (!seen.add(email.toLowerCase(Locale.ROOT))) {
        throw new ValidationException(at + ".email", email + " is named twice in this stage");
      }
      out.add(new ExternalReviewer(email, ReviewLinks.checkedName(at + ".name", reviewer.name())));
    }
    return out;
  }

  // ---- requests

  @Override
  public ApprovalRequest open(String workspace, String postId, int revision, String submitter) {
    return open(workspace, postId, null, revision, submitter);
  }

  @Override
  public ApprovalRequest open(
      String workspace, String postId, String campaignId, int revision, String submitter) {
    String ws = workspaceId(workspace);
    ApprovalPolicy policy = policy(ws, campaignId);
    if (!policy.enabled()) {
      throw new ConflictException(
          (policy.campaignId() == null
                  ? "approval is turned off in this workspace"
                  : "approval" + " is turned off for this campaign")
              + "; schedule or publish the post directly");
    }
    Instant now = clock.instant();
    record Submission(RequestEntity request, boolean opened) {}
    Submission submission =
        db.inTransaction(
            em -> {
              for (RequestEntity open : requestsOf(em, ws, postId)) {
                if (open.revision == revision
                    && (Status.APPROVED.name().equals(open.status)
                        || Status.PENDING.name().equals(open.status))) {
                  // already under way or approved: submitting again is a no-op
                  return new Submission(open, false);
                }
                if (Status.PENDING.name().equals(open.status)) {
                  open.status = Status.SUPERSEDED.name();
                  open.closedAt = now;
                }
              }
              RequestEntity r = new RequestEntity();
              r.id = Ids.next();
              r.workspaceId = ws;
              r.postId = postId;
              r.campaignId = policy.campaignId();
              r.revision = revision;
              r.status = Status.PENDING.name();
              r.stage = 0;
              r.stages = write(policy.stages());
              r.stageDueAt = now.plus(Duration.ofHours(policy.stages().get(0).slaHours()));
              r.submittedBy = submitter;
              r.submittedAt = now;
              em.persist(r);
              return new Submission(r, true);
            });
    if (submission.opened()) {
      announceStage(submission.request());
    }
    return get(ws, submission.request().id);
  }

  @Override
  public ApprovalRequest decide(
      String workspace, String requestId, String userId, ApprovalDecision decision) {
    String ws = workspaceId(workspace);
    String comment = checkedComment(decision);
    Optional<User> user = directory.user(userId);
    String name = user.map(User::username).orElse(userId);
    if (decision.verdict() == Verdict.APPROVE) {
      // Refused verdicts are refused before the checks run, so they leave no check run behind.
      RequestEntity r =
          db.read(
              em -> {
                RequestEntity found = find(em, ws, requestId);
                requireMayDecide(em, found, userId, user);
                return found;
              });
      beforeApproval(ws, r, name);
    }
    Instant now = clock.instant();
    RequestEntity decided =
        db.inTransaction(
            em -> {
              RequestEntity r = find(em, ws, requestId);
              requireMayDecide(em, r, userId, user);
              return record(
                      em, r, userId, name, null, withComment(decision, comment), now, name, null)
                  ? r
                  : null;
            });
    if (decided != null) {
      announceStage(decided);
    }
    return get(ws, requestId);
  }

  /**
   * Posts {@link ApprovalEvents#STAGE_OPENED} for the request's current stage, after the
   * transaction that opened it committed.
   */
  void announceStage(RequestEntity r) {
    EventAdmin events = eventAdmin;
    if (events == null) {
      return; // the stage's invitations are sent by the reminders' next sweep
    }
    events.postEvent(
        new Event(
            ApprovalEvents.STAGE_OPENED,
            Map.of(
                ApprovalEvents.WORKSPACE_ID, r.workspaceId,
                ApprovalEvents.REQUEST_ID, r.id,
                ApprovalEvents.POST_ID, r.postId,
                ApprovalEvents.REVISION, Integer.toString(r.revision),
                ApprovalEvents.STAGE, Integer.toString(r.stage))));
  }

  private void requireMayDecide(
      EntityManager em, RequestEntity r, String userId, Optional<User> user) {
    if (!Status.PENDING.name().equals(r.status)) {
      throw new ConflictException("the request is " + r.status + "; nothing to decide");
    }
    if (r.submittedBy.equals(userId)) {
      throw new ConflictException("nobody approves a post they submitted themselves");
    }
    ApprovalStage stage = read(r.stages).get(r.stage);
    if (!eligible(stage, userId, directory.members(r.workspaceId), user)) {
      throw new SocialWeaveException(
          403,
          "forbidden",
          "Forbidden",
          "stage '" + stage.name() + "' is decided by " + deciders(stage));
    }
    requireUndecided(em, r, userId);
  }

  private static void requireUndecided(EntityManager em, RequestEntity r, String deciderId) {
    if (decisionsOf(em, r.id).stream()
        .anyMatch(d -> d.stage == r.stage && d.userId.equals(deciderId))) {
      throw new ConflictException("you decided this stage already");
    }
  }

  /**
   * The checks again on the request's revision before a verdict approves it; the run is stored with
   * the revision (stage {@code approval}), blocked or not.
   *
   * @throws SocialWeaveException 503 when no gate runs the checks on this node
   */
  void beforeApproval(String workspaceId, RequestEntity r, String actor) {
    ApprovalGate given = gate;
    if (given != null) {
      given.beforeApproval(workspaceId, r.postId, r.revision, actor);
      return;
    }
    ComponentServiceObjects<ApprovalGate> objects = gates;
    ApprovalGate checks = objects == null ? null : objects.getService();
    if (checks == null) {
      throw new SocialWeaveException(
          503,
          "checks-unavailable",
          "Content checks unavailable",
          "the content checks are not running on this node, so nothing can be approved now;"
              + " try again shortly");
    }
    try {
      checks.beforeApproval(workspaceId, r.postId, r.revision, actor);
    } finally {
      objects.ungetService(checks);
    }
  }

  /**
   * Checks a verdict's comment and span, and gives back the stripped comment.
   *
   * @throws ValidationException when a verdict other than APPROVE has no comment, or the span is
   *     not a span
   */
  static String checkedComment(ApprovalDecision decision) {
    if (decision == null || decision.verdict() == null) {
      throw new ValidationException("verdict", "APPROVE, REJECT or REQUEST_CHANGES is required");
    }
    String comment = decision.comment() == null ? null : decision.comment().strip();
    if (decision.verdict() != Verdict.APPROVE && (comment == null || comment.isEmpty())) {
      throw new ValidationException("comment", "say what has to change");
    }
    if (comment != null && comment.length() > MAX_COMMENT) {
      throw new ValidationException("comment", "at most " + MAX_COMMENT + " characters");
    }
    checkSpan(decision);
    return comment;
  }

  /**
   * Writes one verdict on the request's current stage and moves the request on: a reject or a
   * request for changes closes it, an approval completes the stage under its rule.
   *
   * <p>The decision's audit entry is written first, with the digest of the decision in its target:
   * a decision without its entry could not be proven.
   *
   * @param externalEmail the address of an external reviewer, whose {@code deciderId} is their
   *     review link's id; {@code null} for a member
   * @param auditActor who the audit entry names
   * @param sourceAddress where the verdict came from, or {@code null}
   * @return whether the verdict opened the request's next stage
   */
  boolean record(
      EntityManager em,
      RequestEntity r,
      String deciderId,
      String deciderName,
      String externalEmail,
      ApprovalDecision decision,
      Instant now,
      String auditActor,
      String sourceAddress) {
    List<ApprovalStage> stages = read(r.stages);
    ApprovalStage stage = stages.get(r.stage);
    requireUndecided(em, r, deciderId);
    List<DecisionEntity> made = decisionsOf(em, r.id);
    DecisionEntity d = new DecisionEntity();
    d.id = Ids.next();
    d.requestId = r.id;
    d.stage = r.stage;
    d.userId = deciderId;
    d.username = deciderName;
    d.externalEmail = externalEmail;
    d.verdict = decision.verdict().name();
    d.comment = decision.comment();
    d.spanStart = decision.spanStart();
    d.spanEnd = decision.spanEnd();
    d.channelId = decision.channelId();
    // Microseconds: what both H2 and PostgreSQL store, so the digest survives a round trip.
    d.decidedAt = now.truncatedTo(ChronoUnit.MICROS);
    d.digest = DecisionDigest.of(r, d);
    AuditEntry entry =
        audit.record(
            new AuditEvent(
                auditActor,
                r.workspaceId,
                "approval.decision." + decision.verdict().name().toLowerCase(Locale.ROOT),
                DecisionDigest.auditTarget(r, d),
                sourceAddress,
                "success"));
    d.auditSequence = entry.sequence();
    d.auditHash = entry.hash();
    em.persist(d);
    made.add(d);
    switch (decision.verdict()) {
      case REJECT -> close(r, Status.REJECTED, now);
      case REQUEST_CHANGES -> close(r, Status.CHANGES_REQUESTED, now);
      case APPROVE -> {
        if (stageComplete(
            stage, r, made, directory.members(r.workspaceId), externalLinks(em, r, now))) {
          r.stage++;
          if (r.stage == stages.size()) {
            close(r, Status.APPROVED, now);
          } else {
            r.stageDueAt = now.plus(Duration.ofHours(stages.get(r.stage).slaHours()));
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The live review links of the request's current stage: under ALL, their reviewers count too. */
  private static Set<String> externalLinks(EntityManager em, RequestEntity r, Instant now) {
    return em.createQuery(
            "SELECT l FROM ReviewLinkEntity l WHERE l.requestId = :r AND l.stage = :stage"
                + " AND l.revokedAt IS NULL",
            ReviewLinkEntity.class)
        .setParameter("r", r.id)
        .setParameter("stage", r.stage)
        .getResultStream()
        .filter(l -> l.expiresAt.isAfter(now) || l.decidedAt != null)
        .map(l -> l.id)
        .collect(Collectors.toSet());
  }

  static ApprovalDecision withComment(ApprovalDecision d, String comment) {
    return new ApprovalDecision(
        d.stage(),
        d.userId(),
        d.username(),
        d.verdict(),
        comment,
        d.spanStart(),
        d.spanEnd(),
        d.channelId(),
        d.decidedAt());
  }

  private static void checkSpan(ApprovalDecision d) {
    if ((d.spanStart() == null) != (d.spanEnd() == null)) {
      throw new ValidationException("spanEnd", "a span needs both spanStart and spanEnd");
    }
    if (d.spanStart() != null && (d.spanStart() < 0 || d.spanEnd() <= d.spanStart())) {
      throw new ValidationException("spanStart", "a span is 0 <= spanStart < spanEnd");
    }
    if (d.channelId() != null && d.channelId().length() > 26) {
      throw new ValidationException("channelId", "not a channel id");
    }
  }

  private static void close(RequestEntity r, Status status, Instant now) {
    r.status = status.name();
    r.closedAt = now;
    r.stageDueAt = null;
  }

  /** Named people, else members of the stage's role; the workspace's admins and node admins too. */
  private static boolean eligible(
      ApprovalStage stage, String userId, List<Membership> members, Optional<User> user) {
    if (user.map(User::systemAdmin).orElse(false)) {
      return true;
    }
    if (!stage.userIds().isEmpty()) {
      return stage.userIds().contains(userId);
    }
    return members.stream()
        .anyMatch(
            m -> m.userId().equals(userId) && (m.role() == stage.role() || m.role() == Role.ADMIN));
  }

  private static boolean stageComplete(
      ApprovalStage stage,
      RequestEntity r,
      List<DecisionEntity> made,
      List<Membership> members,
      Set<String> externalReviewers) {
    if (stage.rule() == ApprovalStage.Rule.ANY) {
      return true;
    }
    Set<String> approved =
        made.stream()
            .filter(d -> d.stage == r.stage && Verdict.APPROVE.name().equals(d.verdict))
            .map(d -> d.userId)
            .collect(Collectors.toSet());
    Set<String> needed =
        stage.userIds().isEmpty()
            ? members.stream()
                .filter(m -> m.role() == stage.role() && !m.userId().equals(r.submittedBy))
                .map(Membership::userId)
                .collect(Collectors.toCollection(HashSet::new))
            : new HashSet<>(stage.userIds());
    needed.remove(r.submittedBy);
    needed.addAll(externalReviewers);
    // The policy's reviewers count even before their links are out, so ALL cannot complete early.
    Set<String> approvedBy =
        made.stream()
            .filter(
                d ->
                    d.stage == r.stage
                        && d.externalEmail != null
                        && Verdict.APPROVE.name().equals(d.verdict))
            .map(d -> d.externalEmail.toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
    return approved.containsAll(needed)
        && stage.reviewers().stream()
            .allMatch(x -> approvedBy.contains(x.email().toLowerCase(Locale.ROOT)));
  }

  private static String deciders(ApprovalStage stage) {
    return stage.userIds().isEmpty()
        ? "members with the role " + stage.role()
        : "the people named in the workspace's approval policy";
  }

  @Override
  public ApprovalRequest get(String workspace, String requestId) {
    String ws = workspaceId(workspace);
    return db.read(em -> toRequest(em, find(em, ws, requestId)));
  }

  @Override
  public Optional<ApprovalRequest> latest(String workspace, String postId) {
    String ws = workspaceId(workspace);
    return db.read(
        em -> {
          List<RequestEntity> all = requestsOf(em, ws, postId);
          return all.isEmpty()
              ? Optional.empty()
              : Optional.of(toRequest(em, all.get(all.size() - 1)));
        });
  }

  @Override
  public Page<ApprovalRequest> list(
      String workspace, Status status, String postId, PageRequest page) {
    String ws = workspaceId(workspace);
    StringBuilder jpql =
        new StringBuilder(
            "SELECT r FROM RequestEntity r WHERE r.workspaceId = :ws AND r.id > :after");
    if (status != null) {
      jpql.append(" AND r.status = :status");
    }
    if (postId != null) {
      jpql.append(" AND r.postId = :post");
    }
    jpql.append(" ORDER BY r.id");
    return db.read(
        em -> {
          var query = em.createQuery(jpql.toString(), RequestEntity.class).setParameter("ws", ws);
          if (status != null) {
            query.setParameter("status", status.name());
          }
          if (postId != null) {
            query.setParameter("post", postId);
          }
          return Paging.page(query, page, r -> r.id, r -> toRequest(em, r));
        });
  }

  @Override
  public Page<ApprovalRequest> awaiting(String workspace, String userId, PageRequest page) {
    String ws = workspaceId(workspace);
    List<Membership> members = directory.members(ws);
    Optional<User> user = directory.user(userId);
    return db.read(
        em -> {
          // Pending requests are few (each post has at most one); the filter needs their stages.
          List<RequestEntity> pending =
              em.createQuery(
                      "SELECT r FROM RequestEntity r WHERE r.workspaceId = :ws"
                          + " AND r.status = :status AND r.id > :after ORDER BY r.id",
                      RequestEntity.class)
                  .setParameter("ws", ws)
                  .setParameter("status", Status.PENDING.name())
                  .setParameter("after", page.after() == null ? "" : page.after())
                  .getResultList();
          List<ApprovalRequest> mine = new ArrayList<>();
          for (RequestEntity r : pending) {
            if (!awaits(em, r, userId, members, user)) {
              continue;
            }
            if (mine.size() == page.limit()) {
              String last = mine.get(mine.size() - 1).id();
              return new Page<>(mine, PageRequest.cursorAfter(last));
            }
            mine.add(toRequest(em, r));
          }
          return new Page<>(mine, null);
        });
  }

  private static boolean awaits(
      EntityManager em,
      RequestEntity r,
      String userId,
      List<Membership> members,
      Optional<User> user) {
    if (r.submittedBy.equals(userId)) {
      return false;
    }
    List<ApprovalStage> stages = read(r.stages);
    if (r.stage >= stages.size() || !eligible(stages.get(r.stage), userId, members, user)) {
      return false;
    }
    return decisionsOf(em, r.id).stream()
        .noneMatch(d -> d.stage == r.stage && d.userId.equals(userId));
  }

  @Override
  public boolean publishable(String workspace, String postId, int revision) {
    return publishable(workspace, postId, null, revision);
  }

  @Override
  public boolean publishable(String workspace, String postId, String campaignId, int revision) {
    String ws = workspaceId(workspace);
    if (!policy(ws, campaignId).enabled()) {
      return true;
    }
    return db.read(
        em ->
            requestsOf(em, ws, postId).stream()
                .anyMatch(r -> r.revision == revision && Status.APPROVED.name().equals(r.status)));
  }

  @Override
  public boolean intact(String workspace, String requestId, ApprovalDecision decision) {
    String ws = workspaceId(workspace);
    return db.read(
        em -> {
          DecisionEntity d =
              decision.id() == null ? null : em.find(DecisionEntity.class, decision.id());
          if (d == null || d.digest == null || !d.requestId.equals(requestId)) {
            return false;
          }
          RequestEntity r = find(em, ws, requestId);
          return DecisionDigest.of(r, d).equals(d.digest) && d.digest.equals(decision.digest());
        });
  }

  // ---- reading

  String workspaceId(String idOrSlug) {
    return directory
        .workspace(idOrSlug)
        .map(Workspace::id)
        .orElseThrow(() -> new NotFoundException("workspace", idOrSlug));
  }

  static RequestEntity find(EntityManager em, String ws, String requestId) {
    RequestEntity r = requestId == null ? null : em.find(RequestEntity.class, requestId);
    if (r == null || !r.workspaceId.equals(ws)) {
      throw new NotFoundException("approval request", requestId);
    }
    return r;
  }

  private static List<RequestEntity> requestsOf(EntityManager em, String ws, String postId) {
    return em.createQuery(
            "SELECT r FROM RequestEntity r WHERE r.workspaceId = :ws AND r.postId = :post"
                + " ORDER BY r.id",
            RequestEntity.class)
        .setParameter("ws", ws)
        .setParameter("post", postId)
        .getResultList();
  }

  private static List<DecisionEntity> decisionsOf(EntityManager em, String requestId) {
    return new ArrayList<>(
        em.createQuery(
                "SELECT d FROM DecisionEntity d WHERE d.requestId = :r ORDER BY d.id",
                DecisionEntity.class)
            .setParameter("r", requestId)
            .getResultList());
  }

  static ApprovalRequest toRequest(EntityManager em, RequestEntity r) {
    List<ApprovalStage> stages = read(r.stages);
    boolean open = r.stage < stages.size() && r.closedAt == null;
    return new ApprovalRequest(
        r.id,
        r.workspaceId,
        r.postId,
        r.revision,
        Status.valueOf(r.status),
        r.stage,
        open ? stages.get(r.stage).name() : null,
        open ? r.stageDueAt : null,
        decisionsOf(em, r.id).stream()
            .map(
                d ->
                    new ApprovalDecision(
                        d.stage,
                        d.userId,
                        d.username,
                        Verdict.valueOf(d.verdict),
                        d.comment,
                        d.spanStart,
                        d.spanEnd,
                        d.channelId,
                        d.decidedAt,
                        d.id,
                        d.digest,
                        d.auditSequence,
                        d.auditHash))
            .toList(),
        r.submittedBy,
        r.submittedAt,
        r.closedAt);
  }

  private static ApprovalPolicy toPolicy(CampaignPolicyEntity row) {
    return new ApprovalPolicy(
        row.workspaceId, row.enabled, read(row.stages), row.version, row.campaignId);
  }

  private static ApprovalPolicy toPolicy(String ws, PolicyEntity row) {
    return row == null
        ? new ApprovalPolicy(ws, false, List.of(), 0)
        : new ApprovalPolicy(ws, row.enabled, read(row.stages), row.version);
  }

  private static String write(List<ApprovalStage> stages) {
    try {
      return JSON.writeValueAsString(stages);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stages are plain JSON", e);
    }
  }

  static List<ApprovalStage> read(String json) {
    try {
      return JSON.readValue(json, STAGES);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored stages are not JSON: " + e.getMessage(), e);
    }
  }
}
