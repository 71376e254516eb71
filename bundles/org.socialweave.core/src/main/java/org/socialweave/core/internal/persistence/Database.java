package org.socialweave.core.internal.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.socialweave.api.health.HealthIndicator;
import org.socialweave.core.persistence.Migrations;
import org.socialweave.core.persistence.UnitOfWork;

/**
 * The core schema and its unit of work. Migrates the schema before it registers, so every service
 * that references it runs against an up-to-date database.
 */
@Component(service = {Database.class, HealthIndicator.class})
public class Database implements HealthIndicator {

  public static final String DATASOURCE_FILTER = "(osgi.jndi.service.name=socialweave)";
  public static final String UNIT_FILTER = "(osgi.unit.name=socialweave.core)";

  private final DataSource dataSource;
  private final UnitOfWork unitOfWork;

  @Activate
  public Database(
      @Reference(target = DATASOURCE_FILTER) DataSource dataSource,
      @Reference(target = UNIT_FILTER) EntityManagerFactory emf) {
    this.dataSource = dataSource;
    this.unitOfWork = new UnitOfWork(emf);
    migrate(dataSource);
  }

  /** Applies this bundle's versioned migrations; a no-op when the schema is current. */
  static void migrate(DataSource dataSource) {
    Migrations.apply(dataSource, Database.class.getClassLoader(), "core");
  }

  /** Runs {@code work} in one transaction and maps constraint and version clashes to API errors. */
  public <T> T inTransaction(Function<EntityManager, T> work) {
    return unitOfWork.inTransaction(work);
  }

  /** Runs read-only {@code work} without a transaction of its own. */
  public <T> T read(Function<EntityManager, T> work) {
    return unitOfWork.read(work);
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
