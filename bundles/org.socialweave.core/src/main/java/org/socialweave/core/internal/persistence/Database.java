package org.socialweave.core.internal.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import javax.persistence.OptimisticLockException;
import javax.persistence.PersistenceException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.PreconditionFailedException;
import org.socialweave.api.error.SocialWeaveException;
import org.socialweave.api.health.HealthIndicator;

/**
 * The core schema and its unit of work. Migrates the schema before it registers, so every service
 * that references it runs against an up-to-date database.
 */
@Component(service = {Database.class, HealthIndicator.class})
public class Database implements HealthIndicator {

  public static final String DATASOURCE_FILTER = "(osgi.jndi.service.name=socialweave)";
  public static final String UNIT_FILTER = "(osgi.unit.name=socialweave.core)";

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final DataSource dataSource;
  private final EntityManagerFactory emf;

  @Activate
  public Database(
      @Reference(target = DATASOURCE_FILTER) DataSource dataSource,
      @Reference(target = UNIT_FILTER) EntityManagerFactory emf) {
    this.dataSource = dataSource;
    this.emf = emf;
    migrate(dataSource);
  }

  /** Applies this bundle's versioned migrations; a no-op when the schema is current. */
  static void migrate(DataSource dataSource) {
    var result =
        Flyway.configure(Database.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration/core")
            .table("sw_schema_history_core")
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load()
            .migrate();
    LOG.info(
        "Core schema at version {} ({} migrations applied)",
        result.targetSchemaVersion,
        result.migrationsExecuted);
  }

  /** Runs {@code work} in one transaction and maps constraint and version clashes to API errors. */
  public <T> T inTransaction(Function<EntityManager, T> work) {
    EntityManager em = emf.createEntityManager();
    EntityTransaction tx = em.getTransaction();
    try {
      tx.begin();
      T result = work.apply(em);
      tx.commit();
      return result;
    } catch (OptimisticLockException e) {
      throw new PreconditionFailedException("the record was changed by someone else; reload it");
    } catch (PersistenceException e) {
      throw translate(e);
    } finally {
      if (tx.isActive()) {
        tx.rollback();
      }
      em.close();
    }
  }

  /** Runs read-only {@code work} without a transaction of its own. */
  public <T> T read(Function<EntityManager, T> work) {
    EntityManager em = emf.createEntityManager();
    try {
      return work.apply(em);
    } finally {
      em.close();
    }
  }

  private static RuntimeException translate(PersistenceException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof OptimisticLockException) {
        return new PreconditionFailedException("the record was changed by someone else; reload it");
      }
      if (cause instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("23")) {
        return new ConflictException("a record with the same unique values already exists");
      }
      if (cause instanceof SocialWeaveException domain) {
        return domain;
      }
    }
    return e;
  }

  @Override
  public String name() {
    return "database";
  }

  @Override
  public HealthStatus check() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(2)
          ? HealthStatus.up(connection.getMetaData().getDatabaseProductName())
          : HealthStatus.down("connection is not valid");
    } catch (SQLException e) {
      return HealthStatus.down("cannot connect: " + e.getSQLState());
    }
  }
}
