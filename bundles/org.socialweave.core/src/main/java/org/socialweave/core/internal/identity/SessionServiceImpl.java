package org.socialweave.core.internal.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.socialweave.api.SessionService;
import org.socialweave.api.User;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.security.Caller;
import org.socialweave.core.internal.Secrets;
import org.socialweave.core.internal.persistence.Database;
import org.socialweave.core.internal.persistence.SessionEntity;
import org.socialweave.core.internal.persistence.UserEntity;
import org.socialweave.core.internal.security.SecurityConfig;

/**
 * Browser sessions kept in the database, so any node of a cluster can serve them. Only the SHA-256
 * of the cookie value is stored; a database dump cannot be replayed as cookies.
 */
@Component(configurationPid = "org.socialweave.security")
public class SessionServiceImpl implements SessionService {

  private final Database db;
  private final WorkspaceService workspaces;
  private final Duration ttl;
  private final Clock clock;

  @Activate
  public SessionServiceImpl(
      @Reference Database db, @Reference WorkspaceService workspaces, SecurityConfig config) {
    this(db, workspaces, Duration.ofMinutes(config.sessionTtlMinutes()), Clock.systemUTC());
  }

  public SessionServiceImpl(Database db, WorkspaceService workspaces, Duration ttl, Clock clock) {
    this.db = db;
    this.workspaces = workspaces;
    this.ttl = ttl;
    this.clock = clock;
  }

  @Override
  public BrowserSession open(User user, String sourceAddress) {
    String id = Secrets.randomToken(32);
    SessionEntity session = new SessionEntity();
    session.idHash = Secrets.sha256Hex(id);
    session.userId = user.id();
    session.csrfToken = Secrets.randomToken(24);
    session.createdAt = clock.instant();
    session.expiresAt = session.createdAt.plus(ttl);
    db.inTransaction(
        em -> {
          em.createQuery("DELETE FROM SessionEntity s WHERE s.expiresAt < :now")
              .setParameter("now", session.createdAt)
              .executeUpdate();
          em.persist(session);
          return null;
        });
    return new BrowserSession(
        id, session.csrfToken, callerOf(user.id(), user.username(), user.systemAdmin()));
  }

  @Override
  public Optional<BrowserSession> find(String sessionId) {
    if (sessionId == null || sessionId.length() > 100) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return db.read(
        em -> {
          SessionEntity session = em.find(SessionEntity.class, Secrets.sha256Hex(sessionId));
          if (session == null || !now.isBefore(session.expiresAt)) {
            return Optional.empty();
          }
          UserEntity user = em.find(UserEntity.class, session.userId);
          if (user == null || user.disabled) {
            return Optional.empty();
          }
          return Optional.of(
              new BrowserSession(
                  sessionId,
                  session.csrfToken,
                  callerOf(user.id, user.username, user.systemAdmin)));
        });
  }

  private Caller callerOf(String userId, String username, boolean admin) {
    return new Caller(userId, username, admin, workspaces.rolesOf(userId), null);
  }

  @Override
  public void close(String sessionId) {
    if (sessionId == null) {
      return;
    }
    db.inTransaction(
        em ->
            em.createQuery("DELETE FROM SessionEntity s WHERE s.idHash = :hash")
                .setParameter("hash", Secrets.sha256Hex(sessionId))
                .executeUpdate());
  }
}
