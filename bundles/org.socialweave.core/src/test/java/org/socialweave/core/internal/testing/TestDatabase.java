package org.socialweave.core.internal.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.socialweave.core.internal.persistence.Database;

/**
 * A fresh, empty schema on a real database, migrated by {@link Database} exactly as in Karaf, and
 * the {@code socialweave.core} persistence unit bootstrapped on it outside OSGi.
 *
 * <p>H2: a private in-memory database. PostgreSQL: a new schema in the database named by {@code
 * socialweave.test.pg.url}, dropped again by {@link #close()}.
 */
public final class TestDatabase implements AutoCloseable {

  public static final String PG_URL = "socialweave.test.pg.url";
  public static final String PG_USER = "socialweave.test.pg.user";
  public static final String PG_PASSWORD = "socialweave.test.pg.password";

  private final Backend backend;
  private final DataSource dataSource;
  private final String pgSchema;
  private EntityManagerFactory emf;
  private Database database;

  private TestDatabase(Backend backend, DataSource dataSource, String pgSchema) {
    this.backend = backend;
    this.dataSource = dataSource;
    this.pgSchema = pgSchema;
  }

  public static TestDatabase open(Backend backend) {
    String name = "sw_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    TestDatabase db =
        switch (backend) {
          case H2 -> new TestDatabase(backend, h2(name), null);
          case POSTGRESQL -> new TestDatabase(backend, postgres(name), name);
        };
    try {
      db.emf =
          Persistence.createEntityManagerFactory(
              "socialweave.core",
              Map.of(
                  "javax.persistence.nonJtaDataSource",
                  db.dataSource,
                  // Tests provoke constraint violations on purpose; EclipseLink logs them at
                  // WARNING.
                  "eclipselink.logging.level",
                  "SEVERE"));
      db.database = new Database(db.dataSource, db.emf);
      return db;
    } catch (RuntimeException | Error e) {
      db.close();
      throw e;
    }
  }

  private static DataSource h2(String name) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    return ds;
  }

  private static DataSource postgres(String schema) {
    String url = System.getProperty(PG_URL, "");
    if (url.isBlank()) {
      throw new AssertionError(
          "The PostgreSQL variant of the core tests needs a server: run scripts/test.sh, which"
              + " starts a throwaway one (scripts/postgres.sh) and passes -D"
              + PG_URL
              + ", -D"
              + PG_USER
              + " and -D"
              + PG_PASSWORD
              + " to Maven.");
    }
    String user = System.getProperty(PG_USER, "");
    String password = System.getProperty(PG_PASSWORD, "");
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new AssertionError(
          "cannot create a test schema on " + url + " as '" + user + "': " + e.getMessage(), e);
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    ds.setUser(user);
    ds.setPassword(password);
    ds.setCurrentSchema(schema);
    return ds;
  }

  public Backend backend() {
    return backend;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Database database() {
    return database;
  }

  /** Runs one statement with plain JDBC, bypassing JPA; returns the update count. */
  public int update(String sql, Object... params) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** The first column of every row of a query, read with plain JDBC. */
  public List<Object> column(String sql, Object... params) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      List<Object> values = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          values.add(rs.getObject(1));
        }
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** The single value a query returns. */
  public Object value(String sql, Object... params) {
    List<Object> values = column(sql, params);
    if (values.size() != 1) {
      throw new IllegalStateException(sql + " returned " + values.size() + " rows");
    }
    return values.get(0);
  }

  public long count(String table) {
    return ((Number) value("SELECT COUNT(*) FROM " + table)).longValue();
  }

  @Override
  public void close() {
    if (emf != null && emf.isOpen()) {
      emf.close();
    }
    switch (backend) {
      case H2 -> update("SHUTDOWN");
      case POSTGRESQL -> dropSchema();
    }
  }

  private void dropSchema() {
    String url = System.getProperty(PG_URL);
    try (Connection c =
            DriverManager.getConnection(
                url, System.getProperty(PG_USER, ""), System.getProperty(PG_PASSWORD, ""));
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + pgSchema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test schema " + pgSchema, e);
    }
  }

  @Override
  public String toString() {
    return backend.name().toLowerCase(Locale.ROOT) + (pgSchema == null ? "" : ":" + pgSchema);
  }
}
