package org.socialweave.content.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.channel.ChannelService;
import org.socialweave.api.content.Campaign;
import org.socialweave.api.content.CampaignDraft;
import org.socialweave.api.content.CampaignService;
import org.socialweave.api.content.CampaignStatus;
import org.socialweave.api.content.Kpi;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.content.internal.persistence.CampaignEntity;
import org.socialweave.core.persistence.Ids;
import org.socialweave.core.persistence.UnitOfWork;

/** Campaigns over the {@code socialweave.content} unit; every change is in the audit chain. */
@Component(service = {CampaignService.class, CampaignServiceImpl.class})
public class CampaignServiceImpl extends WorkspaceRecords implements CampaignService {

  static final int MAX_NAME = 200;
  static final int MAX_OBJECTIVE = 2000;
  static final int MAX_TAGS = 20;
  static final int MAX_CHANNELS = 50;
  static final int MAX_TAG = 40;

  /** DECIMAL(19, 4): fifteen digits before the point. */
  static final BigDecimal MAX_TARGET = new BigDecimal("999999999999999");

  private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}_-]{1," + MAX_TAG + "}");
  private static final Pattern OWNER = Pattern.compile("[^\\p{Cntrl}]{1,255}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  @Activate
  public CampaignServiceImpl(
      @Reference(target = PostServiceImpl.DATASOURCE_FILTER) DataSource dataSource,
      @Reference(target = PostServiceImpl.UNIT_FILTER) EntityManagerFactory emf,
      @Reference ChannelService channels,
      @Reference WorkspaceService workspaces,
      @Reference AuditLog audit) {
    this(
        PostServiceImpl.migrated(dataSource, emf),
        channels,
        workspaces::find,
        audit,
        Clock.systemUTC());
  }

  CampaignServiceImpl(
      UnitOfWork db,
      ChannelService channels,
      Function<String, Optional<Workspace>> workspaces,
      AuditLog audit,
      Clock clock) {
    super(db, channels, workspaces, audit, clock);
  }

  @Override
  public Campaign create(String workspace, CampaignDraft draft, String actor) {
    String workspaceId = workspace(workspace).id();
    checked(workspaceId, draft);
    Instant now = clock.instant();
    Campaign created =
        db.inTransaction(
            em -> {
              requireFreeName(em, workspaceId, draft.name(), null);
              CampaignEntity c = new CampaignEntity();
              c.id = Ids.next();
              c.workspaceId = workspaceId;
              c.createdBy = actor;
              c.createdAt = now;
              apply(c, draft, actor, now);
              em.persist(c);
              em.flush();
              return toCampaign(c);
            });
    record(actor, workspaceId, "campaign.create", created.id());
    return created;
  }

  @Override
  public Campaign get(String workspace, String campaignId) {
    String workspaceId = workspace(workspace).id();
    return db.read(em -> toCampaign(find(em, workspaceId, campaignId)));
  }

  @Override
  public Optional<Campaign> find(String workspace, String idOrName) {
    String workspaceId = workspace(workspace).id();
    if (idOrName == null || idOrName.isBlank()) {
      return Optional.empty();
    }
    String key = idOrName.strip();
    return db.read(
        em -> {
          CampaignEntity byId =
              ID.matcher(key).matches() ? em.find(CampaignEntity.class, key) : null;
          if (byId != null && byId.workspaceId.equals(workspaceId)) {
            return Optional.of(toCampaign(byId));
          }
          return byName(em, workspaceId, key).map(CampaignServiceImpl::toCampaign);
        });
  }

  @Override
  public Page<Campaign> list(String workspace, CampaignStatus status, PageRequest page) {
    String workspaceId = workspace(workspace).id();
    return db.read(
        em -> {
          var query =
              em.createQuery(
                      "SELECT c FROM CampaignEntity c WHERE c.workspaceId = :ws AND c.id > :after"
                          + (status == null ? "" : " AND c.status = :status")
                          + " ORDER BY c.id",
                      CampaignEntity.class)
                  .setParameter("ws", workspaceId)
                  .setParameter("after", page.after() == null ? "" : page.after());
          if (status != null) {
            query.setParameter("status", status.name());
          }
          List<CampaignEntity> rows = query.setMaxResults(page.limit() + 1).getResultList();
          boolean more = rows.size() > page.limit();
          List<Campaign> items =
              rows.stream().limit(page.limit()).map(CampaignServiceImpl::toCampaign).toList();
          return new Page<>(
              items, more ? PageRequest.cursorAfter(items.get(items.size() - 1).id()) : null);
        });
  }

  @Override
  public Campaign update(
      String workspace,
      String campaignId,
      CampaignDraft draft,
      long expectedVersion,
      String actor) {
    String workspaceId = workspace(workspace).id();
    checked(workspaceId, draft);
    Instant now = clock.instant();
    Campaign updated =
        db.inTransaction(
            em -> {
              CampaignEntity c = find(em, workspaceId, campaignId);
              requireVersion(c.version, expectedVersion, "campaign");
              requireFreeName(em, workspaceId, draft.name(), c.id);
              apply(c, draft, c.ownerId, now);
              em.flush();
              return toCampaign(c);
            });
    record(actor, workspaceId, "campaign.update", campaignId);
    return updated;
  }

  @Override
  public void delete(String workspace, String campaignId, String actor) {
    String workspaceId = workspace(workspace).id();
    db.inTransaction(
        em -> {
          CampaignEntity c = find(em, workspaceId, campaignId);
          long posts =
              em.createQuery(
                      "SELECT COUNT(p) FROM PostEntity p WHERE p.campaignId = :id", Long.class)
                  .setParameter("id", c.id)
                  .getSingleResult();
          if (posts > 0) {
            throw new ConflictException(
                posts
                    + " post(s) belong to campaign "
                    + c.name
                    + "; move them to another campaign or archive the campaign instead");
          }
          em.remove(c);
          // The foreign key of sw_post refuses the delete if a post took the campaign meanwhile.
          em.flush();
          return null;
        });
    record(actor, workspaceId, "campaign.delete", campaignId);
  }

  /**
   * The campaign a post names, checked for the post's field {@code campaignId}.
   *
   * @throws ValidationException when the id names no campaign of the workspace
   */
  void requireCampaign(String workspaceId, String campaignId) {
    if (!ID.matcher(campaignId).matches()) {
      throw new ValidationException("campaignId", "not a campaign id: " + campaignId);
    }
    boolean known =
        db.read(
            em -> {
              CampaignEntity c = em.find(CampaignEntity.class, campaignId);
              return c != null && c.workspaceId.equals(workspaceId);
            });
    if (!known) {
      throw new ValidationException(
          "campaignId", "no campaign " + campaignId + " in this workspace");
    }
  }

  // ---- the pieces

  private void checked(String workspaceId, CampaignDraft draft) {
    if (draft == null) {
      throw new ValidationException("body", "a JSON object is required");
    }
    requireText("name", draft.name(), MAX_NAME);
    requireText("objective", draft.objective(), MAX_OBJECTIVE);
    if (draft.kpi() == null) {
      throw new ValidationException("kpi", "choose the KPI the goal is measured on");
    }
    BigDecimal target = draft.targetValue();
    if (target == null || target.signum() <= 0) {
      throw new ValidationException("targetValue", "the target value must be a positive number");
    }
    if (target.compareTo(MAX_TARGET) > 0 || target.stripTrailingZeros().scale() > 4) {
      throw new ValidationException(
          "targetValue", "the target value has at most 15 digits and 4 decimals");
    }
    if (draft.kpi() == Kpi.ENGAGEMENT_RATE && target.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw new ValidationException("targetValue", "an engagement rate is a percentage, 0-100");
    }
    if (draft.deadline() == null) {
      throw new ValidationException("deadline", "a goal needs a deadline");
    }
    if (draft.startsOn() != null && draft.deadline().isBefore(draft.startsOn())) {
      throw new ValidationException("deadline", "the deadline is before the start");
    }
    if (draft.ownerId() != null && !OWNER.matcher(draft.ownerId()).matches()) {
      throw new ValidationException("ownerId", "not a user id");
    }
    if (draft.budgetId() != null && !ID.matcher(draft.budgetId()).matches()) {
      throw new ValidationException("budgetId", "not a budget id");
    }
    requireTags(draft.tags());
    requireChannels(workspaceId, draft.channelIds(), MAX_CHANNELS);
  }

  /** Tags as campaigns and templates take them. */
  static void requireTags(List<String> tags) {
    if (tags.size() > MAX_TAGS) {
      throw new ValidationException("tags", "at most " + MAX_TAGS + " tags");
    }
    for (String tag : tags) {
      if (tag == null || !TAG.matcher(tag).matches()) {
        throw new ValidationException(
            "tags", "a tag is 1-" + MAX_TAG + " letters, digits, _ or -: " + tag);
      }
    }
  }

  private static void apply(CampaignEntity c, CampaignDraft draft, String owner, Instant now) {
    c.name = draft.name().strip();
    c.nameKey = nameKey(draft.name());
    c.objective = draft.objective().strip();
    c.kpi = draft.kpi().name();
    c.targetValue = draft.targetValue();
    c.startsOn = draft.startsOn();
    c.deadline = draft.deadline();
    c.ownerId = draft.ownerId() != null ? draft.ownerId() : owner;
    c.channelIds = json(draft.channelIds());
    c.tags = json(List.copyOf(new LinkedHashSet<>(draft.tags())));
    c.status = (draft.status() == null ? CampaignStatus.PLANNED : draft.status()).name();
    c.budgetId = draft.budgetId();
    c.updatedAt = now;
  }

  private static void requireFreeName(
      EntityManager em, String workspaceId, String name, String self) {
    byName(em, workspaceId, name)
        .filter(other -> !other.id.equals(self))
        .ifPresent(
            other -> {
              throw new ConflictException(
                  "the workspace already has a campaign named " + other.name);
            });
  }

  private static Optional<CampaignEntity> byName(
      EntityManager em, String workspaceId, String name) {
    return em.createQuery(
            "SELECT c FROM CampaignEntity c WHERE c.workspaceId = :ws AND c.nameKey = :key",
            CampaignEntity.class)
        .setParameter("ws", workspaceId)
        .setParameter("key", nameKey(name))
        .getResultStream()
        .findFirst();
  }

  private static String nameKey(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }

  private static CampaignEntity find(EntityManager em, String workspaceId, String campaignId) {
    CampaignEntity c =
        campaignId == null || !ID.matcher(campaignId).matches()
            ? null
            : em.find(CampaignEntity.class, campaignId);
    if (c == null || !c.workspaceId.equals(workspaceId)) {
      throw new NotFoundException("campaign", campaignId);
    }
    return c;
  }

  private static Campaign toCampaign(CampaignEntity c) {
    return new Campaign(
        c.id,
        c.workspaceId,
        c.name,
        c.objective,
        Kpi.valueOf(c.kpi),
        c.targetValue.stripTrailingZeros(),
        c.startsOn,
        c.deadline,
        c.ownerId,
        list(c.channelIds),
        list(c.tags),
        CampaignStatus.valueOf(c.status),
        c.budgetId,
        c.createdBy,
        c.createdAt,
        c.updatedAt,
        c.version);
  }

  static void requireText(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      throw new ValidationException(field, field + " is required");
    }
    if (value.strip().length() > max) {
      throw new ValidationException(field, field + " has at most " + max + " characters");
    }
  }

  static String json(List<String> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings is plain JSON", e);
    }
  }

  static List<String> list(String json) {
    try {
      return JSON.readValue(json, STRINGS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list column is not JSON: " + json, e);
    }
  }
}
