package org.socialweave.core.internal.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.socialweave.api.ApiToken;
import org.socialweave.api.IssuedToken;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.TokenService;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Caller;
import org.socialweave.api.security.Role;
import org.socialweave.core.internal.Secrets;
import org.socialweave.core.internal.Validation;
import org.socialweave.core.internal.persistence.ApiTokenEntity;
import org.socialweave.core.internal.persistence.Database;
import org.socialweave.core.internal.persistence.MembershipEntity;
import org.socialweave.core.internal.persistence.UserEntity;
import org.socialweave.core.internal.persistence.WorkspaceEntity;
import org.socialweave.core.persistence.Ids;
import org.socialweave.core.persistence.Paging;

/**
 * API tokens: {@code swt_} + 256 random bits, stored as SHA-256 (the secret has full entropy, so a
 * slow KDF adds nothing). A token acts with its own role, and only while its owner still holds a
 * role in the workspace that grants at least as much.
 */
@Component
public class TokenServiceImpl implements TokenService {

  static final String PREFIX = "swt_";

  /** Writing last-used on every request would turn reads into writes; once a minute is enough. */
  private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

  private final Database db;
  private final Clock clock;

  @Activate
  public TokenServiceImpl(@Reference Database db) {
    this(db, Clock.systemUTC());
  }

  public TokenServiceImpl(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public IssuedToken issue(
      String workspaceId, String userId, String name, Role role, Instant expiresAt) {
    if (role == null) {
      throw new ValidationException("role", "role is required");
    }
    Instant now = clock.instant();
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw new ValidationException("expiresAt", "expiresAt must be in the future");
    }
    String secret = PREFIX + Secrets.randomToken(32);
    ApiTokenEntity token = new ApiTokenEntity();
    token.id = Ids.next();
    token.name = Validation.text("name", name, 100);
    token.role = role.name();
    token.prefix = secret.substring(0, 10);
    token.secretHash = Secrets.sha256Hex(secret);
    token.createdAt = now;
    token.expiresAt = expiresAt;
    return db.inTransaction(
        em -> {
          WorkspaceEntity ws = WorkspaceServiceImpl.required(em, workspaceId);
          UserEntity user = UserServiceImpl.required(em, userId);
          if (!covers(user, WorkspaceServiceImpl.membership(em, ws.id, user.id), role)) {
            throw new ValidationException(
                "role", "a token cannot hold more rights than its owner has in the workspace");
          }
          token.workspaceId = ws.id;
          token.userId = user.id;
          em.persist(token);
          em.flush();
          return new IssuedToken(token.toRecord(), secret);
        });
  }

  @Override
  public Optional<Caller> authenticate(String secret) {
    if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
      return Optional.empty();
    }
    String hash = Secrets.sha256Hex(secret);
    Instant now = clock.instant();
    // One round trip per request: the token, its owner and the owner's membership together.
    return db.read(
        em -> {
          Object[] row =
              em.createQuery(
                      "SELECT t, u, m FROM ApiTokenEntity t JOIN UserEntity u ON u.id = t.userId"
                          + " LEFT JOIN MembershipEntity m"
                          + " ON m.userId = t.userId AND m.workspaceId = t.workspaceId"
                          + " WHERE t.secretHash = :hash",
                      Object[].class)
                  .setParameter("hash", hash)
                  .getResultStream()
                  .findFirst()
                  .orElse(null);
          if (row == null) {
            return Optional.empty();
          }
          ApiTokenEntity token = (ApiTokenEntity) row[0];
          UserEntity user = (UserEntity) row[1];
          Role role = Role.valueOf(token.role);
          if (!token.toRecord().isActive(now)
              || user.disabled
              || !covers(user, (MembershipEntity) row[2], role)) {
            return Optional.empty();
          }
          if (token.lastUsedAt == null
              || token.lastUsedAt.plus(LAST_USED_GRANULARITY).isBefore(now)) {
            touch(token.id, now);
          }
          return Optional.of(
              new Caller(user.id, user.username, false, Map.of(token.workspaceId, role), token.id));
        });
  }

  private void touch(String tokenId, Instant now) {
    db.inTransaction(
        em ->
            em.createQuery("UPDATE ApiTokenEntity t SET t.lastUsedAt = :now WHERE t.id = :id")
                .setParameter("now", now)
                .setParameter("id", tokenId)
                .executeUpdate());
  }

  private static boolean covers(UserEntity user, MembershipEntity membership, Role wanted) {
    if (user.systemAdmin) {
      return true;
    }
    return membership != null
        && Role.valueOf(membership.role).permissions().containsAll(wanted.permissions());
  }

  @Override
  public Page<ApiToken> list(String workspaceId, PageRequest page) {
    return db.read(
        em ->
            Paging.page(
                em.createQuery(
                        "SELECT t FROM ApiTokenEntity t WHERE t.workspaceId = :ws AND t.id > :after"
                            + " ORDER BY t.id",
                        ApiTokenEntity.class)
                    .setParameter("ws", WorkspaceServiceImpl.required(em, workspaceId).id),
                page,
                t -> t.id,
                ApiTokenEntity::toRecord));
  }

  @Override
  public Optional<ApiToken> find(String tokenId) {
    return db.read(
        em ->
            Optional.ofNullable(em.find(ApiTokenEntity.class, tokenId))
                .map(ApiTokenEntity::toRecord));
  }

  @Override
  public void revoke(String tokenId) {
    Instant now = clock.instant();
    db.inTransaction(
        em -> {
          ApiTokenEntity token = em.find(ApiTokenEntity.class, tokenId);
          if (token == null) {
            throw new NotFoundException("token", tokenId);
          }
          if (token.revokedAt == null) {
            token.revokedAt = now;
          }
          return null;
        });
  }
}
