package org.socialweave.core.internal.identity;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.persistence.EntityManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.socialweave.api.Membership;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.PreconditionFailedException;
import org.socialweave.api.security.Role;
import org.socialweave.core.internal.Validation;
import org.socialweave.core.internal.persistence.Database;
import org.socialweave.core.internal.persistence.MembershipEntity;
import org.socialweave.core.internal.persistence.UserEntity;
import org.socialweave.core.internal.persistence.WorkspaceEntity;
import org.socialweave.core.persistence.Ids;
import org.socialweave.core.persistence.Paging;

@Component
public class WorkspaceServiceImpl implements WorkspaceService {

  private final Database db;
  private final Clock clock;

  @Activate
  public WorkspaceServiceImpl(@Reference Database db) {
    this(db, Clock.systemUTC());
  }

  public WorkspaceServiceImpl(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public Workspace create(String slug, String name, String timeZone) {
    WorkspaceEntity ws = new WorkspaceEntity();
    ws.id = Ids.next();
    ws.slug = Validation.slug(slug);
    ws.name = Validation.text("name", name, 200);
    ws.timeZone = Validation.timeZone(timeZone);
    ws.createdAt = clock.instant();
    return db.inTransaction(
        em -> {
          em.persist(ws);
          em.flush();
          return ws.toRecord();
        });
  }

  @Override
  public Optional<Workspace> find(String idOrSlug) {
    return db.read(em -> Optional.ofNullable(lookup(em, idOrSlug)).map(WorkspaceEntity::toRecord));
  }

  @Override
  public Page<Workspace> list(PageRequest page) {
    return db.read(
        em ->
            Paging.page(
                em.createQuery(
                    "SELECT w FROM WorkspaceEntity w WHERE w.id > :after ORDER BY w.id",
                    WorkspaceEntity.class),
                page,
                w -> w.id,
                WorkspaceEntity::toRecord));
  }

  @Override
  public Page<Workspace> listFor(String userId, PageRequest page) {
    return db.read(
        em -> {
          UserEntity user = UserServiceImpl.required(em, userId);
          if (user.systemAdmin) {
            return list(page);
          }
          return Paging.page(
              em.createQuery(
                      "SELECT w FROM WorkspaceEntity w, MembershipEntity m WHERE m.workspaceId = w.id"
                          + " AND m.userId = :user AND w.id > :after ORDER BY w.id",
                      WorkspaceEntity.class)
                  .setParameter("user", user.id),
              page,
              w -> w.id,
              WorkspaceEntity::toRecord);
        });
  }

  @Override
  public Workspace update(String id, String name, String timeZone, long expectedVersion) {
    String validName = Validation.text("name", name, 200);
    String validZone = Validation.timeZone(timeZone);
    return db.inTransaction(
        em -> {
          WorkspaceEntity ws = required(em, id);
          if (ws.version != expectedVersion) {
            throw new PreconditionFailedException(
                "workspace " + id + " is at version " + ws.version + ", not " + expectedVersion);
          }
          ws.name = validName;
          ws.timeZone = validZone;
          em.flush();
          return ws.toRecord();
        });
  }

  @Override
  public Membership grant(String workspaceId, String userId, Role role) {
    Validation.required("role", role == null ? null : role.name());
    return db.inTransaction(
        em -> {
          WorkspaceEntity ws = required(em, workspaceId);
          UserEntity user = UserServiceImpl.required(em, userId);
          MembershipEntity m = membership(em, ws.id, user.id);
          if (m == null) {
            m = new MembershipEntity();
            m.id = Ids.next();
            m.workspaceId = ws.id;
            m.userId = user.id;
            m.grantedAt = clock.instant();
            m.role = role.name();
            em.persist(m);
          } else {
            m.role = role.name();
          }
          em.flush();
          return new Membership(ws.id, user.id, user.username, role, m.grantedAt);
        });
  }

  @Override
  public void revoke(String workspaceId, String userId) {
    db.inTransaction(
        em -> {
          WorkspaceEntity ws = required(em, workspaceId);
          UserEntity user = UserServiceImpl.required(em, userId);
          MembershipEntity m = membership(em, ws.id, user.id);
          if (m == null) {
            throw new NotFoundException("membership of " + user.username + " in", ws.slug);
          }
          em.remove(m);
          return null;
        });
  }

  @Override
  public Page<Membership> members(String workspaceId, PageRequest page) {
    return db.read(
        em -> {
          WorkspaceEntity ws = required(em, workspaceId);
          return Paging.page(
              em.createQuery(
                      "SELECT m, u.username FROM MembershipEntity m, UserEntity u WHERE m.userId ="
                          + " u.id AND m.workspaceId = :ws AND m.id > :after ORDER BY m.id",
                      Object[].class)
                  .setParameter("ws", ws.id),
              page,
              row -> ((MembershipEntity) row[0]).id,
              row -> {
                MembershipEntity m = (MembershipEntity) row[0];
                return new Membership(
                    m.workspaceId, m.userId, (String) row[1], Role.valueOf(m.role), m.grantedAt);
              });
        });
  }

  @Override
  public Map<String, Role> rolesOf(String userId) {
    return db.read(
        em ->
            em.createQuery(
                    "SELECT m FROM MembershipEntity m WHERE m.userId = :user",
                    MembershipEntity.class)
                .setParameter("user", userId)
                .getResultStream()
                .collect(Collectors.toMap(m -> m.workspaceId, m -> Role.valueOf(m.role))));
  }

  static MembershipEntity membership(EntityManager em, String workspaceId, String userId) {
    return em.createQuery(
            "SELECT m FROM MembershipEntity m WHERE m.workspaceId = :ws AND m.userId = :user",
            MembershipEntity.class)
        .setParameter("ws", workspaceId)
        .setParameter("user", userId)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }

  static WorkspaceEntity lookup(EntityManager em, String idOrSlug) {
    if (idOrSlug == null) {
      return null;
    }
    WorkspaceEntity byId = em.find(WorkspaceEntity.class, idOrSlug);
    if (byId != null) {
      return byId;
    }
    return em.createQuery(
            "SELECT w FROM WorkspaceEntity w WHERE w.slug = :slug", WorkspaceEntity.class)
        .setParameter("slug", idOrSlug)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }

  static WorkspaceEntity required(EntityManager em, String idOrSlug) {
    WorkspaceEntity ws = lookup(em, idOrSlug);
    if (ws == null) {
      throw new NotFoundException("workspace", idOrSlug);
    }
    return ws;
  }
}
