package org.socialweave.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The distribution switched to PostgreSQL by configuration alone (the DataSource .cfg), with the
 * server that scripts/test.sh starts.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresIT extends ItestSupport {

  static final String DATASOURCE = "etc/org.ops4j.datasource-socialweave.cfg";

  @Configuration
  public Option[] config() {
    // scripts/test.sh drops and creates this database on every run, so the first-start admin is
    // created with the test password.
    String url = System.getProperty("socialweave.test.pg.itestUrl", "");
    if (url.isBlank()) {
      throw new IllegalStateException(
          "PostgresIT needs -Dsocialweave.test.pg.itestUrl, .user and .password: run scripts/test.sh");
    }
    List<Option> options = baseOptions();
    options.add(
        editConfigurationFilePut(DATASOURCE, "osgi.jdbc.driver.class", "org.postgresql.Driver"));
    options.add(editConfigurationFilePut(DATASOURCE, "url", url));
    options.add(
        editConfigurationFilePut(
            DATASOURCE, "user", System.getProperty("socialweave.test.pg.user")));
    options.add(
        editConfigurationFilePut(
            DATASOURCE, "password", System.getProperty("socialweave.test.pg.password")));
    return options.toArray(new Option[0]);
  }

  @Before
  public void ready() {
    awaitReady();
  }

  @Test
  public void runsOnPostgresql() {
    JsonNode health = get("/api/v1/health", Credentials.NONE).json();
    assertTrue(health.toString(), health.toString().contains("PostgreSQL"));
    Credentials admin = login("admin", ADMIN_PASSWORD);
    Reply created =
        json(
            "POST",
            "/api/v1/workspaces",
            admin,
            "{\"slug\":\"pg-brand\",\"name\":\"品牌 PG\",\"timeZone\":\"Asia/Shanghai\"}");
    assertEquals(created.toString(), 201, created.status());
    Reply read = get("/api/v1/workspaces/pg-brand", admin);
    assertEquals("品牌 PG", read.json().get("name").asText());
    Reply token =
        json(
            "POST",
            "/api/v1/workspaces/pg-brand/tokens",
            admin,
            "{\"name\":\"pg\",\"role\":\"VIEWER\"}");
    assertEquals(
        200,
        get("/api/v1/workspaces/pg-brand", Credentials.token(token.json().get("secret").asText()))
            .status());
    assertTrue(get("/api/v1/audit/verification", admin).json().get("intact").asBoolean());
  }
}
