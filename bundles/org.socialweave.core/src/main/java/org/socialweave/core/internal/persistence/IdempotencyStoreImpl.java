package org.socialweave.core.internal.persistence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.socialweave.api.IdempotencyStore;
import org.socialweave.api.error.ConflictException;

/** Stored responses for {@code Idempotency-Key}, kept for 24 hours. */
@Component
public class IdempotencyStoreImpl implements IdempotencyStore {

  static final Duration RETENTION = Duration.ofHours(24);

  private final Database db;
  private final Clock clock;

  @Activate
  public IdempotencyStoreImpl(@Reference Database db) {
    this(db, Clock.systemUTC());
  }

  public IdempotencyStoreImpl(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public Optional<StoredResponse> find(String scopeKey) {
    Instant oldest = clock.instant().minus(RETENTION);
    return db.read(
        em ->
            Optional.ofNullable(em.find(IdempotencyEntity.class, scopeKey))
                .filter(e -> e.createdAt.isAfter(oldest))
                .map(
                    e ->
                        new StoredResponse(
                            e.scopeKey, e.requestHash, e.status, e.location, e.body)));
  }

  @Override
  public boolean save(StoredResponse response) {
    Instant now = clock.instant();
    try {
      db.inTransaction(
          em -> {
            em.createQuery("DELETE FROM IdempotencyEntity e WHERE e.createdAt < :oldest")
                .setParameter("oldest", now.minus(RETENTION))
                .executeUpdate();
            IdempotencyEntity e = new IdempotencyEntity();
            e.scopeKey = response.scopeKey();
            e.requestHash = response.requestHash();
            e.status = response.status();
            e.location = response.location();
            e.body = response.body();
            e.createdAt = now;
            em.persist(e);
            return null;
          });
      return true;
    } catch (ConflictException e) {
      return false;
    }
  }
}
