package org.socialweave.core.persistence;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a bundle's versioned schema migrations with the Flyway embedded in the core bundle. Each
 * bundle keeps its scripts under {@code db/migration/<module>} and its own history table {@code
 * sw_schema_history_<module>}, so bundles evolve their tables independently.
 */
public final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  /**
   * @param scripts the class loader of the bundle that owns the scripts; Flyway finds the bundle
   *     from the resource URLs it answers
   * @param module lower-case letters, e.g. {@code channels}
   */
  public static void apply(DataSource dataSource, ClassLoader scripts, String module) {
    if (module == null || !module.matches("[a-z][a-z0-9_]{0,30}")) {
      throw new IllegalArgumentException("not a module name: " + module);
    }
    MigrateResult result =
        Flyway.configure(scripts)
            .dataSource(dataSource)
            .locations("classpath:db/migration/" + module)
            .table("sw_schema_history_" + module)
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load()
            .migrate();
    LOG.info(
        "Schema {} at version {} ({} migrations applied)",
        module,
        result.targetSchemaVersion,
        result.migrationsExecuted);
  }
}
