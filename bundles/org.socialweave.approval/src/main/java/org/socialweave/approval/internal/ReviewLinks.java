package org.socialweave.approval.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.persistence.EntityManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.approval.ApprovalDecision;
import org.socialweave.api.approval.ApprovalRequest;
import org.socialweave.api.approval.ApprovalRequest.Status;
import org.socialweave.api.approval.ApprovalStage;
import org.socialweave.api.approval.ApprovalStage.ExternalReviewer;
import org.socialweave.api.audit.AuditEvent;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.content.Post;
import org.socialweave.api.content.PostService;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.SocialWeaveException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.notify.NotificationException;
import org.socialweave.api.notify.NotificationService;
import org.socialweave.api.vault.SecretRef;
import org.socialweave.api.vault.SecretVault;
import org.socialweave.approval.internal.persistence.RequestEntity;
import org.socialweave.approval.internal.persistence.ReviewLinkEntity;
import org.socialweave.core.persistence.Ids;
import org.socialweave.core.persistence.Paging;
import org.socialweave.core.persistence.UnitOfWork;

/**
 * Expiring signed review links for reviewers without an account. A token is {@code <link
 * id>.<signature>}, the signature an HMAC-SHA256 over the link's stored facts (workspace, request,
 * post, revision, stage, reviewer's address and name, expiry) with a key kept in the vault, so a
 * token cannot be forged and a stored row cannot be edited into a longer or wider grant. Keys are
 * per workspace and never overwritten: each has its own vault name, so two nodes that create the
 * first key at once both sign valid links.
 */
@Component(service = ReviewLinks.class, configurationPid = ApprovalConfig.PID)
public class ReviewLinks {

  static final String KEY_PREFIX = "approval/review-key/";
  static final int DEFAULT_HOURS = 72;
  static final int MAX_HOURS = 24 * 30;

  /** Who {@code created_by} names for the links a stage's policy sends. */
  static final String POLICY_ISSUER = "policy";

