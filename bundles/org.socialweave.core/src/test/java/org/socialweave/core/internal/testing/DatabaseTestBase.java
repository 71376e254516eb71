package org.socialweave.core.internal.testing;

import java.util.UUID;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.AfterParam;
import org.junit.runners.Parameterized.BeforeParam;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;
import org.socialweave.core.internal.persistence.Database;

/**
 * Runs a test class once per selected {@link Backend}, each time on a fresh migrated schema that is
 * shared by the tests of that class and thrown away afterwards. Tests therefore use unique names
 * ({@link #unique}) instead of relying on an empty database.
 */
@RunWith(Parameterized.class)
public abstract class DatabaseTestBase {

  protected static TestDatabase testDb;

  @Parameter public Backend backend;

  @Parameters(name = "{0}")
  public static Iterable<Backend> backends() {
    return Backend.selected();
  }

  @BeforeParam
  public static void openDatabase(Backend backend) {
    testDb = TestDatabase.open(backend);
  }

  @AfterParam
  public static void closeDatabase() {
    if (testDb != null) {
      testDb.close();
      testDb = null;
    }
  }

  protected static Database db() {
    return testDb.database();
  }

  /** A lower-case name that no other test of the class uses. */
  protected static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }
}
