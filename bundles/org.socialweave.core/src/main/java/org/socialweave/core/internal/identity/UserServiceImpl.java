package org.socialweave.core.internal.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.socialweave.api.AuthenticationResult;
import org.socialweave.api.AuthenticationResult.Outcome;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.User;
import org.socialweave.api.UserService;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.PreconditionFailedException;
import org.socialweave.core.internal.Validation;
import org.socialweave.core.internal.persistence.Database;
import org.socialweave.core.internal.persistence.UserEntity;
import org.socialweave.core.internal.security.PasswordHasher;
import org.socialweave.core.internal.security.SecurityConfig;
import org.socialweave.core.persistence.Ids;
import org.socialweave.core.persistence.Paging;

@Component(configurationPid = "org.socialweave.security")
@Designate(ocd = SecurityConfig.class)
public class UserServiceImpl implements UserService {

  /** Verified against when the user does not exist, so timing does not reveal usernames. */
  private final String decoyHash;

  private final Database db;
  private final PasswordHasher hasher;
  private final SecurityConfig config;
  private final Clock clock;

  @Activate
  public UserServiceImpl(@Reference Database db, SecurityConfig config) {
    this(db, config, Clock.systemUTC());
  }

  public UserServiceImpl(Database db, SecurityConfig config, Clock clock) {
    this.db = db;
    this.config = config;
    this.clock = clock;
    this.hasher =
        new PasswordHasher(
            config.argon2MemoryKiB(), config.argon2Iterations(), config.argon2Parallelism());
    this.decoyHash = hasher.hash("decoy-password-never-matches".toCharArray());
  }

  @Override
  public User create(
      String username, String displayName, String email, char[] password, boolean admin) {
    UserEntity user = new UserEntity();
    user.id = Ids.next();
    user.username = Validation.username(normalize(username));
    user.displayName =
        displayName == null || displayName.isBlank()
            ? user.username
            : Validation.text("displayName", displayName, 200);
    user.email = Validation.email(email);
    user.passwordHash = hasher.hash(Validation.password(password, config.minPasswordLength()));
    user.systemAdmin = admin;
    user.createdAt = clock.instant();
    return db.inTransaction(
        em -> {
          em.persist(user);
          em.flush();
          return user.toRecord();
        });
  }

  @Override
  public Optional<User> find(String idOrUsername) {
    return db.read(em -> Optional.ofNullable(lookup(em, idOrUsername)).map(UserEntity::toRecord));
  }

  @Override
  public Page<User> list(PageRequest page) {
    return db.read(
        em ->
            Paging.page(
                em.createQuery(
                    "SELECT u FROM UserEntity u WHERE u.id > :after ORDER BY u.id",
                    UserEntity.class),
                page,
                u -> u.id,
                UserEntity::toRecord));
  }

  @Override
  public User update(String id, String displayName, String email, long expectedVersion) {
    return db.inTransaction(
        em -> {
          UserEntity user = required(em, id);
          if (user.version != expectedVersion) {
            throw new PreconditionFailedException(
                "user " + id + " is at version " + user.version + ", not " + expectedVersion);
          }
          user.displayName = Validation.text("displayName", displayName, 200);
          user.email = Validation.email(email);
          em.flush();
          return user.toRecord();
        });
  }

  @Override
  public void changePassword(String id, char[] newPassword) {
    String hash = hasher.hash(Validation.password(newPassword, config.minPasswordLength()));
    db.inTransaction(
        em -> {
          UserEntity user = required(em, id);
          user.passwordHash = hash;
          user.failedLogins = 0;
          user.lockedUntil = null;
          return null;
        });
  }

  @Override
  public void setDisabled(String id, boolean disabled) {
    db.inTransaction(
        em -> {
          UserEntity user = required(em, id);
          user.disabled = disabled;
          if (disabled) {
            // A disabled user is logged out everywhere at once; tokens fail on their next use.
            em.createQuery("DELETE FROM SessionEntity s WHERE s.userId = :user")
                .setParameter("user", user.id)
                .executeUpdate();
          }
          return null;
        });
  }

  @Override
  public AuthenticationResult authenticate(String username, char[] password, String source) {
    if (username == null || password == null) {
      return new AuthenticationResult(Outcome.INVALID_CREDENTIALS, null, null);
    }
    String name = normalize(username);
    UserEntity candidate = db.read(em -> byUsername(em, name));
    if (candidate == null) {
      hasher.verify(password, decoyHash);
      return new AuthenticationResult(Outcome.INVALID_CREDENTIALS, null, null);
    }
    Instant now = clock.instant();
    if (candidate.lockedUntil != null && now.isBefore(candidate.lockedUntil)) {
      return new AuthenticationResult(Outcome.LOCKED, null, candidate.lockedUntil);
    }
    boolean matches = hasher.verify(password, candidate.passwordHash);
    String rehash =
        matches && hasher.needsRehash(candidate.passwordHash) ? hasher.hash(password) : null;
    return db.inTransaction(
        em -> {
          UserEntity user = em.find(UserEntity.class, candidate.id, LockModeType.PESSIMISTIC_WRITE);
          if (!matches) {
            user.failedLogins++;
            if (user.failedLogins >= config.maxFailedLogins()) {
              user.lockedUntil = now.plus(Duration.ofMinutes(config.lockoutMinutes()));
              user.failedLogins = 0;
              return new AuthenticationResult(Outcome.LOCKED, null, user.lockedUntil);
            }
            return new AuthenticationResult(Outcome.INVALID_CREDENTIALS, null, null);
          }
          if (user.disabled) {
            return new AuthenticationResult(Outcome.DISABLED, null, null);
          }
          user.failedLogins = 0;
          user.lockedUntil = null;
          if (rehash != null) {
            user.passwordHash = rehash;
          }
          em.flush();
          return new AuthenticationResult(Outcome.SUCCESS, user.toRecord(), null);
        });
  }

  static String normalize(String username) {
    return username == null ? null : username.strip().toLowerCase(Locale.ROOT);
  }

  static UserEntity lookup(EntityManager em, String idOrUsername) {
    if (idOrUsername == null) {
      return null;
    }
    UserEntity byId = em.find(UserEntity.class, idOrUsername);
    return byId != null ? byId : byUsername(em, normalize(idOrUsername));
  }

  private static UserEntity byUsername(EntityManager em, String username) {
    return em.createQuery("SELECT u FROM UserEntity u WHERE u.username = :name", UserEntity.class)
        .setParameter("name", username)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }

  static UserEntity required(EntityManager em, String idOrUsername) {
    UserEntity user = lookup(em, idOrUsername);
    if (user == null) {
      throw new NotFoundException("user", idOrUsername);
    }
    return user;
  }
}