  private static final Pattern TOKEN = Pattern.compile("([0-9A-Za-z]{1,26})\\.([A-Za-z0-9_-]{43})");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s.]+");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A link checked for use: its row, the request it decides and the post as it is now. */
  public record Grant(ReviewLinkEntity link, ApprovalRequest request, Post post) {}

  private final ApprovalServiceImpl approvals;
  private final SecretVault vault;
  private final AuditLog audit;
  private final PostService posts;
  private final ReviewMail mail;

  @Activate
  public ReviewLinks(
      @Reference ApprovalServiceImpl approvals,
      @Reference SecretVault vault,
      @Reference AuditLog audit,
      @Reference PostService posts,
      @Reference NotificationService notifications,
      ApprovalConfig config) {
    this(approvals, vault, audit, posts, new ReviewMail(notifications, config.reviewLinkUrl()));
  }

  ReviewLinks(
      ApprovalServiceImpl approvals,
      SecretVault vault,
      AuditLog audit,
      PostService posts,
      ReviewMail mail) {
    this.approvals = approvals;
    this.vault = vault;
    this.audit = audit;
    this.posts = posts;
    this.mail = mail;
  }

  /** Issues a link for the request's current stage and revision, and e-mails it to the reviewer. */
  public ReviewLink issue(
      String workspace,
      String requestId,
      String email,
      String name,
      Integer hours,
      String issuerId,
      String issuerName) {
    String ws = approvals.workspaceId(workspace);
    String address = checkedEmail("email", email);
    String who = checkedName("name", name);
    int valid = hours == null ? DEFAULT_HOURS : hours;
    if (valid < 1 || valid > MAX_HOURS) {
      throw new ValidationException("expiresInHours", "1 to " + MAX_HOURS + " hours");
    }
    return issue(ws, requestId, null, address, who, valid, issuerId, issuerName);
  }

  /**
   * Issues the link the policy names for a reviewer of the given stage, unless the stage was
   * decided meanwhile or the reviewer has theirs already (on this node or another).
   *
   * @return the link, or empty when none was due
   */
  Optional<ReviewLink> invite(RequestEntity r, int stage, ExternalReviewer reviewer) {
    int slaHours = ApprovalServiceImpl.read(r.stages).get(stage).slaHours();
    try {
      return Optional.of(
          issue(
              r.workspaceId,
              r.id,
              stage,
              reviewer.email(),
              reviewer.name(),
              Math.min(MAX_HOURS, Math.max(DEFAULT_HOURS, slaHours)),
              POLICY_ISSUER,
              "system:approval-policy"));
    } catch (ConflictException | NotFoundException notDue) {
      return Optional.empty();
    }
  }

  /** Whether the policy's reviewer of the request's stage was sent their link already. */
  boolean invited(EntityManager em, RequestEntity r, int stage, ExternalReviewer reviewer) {
    return !em.createQuery(
            "SELECT l.id FROM ReviewLinkEntity l WHERE l.requestId = :r AND l.stage = :stage"
                + " AND l.invitedFor = :email",
            String.class)
        .setParameter("r", r.id)
        .setParameter("stage", stage)
        .setParameter("email", reviewer.email().toLowerCase(Locale.ROOT))
        .getResultList()
        .isEmpty();
  }

  /**
   * @param stage the stage a policy invitation is for (it is refused with a conflict once the
   *     request moved on), or {@code null} for the request's current stage
   */
  private ReviewLink issue(
      String ws,
      String requestId,
      Integer stage,
      String address,
      String who,
      int valid,
      String issuerId,
      String issuerName) {
    int currentRevision = posts.get(ws, approvals.get(ws, requestId).postId()).revision();
    String keyName = currentKey(ws);
    Instant now = approvals.clock().instant();
    ReviewLinkEntity link =
        db().inTransaction(
                em -> {
                  RequestEntity r = ApprovalServiceImpl.find(em, ws, requestId);
                  if (!Status.PENDING.name().equals(r.status)) {
                    throw new ConflictException(
                        "the request is " + r.status + "; nothing to review");
                  }
                  if (stage != null && r.stage != stage) {
                    throw new ConflictException("stage " + stage + " is decided already");
                  }
                  if (r.revision != currentRevision) {
                    throw new ConflictException(
                        "the request is about revision "
                            + r.revision
                            + " but the post is at revision "
                            + currentRevision
                            + "; submit the post again");
                  }
                  ReviewLinkEntity l = new ReviewLinkEntity();
                  l.id = Ids.next();
                  l.workspaceId = ws;
                  l.requestId = r.id;
                  l.postId = r.postId;
                  l.revision = r.revision;
                  l.stage = r.stage;
                  l.email = address;
                  l.name = who;
                  l.keyName = keyName;
                  l.expiresAt = now.plus(Duration.ofHours(valid));
                  l.createdBy = issuerId;
                  l.createdAt = now;
                  // Unique per request, stage and address: one invitation however many nodes try.
                  l.invitedFor = stage == null ? null : address.toLowerCase(Locale.ROOT);
                  em.persist(l);
                  return l;
                });
    audit.record(
        new AuditEvent(
            issuerName,
            ws,
            "approval.review-link.issue",
            "approvals/" + requestId + "/review-links/" + link.id,
            null,
            "success"));
    String token = link.id + "." + signature(link);
    if (mail.invite(link, token, stageName(link))) {
      link.emailedAt = approvals.clock().instant();
      db().inTransaction(
              em -> {
                em.find(ReviewLinkEntity.class, link.id).emailedAt = link.emailedAt;
                return null;
              });
    }
    return toRecord(link, token);
  }

  /** A reviewer's e-mail address, stripped. */
  static String checkedEmail(String field, String email) {
    String address = email == null ? "" : email.strip();
    if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
      throw new ValidationException(field, "the reviewer's e-mail address, such as li@example.com");
    }
    return address;
  }

  /** A reviewer's name, stripped. */
  static String checkedName(String field, String name) {
    String who = name == null ? "" : name.strip();
    if (who.isEmpty() || who.length() > 100) {
      throw new ValidationException(field, "the reviewer's name, 1 to 100 characters");
    }
    return who;
  }

  /**
   * E-mails the SLA reminder to the reviewers of the request's current stage whose links are live
   * and undecided.
   *
   * @return the reminders sent
   * @throws org.socialweave.api.notify.NotificationException when there were reviewers to remind
   *     and none of the e-mails went out
   */
  int remind(RequestEntity r, boolean late) {
    Instant now = approvals.clock().instant();
    List<ReviewLinkEntity> live =
        db().read(
                em ->
                    em.createQuery(
                            "SELECT l FROM ReviewLinkEntity l WHERE l.requestId = :r"
                                + " AND l.stage = :stage AND l.revokedAt IS NULL"
                                + " AND l.decidedAt IS NULL AND l.expiresAt > :now ORDER BY l.id",
                            ReviewLinkEntity.class)
                        .setParameter("r", r.id)
                        .setParameter("stage", r.stage)
                        .setParameter("now", now)
                        .getResultList());
    int sent = 0;
    for (ReviewLinkEntity l : live) {
      if (l.revision == r.revision
          && mail.remind(l, l.id + "." + signature(l), stageName(l), r.stageDueAt, late)) {
        sent++;
      }
    }
    if (sent == 0 && !live.isEmpty()) {
      throw new NotificationException("no reminder reached the external reviewers of " + r.id);
    }
    return sent;
  }

  private String stageName(ReviewLinkEntity link) {
    return db().read(
            em -> {
              List<ApprovalStage> stages =
                  ApprovalServiceImpl.read(em.find(RequestEntity.class, link.requestId).stages);
              return stages.get(link.stage).name();
            });
  }

  public Page<ReviewLink> list(String workspace, String requestId, PageRequest page) {
    String ws = approvals.workspaceId(workspace);
    return db().read(
            em -> {
              ApprovalServiceImpl.find(em, ws, requestId);
              return Paging.page(
                  em.createQuery(
                          "SELECT l FROM ReviewLinkEntity l WHERE l.requestId = :r"
                              + " AND l.id > :after ORDER BY l.id",
                          ReviewLinkEntity.class)
                      .setParameter("r", requestId),
                  page,
                  l -> l.id,
                  l -> toRecord(l, null));
            });
  }

  /** Revokes a link at once; revoking it again changes nothing. */
  public ReviewLink revoke(String workspace, String requestId, String linkId, String actor) {
    String ws = approvals.workspaceId(workspace);
    Instant now = approvals.clock().instant();
    ReviewLinkEntity link =
        db().inTransaction(
                em -> {
                  ReviewLinkEntity l =
                      linkId == null ? null : em.find(ReviewLinkEntity.class, linkId);
                  if (l == null || !l.workspaceId.equals(ws) || !l.requestId.equals(requestId)) {
                    throw new NotFoundException("review link", linkId);
                  }
                  if (l.revokedAt == null) {
                    l.revokedAt = now;
                  }
                  return l;
                });
    audit.record(
        new AuditEvent(
            actor,
            ws,
            "approval.review-link.revoke",
            "approvals/" + requestId + "/review-links/" + linkId,
            null,
            "success"));
    return toRecord(link, null);
  }

  /**
   * The link a token names, if it is genuine, live and about the post's current revision.
   *
   * @throws SocialWeaveException 404 for a token that names no link, 403 for a wrong signature, 410
   *     for an expired or revoked link, 409 for a link about an older revision or a stage that was
   *     decided already
   */
  public Grant open(String token) {
    ReviewLinkEntity link = verified(token);
    Instant now = approvals.clock().instant();
    if (link.revokedAt != null) {
      throw problem(410, "review-link-revoked", "Review link revoked", "the link was revoked");
    }
    if (!now.isBefore(link.expiresAt)) {
      throw problem(
          410,
          "review-link-expired",
          "Review link expired",
          "the link expired at " + link.expiresAt);
    }
    ApprovalRequest request = approvals.get(link.workspaceId, link.requestId);
    Post post;
    try {
      post = posts.get(link.workspaceId, link.postId);
    } catch (NotFoundException e) {
      throw problem(410, "review-link-revoked", "Post deleted", "the post was deleted");
    }
    int revision = post.revision();
    if (revision != link.revision || request.status() == Status.SUPERSEDED) {
      throw problem(
          409,
          "review-link-stale",
          "Review link out of date",
          "the post was changed after the link was sent (revision "
              + link.revision
              + " is under review, the post is at "
              + revision
              + "); ask for a new link");
    }
    return new Grant(link, request, post);
  }

  /** Records the link's reviewer's verdict on its stage, once, in the approval trail. */
  public ApprovalRequest decide(Grant grant, ApprovalDecision decision, String sourceAddress) {
    String comment = ApprovalServiceImpl.checkedComment(decision);
    ReviewLinkEntity link = grant.link();
    String actor = "external:" + link.email;
    if (decision.verdict() == ApprovalDecision.Verdict.APPROVE) {
      requireOpen(link);
      approvals.beforeApproval(
          link.workspaceId,
          db().read(em -> ApprovalServiceImpl.find(em, link.workspaceId, link.requestId)),
          actor);
    }
    Instant now = approvals.clock().instant();
    RequestEntity advanced =
        db().inTransaction(
                em -> {
                  ReviewLinkEntity l = em.find(ReviewLinkEntity.class, link.id);
                  RequestEntity r = requireOpen(em, l);
                  boolean opened =
                      approvals.record(
                          em,
                          r,
                          l.id,
                          l.name + " <" + l.email + ">",
                          l.email,
                          ApprovalServiceImpl.withComment(decision, comment),
                          now,
                          actor,
                          sourceAddress);
                  l.decidedAt = now;
                  return opened ? r : null;
                });
    if (advanced != null) {
      approvals.announceStage(advanced);
    }
    return approvals.get(link.workspaceId, link.requestId);
  }

  /** Refuses a verdict before the checks run when the link cannot give one any more. */
  private void requireOpen(ReviewLinkEntity link) {
    db().read(em -> requireOpen(em, em.find(ReviewLinkEntity.class, link.id)));
  }

  private static RequestEntity requireOpen(EntityManager em, ReviewLinkEntity l) {
    RequestEntity r = ApprovalServiceImpl.find(em, l.workspaceId, l.requestId);
    if (l.decidedAt != null) {
      throw new ConflictException("a verdict was given through this link already");
    }
    if (!Status.PENDING.name().equals(r.status) || r.stage != l.stage) {
      throw problem(
          409,
          "review-link-stale",
          "Review link out of date",
          "the stage this link was sent for is decided already (the request is " + r.status + ")");
    }
    return r;
  }

  // ---- signing

  private ReviewLinkEntity verified(String token) {
    var m = token == null ? null : TOKEN.matcher(token);
    ReviewLinkEntity link =
        m == null || !m.matches()
            ? null
            : db().read(em -> em.find(ReviewLinkEntity.class, m.group(1)));
    if (link == null) {
      throw problem(
          404, "review-link-unknown", "Unknown review link", "this review link was never issued");
    }
    byte[] expected = signature(link).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, m.group(2).getBytes(StandardCharsets.US_ASCII))) {
      throw problem(
          403,
          "review-link-invalid",
          "Review link not valid",
          "the link's signature does not match: it was changed or cut short; use the link as sent");
    }
    return link;
  }

  String signature(ReviewLinkEntity l) {
    char[] key = vault.reveal(l.workspaceId, l.keyName);
    byte[] raw = new String(key).getBytes(StandardCharsets.UTF_8);
    Arrays.fill(key, '\0');
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(raw, "HmacSHA256"));
      String facts =
          String.join(
              "\n",
              "v1",
              l.id,
              l.workspaceId,
              l.requestId,
              l.postId,
              Integer.toString(l.revision),
              Integer.toString(l.stage),
              l.email,
              l.name,
              Long.toString(l.expiresAt.getEpochSecond()));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(facts.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** The workspace's oldest signing key, made on first use. */
  private String currentKey(String ws) {
    List<String> keys =
        vault.list(ws).stream()
            .map(SecretRef::name)
            .filter(n -> n.startsWith(KEY_PREFIX))
            .sorted()
            .toList();
    if (!keys.isEmpty()) {
      return keys.get(0);
    }
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String name = KEY_PREFIX + Ids.next();
    vault.put(
        ws, name, Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray());
    return name;
  }

  private UnitOfWork db() {
    return approvals.unit();
  }

  private static SocialWeaveException problem(
      int status, String type, String title, String detail) {
    return new SocialWeaveException(status, type, title, detail);
  }

  private static ReviewLink toRecord(ReviewLinkEntity l, String token) {
    return new ReviewLink(
        l.id,
        l.requestId,
        l.postId,
        l.revision,
        l.stage,
        l.email,
        l.name,
        l.expiresAt,
        l.createdBy,
        l.createdAt,
        l.revokedAt,
        l.decidedAt,
        l.emailedAt,
        token);
  }
}
