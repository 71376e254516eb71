package org.socialweave.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.socialweave.api.IssuedToken;
import org.socialweave.api.PageRequest;
import org.socialweave.api.TokenService;
import org.socialweave.api.User;
import org.socialweave.api.UserService;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.Role;

/**
 * The REST API as integrators and the browser use it: authentication, the permission of every
 * endpoint for every role, errors, concurrency control, idempotency and hostile input.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RestApiIT extends ItestSupport {

  @Inject
  @Filter(timeout = 120_000)
  UserService users;

  @Inject
  @Filter(timeout = 120_000)
  WorkspaceService workspaces;

  @Inject
  @Filter(timeout = 120_000)
  TokenService tokens;

  @Inject
  @Filter(timeout = 120_000)
  AuditLog audit;

  @Configuration
  public Option[] config() {
    List<Option> options = baseOptions();
    // The RBAC walk logs in many times from one address.
    options.add(
        org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut(
            "etc/org.socialweave.rest.cfg", "loginAttemptsPerMinute", "10000"));
    return options.toArray(new Option[0]);
  }

  private Credentials admin;

  @Before
  public void ready() {
    awaitReady();
    admin = login("admin", ADMIN_PASSWORD);
  }

  private static String unique(String prefix) {
    return prefix + Long.toString(System.nanoTime(), 36);
  }

  private Workspace newWorkspace() {
    return workspaces.create(unique("ws-"), "Workspace 工作区", "Asia/Shanghai");
  }

  private User newUser() {
    return users.create(unique("user-"), null, null, "a-long-password-1".toCharArray(), false);
  }

  // ------------------------------------------------------------------ basics

  @Test
  public void healthReportsTheDatabaseAndLivenessNeedsNoLogin() {
    Reply health = get("/api/v1/health", Credentials.NONE);
    assertEquals(200, health.status());
    assertEquals("UP", health.json().get("status").asText());
    boolean database = false;
    for (JsonNode check : health.json().get("checks")) {
      database |= check.get("name").asText().equals("database") && check.get("up").asBoolean();
    }
    assertTrue("database check in " + health, database);
    assertEquals(200, get("/api/v1/health/live", Credentials.NONE).status());
  }

  @Test
  public void openApiDocumentListsEveryEndpointWithItsPermissionAndSwaggerUiServesIt() {
    Reply doc = get("/api/v1/openapi.json", Credentials.NONE);
    assertEquals(200, doc.status());
    JsonNode paths = doc.json().get("paths");
    assertTrue(paths.has("/workspaces/{workspaceId}/tokens"));
    assertEquals(
        "TOKEN_MANAGE",
        paths
            .get("/workspaces/{workspaceId}/tokens")
            .get("post")
            .get("x-required-permission")
            .asText());
    Reply ui = get("/api/docs/index.html", Credentials.NONE);
    assertEquals(200, ui.status());
    assertTrue(ui.body().contains("swagger"));
    Reply initializer = get("/api/docs/swagger-initializer.js", Credentials.NONE);
    assertTrue(initializer.body().contains("/api/v1/openapi.json"));
  }

  @Test
  public void sessionCookieIsHttpOnlyStrictAndStateChangesNeedTheCsrfToken() {
    Reply login =
        json(
            "POST",
            "/api/v1/session",
            Credentials.NONE,
            "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
    String cookie = login.header("Set-Cookie");
    assertTrue(cookie, cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    Credentials noCsrf = new Credentials(null, admin.cookie(), null);
    Reply refused =
        json(
            "POST",
            "/api/v1/workspaces",
            noCsrf,
            "{\"slug\":\"" + unique("csrf-") + "\",\"name\":\"x\"}");
    assertEquals(403, refused.status());
    assertEquals("urn:socialweave:problem:csrf", refused.json().get("type").asText());
    Reply wrong =
        json(
            "POST",
            "/api/v1/workspaces",
            new Credentials(null, admin.cookie(), "forged"),
            "{\"slug\":\"" + unique("csrf-") + "\",\"name\":\"x\"}");
    assertEquals(403, wrong.status());
    Reply created =
        json(
            "POST",
            "/api/v1/workspaces",
            admin,
            "{\"slug\":\"" + unique("csrf-") + "\",\"name\":\"x\"}");
    assertEquals(created.toString(), 201, created.status());
    assertEquals(200, get("/api/v1/session", admin).status());
  }

  @Test
  public void logoutEndsTheSession() {
    Credentials session = login("admin", ADMIN_PASSWORD);
    assertEquals(204, send("DELETE", "/api/v1/session", session, null, null).status());
    assertEquals(401, get("/api/v1/users/me", session).status());
  }

  @Test
  public void wrongPasswordsLockTheAccountWithoutSayingWhichPartWasWrong() {
    User user = newUser();
    for (int i = 0; i < 5; i++) {
      Reply reply =
          json(
              "POST",
              "/api/v1/session",
              Credentials.NONE,
              "{\"username\":\""
                  + user.username()
                  + "\",\"password\":\"wrong-password-"
                  + i
                  + "\"}");
      assertEquals(401, reply.status());
      assertEquals(
          "urn:socialweave:problem:invalid-credentials", reply.json().get("type").asText());
    }
    Reply locked =
        json(
            "POST",
            "/api/v1/session",
            Credentials.NONE,
            "{\"username\":\"" + user.username() + "\",\"password\":\"a-long-password-1\"}");
    assertEquals("the right password is refused while locked", 401, locked.status());
  }

  @Test
  public void theJaasRealmThatSshUsesChecksTheUsersTable() throws Exception {
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(getClass().getClassLoader());
    try {
      javax.security.auth.login.LoginContext ok =
          new javax.security.auth.login.LoginContext("karaf", callbacks("admin", ADMIN_PASSWORD));
      ok.login();
      List<String> roles = new ArrayList<>();
      ok.getSubject()
          .getPrincipals()
          .forEach(p -> roles.add(p.getClass().getSimpleName() + ":" + p.getName()));
      assertTrue(roles.toString(), roles.contains("RolePrincipal:ssh"));
      assertTrue(roles.toString(), roles.contains("RolePrincipal:admin"));
      javax.security.auth.login.LoginContext bad =
          new javax.security.auth.login.LoginContext(
              "karaf", callbacks("admin", "not-the-password"));
      try {
        bad.login();
        throw new AssertionError("a wrong password logged in");
      } catch (javax.security.auth.login.LoginException expected) {
        // refused, as it should be
      }
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  private static javax.security.auth.callback.CallbackHandler callbacks(
      String user, String password) {
    return cbs -> {
      for (var cb : cbs) {
        if (cb instanceof javax.security.auth.callback.NameCallback n) {
          n.setName(user);
        } else if (cb instanceof javax.security.auth.callback.PasswordCallback p) {
          p.setPassword(password.toCharArray());
        }
      }
    };
  }

  // ------------------------------------------------------------------ tokens

  @Test
  public void tokensAreShownOnceWorkUntilRevokedAndForgedOrExpiredOnesAreRefused() {
    Workspace ws = newWorkspace();
    Reply created =
        json(
            "POST",
            "/api/v1/workspaces/" + ws.id() + "/tokens",
            admin,
            "{\"name\":\"ci\",\"role\":\"EDITOR\"}");
    assertEquals(created.toString(), 201, created.status());
    String secret = created.json().get("secret").asText();
    String id = created.json().get("token").get("id").asText();
    Credentials token = Credentials.token(secret);
    assertEquals(200, get("/api/v1/workspaces/" + ws.id(), token).status());
    Reply listed = get("/api/v1/workspaces/" + ws.id() + "/tokens", admin);
    assertFalse("secret never listed", listed.body().contains(secret));
    assertEquals(
        204,
        send("DELETE", "/api/v1/workspaces/" + ws.id() + "/tokens/" + id, admin, null, null)
            .status());
    assertEquals(401, get("/api/v1/workspaces/" + ws.id(), token).status());

    assertEquals(
        401,
        get("/api/v1/workspaces/" + ws.id(), Credentials.token("swt_forged-token-value")).status());
    assertEquals(
        401,
        send(
                "GET",
                "/api/v1/workspaces",
                Credentials.NONE,
                null,
                null,
                "Authorization",
                "Basic YWRtaW46eA==")
            .status());

    IssuedToken shortLived =
        tokens.issue(
            ws.id(),
            users.find("admin").orElseThrow().id(),
            "short",
            Role.VIEWER,
            Instant.now().plusSeconds(1));
    Credentials expiring = Credentials.token(shortLived.secret());
    await(
        "the token to expire",
        Duration.ofSeconds(10),
        () -> get("/api/v1/workspaces/" + ws.id(), expiring).status() == 401);
  }

  @Test
  public void aTokenSeesOnlyItsOwnWorkspace() {
    Workspace mine = newWorkspace();
    Workspace other = newWorkspace();
    User owner = newUser();
    workspaces.grant(mine.id(), owner.id(), Role.ADMIN);
    workspaces.grant(other.id(), owner.id(), Role.ADMIN);
    Credentials token =
        Credentials.token(tokens.issue(mine.id(), owner.id(), "t", Role.ADMIN, null).secret());
    assertEquals(403, get("/api/v1/workspaces/" + other.id(), token).status());
    JsonNode listed = get("/api/v1/workspaces", token).json().get("items");
    assertEquals(1, listed.size());
    assertEquals(mine.id(), listed.get(0).get("id").asText());
  }

  // ------------------------------------------------------------------ RBAC matrix

  /** One endpoint of the OpenAPI document and the permission it declares. */
  private record Endpoint(String method, String template, Permission permission) {}

  private List<Endpoint> endpoints() {
    List<Endpoint> all = new ArrayList<>();
    JsonNode paths = get("/api/v1/openapi.json", Credentials.NONE).json().get("paths");
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        JsonNode permission = op.getValue().get("x-required-permission");
        assertNotNull(op.getKey() + " " + path.getKey() + " declares no permission", permission);
        all.add(
            new Endpoint(
                op.getKey().toUpperCase(), path.getKey(), Permission.valueOf(permission.asText())));
      }
    }
    // Logging out would end the admin session in the middle of the walk.
    all.sort((a, b) -> Boolean.compare(isLogout(a), isLogout(b)));
    return all;
  }

  private static boolean isLogout(Endpoint e) {
    return e.method().equals("DELETE") && e.template().equals("/session");
  }

  @Test
  public void everyEndpointAllowsExactlyTheRolesItsPermissionNames() {
    Workspace ws = newWorkspace();
    User victim = newUser();
    workspaces.grant(ws.id(), victim.id(), Role.VIEWER);
    String victimToken =
        tokens.issue(ws.id(), victim.id(), "victim", Role.VIEWER, null).token().id();

    Map<Role, Credentials> byRole = new EnumMap<>(Role.class);
    Map<Role, String> userOfRole = new EnumMap<>(Role.class);
    for (Role role : Role.values()) {
      User member = newUser();
      workspaces.grant(ws.id(), member.id(), role);
      byRole.put(
          role,
          Credentials.token(tokens.issue(ws.id(), member.id(), role.name(), role, null).secret()));
      userOfRole.put(role, member.id());
    }
    List<String> failures = new ArrayList<>();
    List<Endpoint> endpoints = endpoints();
    assertTrue("the walk covers the API", endpoints.size() >= 20);
    for (Endpoint e : endpoints) {
      // Anonymous
      int anonymous = call(e, Credentials.NONE, ws, victim.id(), victim.id(), victimToken);
      boolean anonymousAllowed = e.permission() == Permission.PUBLIC;
      check(failures, e, "anonymous", anonymousAllowed, anonymous, 401);
      // Every workspace role through an API token
      for (Role role : Role.values()) {
        int status = call(e, byRole.get(role), ws, victim.id(), userOfRole.get(role), victimToken);
        boolean allowed =
            switch (e.permission().scope()) {
              case NONE -> true;
              case WORKSPACE -> role.grants(e.permission());
              case SYSTEM -> false;
            };
        // Passwords are changed by their owner in a browser session, never with an API token.
        if (e.template().endsWith("/password")) {
          allowed = false;
        }
        check(failures, e, "token " + role, allowed, status, 403);
      }
      // The node administrator in a browser session may do everything.
      int asAdmin =
          call(e, admin, ws, victim.id(), users.find("admin").orElseThrow().id(), victimToken);
      check(failures, e, "admin session", true, asAdmin, 403);
    }
    assertTrue(String.join("\n", failures), failures.isEmpty());
  }

  private static void check(
      List<String> failures,
      Endpoint e,
      String who,
      boolean allowed,
      int status,
      int deniedStatus) {
    boolean denied = status == 401 || status == 403;
    if (allowed == denied || (!allowed && status != deniedStatus)) {
      failures.add(
          e.method()
              + " "
              + e.template()
              + " as "
              + who
              + ": expected "
              + (allowed ? "allowed" : deniedStatus)
              + " but got "
              + status);
    }
    if (status >= 500) {
      failures.add(e.method() + " " + e.template() + " as " + who + ": server error " + status);
    }
  }

  /** Path parameters of plug-in resources (channels, ...): a record that does not exist. */
  private static final String OTHER_PATH_PARAMETER = "\\{[A-Za-z]+}";

  private int call(
      Endpoint e, Credentials who, Workspace ws, String victimId, String selfId, String tokenId) {
    String path =
        "/api/v1"
            + e.template()
                .replace("{workspaceId}", ws.id())
                .replace("{tokenId}", tokenId)
                .replace("{name}", "rbac-secret")
                .replace("{userId}", e.template().endsWith("/password") ? selfId : victimId)
                .replaceAll(OTHER_PATH_PARAMETER, "missing");
    return switch (e.method()) {
      case "GET", "DELETE" -> send(e.method(), path, who, null, null).status();
      default -> json(e.method(), path, who, "{}").status();
    };
  }

  // ------------------------------------------------------------------ errors and concurrency

  @Test
  public void updatesNeedTheCurrentEtag() {
    Workspace ws = newWorkspace();
    Reply read = get("/api/v1/workspaces/" + ws.id(), admin);
    String etag = read.header("ETag");
    assertNotNull(etag);
    String change = "{\"name\":\"Renamed 改名\",\"timeZone\":\"Europe/Berlin\"}";
    assertEquals(428, json("PUT", "/api/v1/workspaces/" + ws.id(), admin, change).status());
    Reply updated = json("PUT", "/api/v1/workspaces/" + ws.id(), admin, change, "If-Match", etag);
    assertEquals(updated.toString(), 200, updated.status());
    assertNotEquals(etag, updated.header("ETag"));
    Reply stale =
        json(
            "PUT",
            "/api/v1/workspaces/" + ws.id(),
            admin,
            "{\"name\":\"Lost update\",\"timeZone\":\"UTC\"}",
            "If-Match",
            etag);
    assertEquals(412, stale.status());
    assertEquals("Renamed 改名", workspaces.find(ws.id()).orElseThrow().name());
  }

  @Test
  public void idempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() {
    String slug = unique("idem-");
    String body = "{\"slug\":\"" + slug + "\",\"name\":\"Once\"}";
    Reply first = json("POST", "/api/v1/workspaces", admin, body, "Idempotency-Key", slug);
    Reply again = json("POST", "/api/v1/workspaces", admin, body, "Idempotency-Key", slug);
    assertEquals(201, first.status());
    assertEquals(201, again.status());
    assertEquals("true", again.header("Idempotent-Replayed"));
    assertEquals(first.json().get("id"), again.json().get("id"));
    Reply other =
        json(
            "POST",
            "/api/v1/workspaces",
            admin,
            "{\"slug\":\"" + slug + "x\",\"name\":\"Other\"}",
            "Idempotency-Key",
            slug);
    assertEquals(422, other.status());
    assertTrue(workspaces.find(slug + "x").isEmpty());
  }

  @Test
  public void listsArePagedWithOpaqueCursors() {
    for (int i = 0; i < 3; i++) {
      newWorkspace();
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Reply page =
          get("/api/v1/workspaces?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), admin);
      assertEquals(200, page.status());
      page.json().get("items").forEach(w -> seen.add(w.get("id").asText()));
      JsonNode next = page.json().get("nextCursor");
      cursor = next == null ? null : next.asText();
      pages++;
    } while (cursor != null && pages < 1000);
    assertEquals("no duplicates", seen.size(), seen.stream().distinct().count());
    assertEquals(workspaces.list(PageRequest.first(200)).items().size(), seen.size());
    for (String bad :
        new String[] {"limit=0", "limit=-1", "limit=100000", "limit=abc", "cursor=%25%25%25"}) {
      Reply reply = get("/api/v1/workspaces?" + bad, admin);
      assertTrue(bad + " -> " + reply, reply.status() == 400 || reply.status() == 404);
      assertEquals("application/problem+json", reply.header("Content-Type"));
    }
  }

  @Test
  public void secretsAreWriteOnlyAndRedacted() {
    Workspace ws = newWorkspace();
    Reply put =
        json(
            "PUT",
            "/api/v1/workspaces/" + ws.id() + "/secrets/weibo-app-secret",
            admin,
            "{\"value\":\"s3cr3t-value-42\"}");
    assertEquals(put.toString(), 200, put.status());
    assertFalse(put.body().contains("s3cr3t-value-42"));
    Reply list = get("/api/v1/workspaces/" + ws.id() + "/secrets", admin);
    assertTrue(list.body().contains("weibo-app-secret"));
    assertFalse(list.body().contains("s3cr3t-value-42"));
    assertTrue(list.body().contains("redacted"));
  }

  @Test
  public void stateChangesAreAuditedInAnIntactChain() {
    Workspace ws = newWorkspace();
    String ip = "127.0.0.1";
    json("PUT", "/api/v1/workspaces/" + ws.id() + "/secrets/audited", admin, "{\"value\":\"x\"}");
    JsonNode entries =
        get("/api/v1/workspaces/" + ws.id() + "/audit?limit=10", admin).json().get("items");
    JsonNode last = entries.get(entries.size() - 1).get("event");
    assertEquals("admin", last.get("actor").asText());
    assertEquals(ws.id(), last.get("workspaceId").asText());
    assertEquals("PUT /workspaces/{workspaceId}/secrets/{name}", last.get("action").asText());
    assertEquals("success", last.get("outcome").asText());
    assertEquals(ip, last.get("sourceAddress").asText());
    json("POST", "/api/v1/workspaces", Credentials.token("swt_nope"), "{}");
    JsonNode verification = get("/api/v1/audit/verification", admin).json();
    assertTrue(verification.toString(), verification.get("intact").asBoolean());
    assertTrue(audit.tail(null, 50).stream().anyMatch(e -> e.event().outcome().equals("denied")));
  }

  // ------------------------------------------------------------------ hostile input

  @Test
  public void hostileInputAtEveryWriteEndpointGets4xxProblemsAndChangesNothing() {
    Workspace ws = newWorkspace();
    String before = snapshot(ws);
    List<String> failures = new ArrayList<>();
    byte[] invalidUtf8 = {
      '{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'
    };
    byte[] huge =
        ("{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
    for (Endpoint e : endpoints()) {
      if (!(e.method().equals("POST") || e.method().equals("PUT")) || isLogout(e)) {
        continue;
      }
      String path =
          "/api/v1"
              + e.template()
                  .replace("{workspaceId}", ws.id())
                  .replace("{userId}", "nobody")
                  .replace("{name}", "hostile")
                  .replaceAll(OTHER_PATH_PARAMETER, "missing");
      expectProblem(
          failures,
          e,
          "malformed JSON",
          send(
              e.method(),
              path,
              admin,
              "application/json",
              "{\"name\":".getBytes(StandardCharsets.UTF_8)));
      expectProblem(
          failures,
          e,
          "text/plain",
          send(e.method(), path, admin, "text/plain", "{}".getBytes(StandardCharsets.UTF_8)));
      expectProblem(
          failures,
          e,
          "no content type",
          send(e.method(), path, admin, null, "{}".getBytes(StandardCharsets.UTF_8)));
      expectProblem(
          failures,
          e,
          "invalid UTF-8",
          send(e.method(), path, admin, "application/json", invalidUtf8));
      expectProblem(
          failures, e, "2 MiB body", send(e.method(), path, admin, "application/json", huge));
      expectProblem(
          failures, e, "unknown field", json(e.method(), path, admin, "{\"noSuchField\":1}"));
      expectProblem(
          failures, e, "unknown enum", json(e.method(), path, admin, "{\"role\":\"OVERLORD\"}"));
      expectProblem(failures, e, "array instead of object", json(e.method(), path, admin, "[1,2]"));
      expectProblem(
          failures,
          e,
          "forged token",
          json(e.method(), path, Credentials.token("swt_' OR '1'='1"), "{}"));
    }
    assertTrue(String.join("\n", failures), failures.isEmpty());
    assertEquals("nothing stored changed", before, snapshot(ws));
  }

  /**
   * Fills every string field of every POST/PUT request schema in the OpenAPI document with SQL
   * metacharacters: no call may fail with a server error, and the tables must still be there.
   */
  @Test
  public void sqlMetacharactersInEveryStringFieldOfEveryWriteEndpointAreHarmless() {
    String evil = "x'); DROP TABLE sw_user; DELETE FROM sw_workspace; --\" OR 1=1 %_";
    Workspace ws = newWorkspace();
    JsonNode doc = get("/api/v1/openapi.json", Credentials.NONE).json();
    JsonNode schemas = doc.get("components").get("schemas");
    List<String> failures = new ArrayList<>();
    int bodies = 0;
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (String method : new String[] {"post", "put"}) {
        JsonNode op = path.getValue().get(method);
        JsonNode ref =
            op == null ? null : op.at("/requestBody/content/application~1json/schema/$ref");
        if (ref == null || ref.isMissingNode() || path.getKey().equals("/session")) {
          continue;
        }
        JsonNode schema = schemas.get(ref.asText().substring(ref.asText().lastIndexOf('/') + 1));
        ObjectNode body = JSON.createObjectNode();
        schema
            .get("properties")
            .fields()
            .forEachRemaining(
                prop -> {
                  if ("string".equals(prop.getValue().path("type").asText())
                      && !prop.getValue().has("enum")
                      && !"date-time".equals(prop.getValue().path("format").asText())) {
                    body.put(prop.getKey(), evil);
                  }
                });
        bodies++;
        String url =
            "/api/v1"
                + path.getKey()
                    .replace("{workspaceId}", ws.id())
                    .replace("{userId}", "nobody")
                    .replace("{name}", "sql-probe")
                    .replaceAll(OTHER_PATH_PARAMETER, "missing");
        Reply reply = json(method.toUpperCase(), url, admin, body.toString(), "If-Match", "\"0\"");
        if (reply.status() >= 500) {
          failures.add(method + " " + path.getKey() + " " + body + " -> " + reply);
        }
      }
    }
    assertTrue("request schemas found", bodies >= 6);
    assertTrue(String.join("\n", failures), failures.isEmpty());
    assertEquals(200, get("/api/v1/users", admin).status());
    assertEquals(200, get("/api/v1/workspaces/" + ws.id(), admin).status());
    login("admin", ADMIN_PASSWORD);
  }

  @Test
  public void sqlMetacharactersAreStoredVerbatim() {
    String evil = "Robert'); DROP TABLE sw_user;-- \" \\ % _ 中文";
    Workspace ws = newWorkspace();
    Reply token =
        json(
            "POST",
            "/api/v1/workspaces/" + ws.id() + "/tokens",
            admin,
            "{\"name\":" + quote(evil) + ",\"role\":\"VIEWER\"}");
    assertEquals(token.toString(), 201, token.status());
    assertEquals(evil, token.json().get("token").get("name").asText());
    Reply user =
        json(
            "POST",
            "/api/v1/users",
            admin,
            "{\"username\":\"x';--\",\"password\":\"a-long-password-1\"}");
    assertEquals(400, user.status());
    assertEquals("username", user.json().get("field").asText());
    Reply renamed =
        json(
            "PUT",
            "/api/v1/workspaces/" + ws.id(),
            admin,
            "{\"name\":" + quote(evil) + ",\"timeZone\":\"UTC\"}",
            "If-Match",
            get("/api/v1/workspaces/" + ws.id(), admin).header("ETag"));
    assertEquals(evil, renamed.json().get("name").asText());
    assertEquals(200, get("/api/v1/users", admin).status());
  }

  private static String quote(String value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private void expectProblem(List<String> failures, Endpoint e, String what, Reply reply) {
    String where = e.method() + " " + e.template() + " with " + what + ": ";
    if (reply.status() < 400 || reply.status() >= 500) {
      failures.add(where + "expected 4xx, got " + reply);
      return;
    }
    String type = reply.header("Content-Type");
    if (type == null || !type.startsWith("application/problem+json")) {
      failures.add(where + "not problem+json: " + type + " " + reply);
      return;
    }
    JsonNode problem = reply.json();
    if (!problem.hasNonNull("detail")
        || !problem.hasNonNull("type")
        || problem.get("detail").asText().contains("Exception")) {
      failures.add(where + "problem without a useful detail: " + reply);
    }
  }

  private String snapshot(Workspace ws) {
    ObjectNode all = JSON.createObjectNode();
    all.set("workspace", get("/api/v1/workspaces/" + ws.id(), admin).json());
    all.set("workspaces", get("/api/v1/workspaces?limit=200", admin).json());
    all.set("users", get("/api/v1/users?limit=200", admin).json());
    all.set("tokens", get("/api/v1/workspaces/" + ws.id() + "/tokens", admin).json());
    all.set("members", get("/api/v1/workspaces/" + ws.id() + "/members", admin).json());
    all.set("secrets", get("/api/v1/workspaces/" + ws.id() + "/secrets", admin).json());
    return all.toString();
  }

  @Test
  public void unknownRoutesAndMethodsAreProblemsToo() {
    Reply missing = get("/api/v1/no-such-thing", admin);
    assertEquals(404, missing.status());
    Reply method =
        send(
            "PATCH",
            "/api/v1/health",
            admin,
            "application/json",
            "{}".getBytes(StandardCharsets.UTF_8));
    assertEquals(405, method.status());
    assertNull("no stack trace", method.body().contains("at org.") ? method.body() : null);
  }
}
