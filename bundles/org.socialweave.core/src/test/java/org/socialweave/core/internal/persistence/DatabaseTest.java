package org.socialweave.core.internal.persistence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.flywaydb.core.Flyway;
import org.junit.Test;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.health.HealthIndicator.HealthStatus;
import org.socialweave.core.internal.testing.DatabaseTestBase;

public class DatabaseTest extends DatabaseTestBase {

  @Test
  public void migrationCreatedTheSchemaAndRunsOnlyOnce() {
    var info =
        Flyway.configure()
            .dataSource(testDb.dataSource())
            .locations("classpath:db/migration/core")
            .table("sw_schema_history_core")
            .load()
            .info();
    assertEquals("1", info.current().getVersion().getVersion());
    assertEquals(0, info.pending().length);
    long applied = testDb.count("\"sw_schema_history_core\"");
    Database.migrate(testDb.dataSource());
    assertEquals(applied, testDb.count("\"sw_schema_history_core\""));
    assertEquals(1L, testDb.count("sw_audit_head"));
  }

  @Test
  public void healthCheckReportsTheDatabase() {
    HealthStatus status = db().check();
    assertTrue(status.toString(), status.up());
    String product = status.detail().toLowerCase(java.util.Locale.ROOT);
    assertTrue(product, product.contains(backend.toString().equals("h2") ? "h2" : "postgres"));
  }

  @Test
  public void uniqueViolationBecomesAConflict() {
    db().inTransaction(
            em -> {
              IdempotencyEntity e = entity("same-key");
              em.persist(e);
              return null;
            });
    assertThrows(
        ConflictException.class,
        () ->
            db().inTransaction(
                    em -> {
                      em.persist(entity("same-key"));
                      return null;
                    }));
  }

  @Test
  public void domainExceptionsPassThroughAndRollBack() {
    assertThrows(
        NotFoundException.class,
        () ->
            db().inTransaction(
                    em -> {
                      em.persist(entity("rolled-back"));
                      em.flush();
                      throw new NotFoundException("thing", "x");
                    }));
    assertEquals(
        0L, testDb.value("SELECT COUNT(*) FROM sw_idempotency WHERE scope_key = 'rolled-back'"));
  }

  private static IdempotencyEntity entity(String key) {
    IdempotencyEntity e = new IdempotencyEntity();
    e.scopeKey = key;
    e.requestHash = "h";
    e.status = 200;
    e.createdAt = java.time.Instant.now();
    return e;
  }
}
