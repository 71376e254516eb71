package org.socialweave.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import org.junit.Test;
import org.socialweave.api.Workspace;
import org.socialweave.api.audit.AuditEvent;
import org.socialweave.api.security.Role;

public class WorkspaceAndRoleCommandsTest extends CommandTestBase {

  private WorkspaceAddCommand workspaceAdd(String slug, String name) {
    WorkspaceAddCommand c = wire(new WorkspaceAddCommand());
    c.workspaces = workspaces;
    c.auditLog = audit;
    c.slug = slug;
    c.name = name;
    return c;
  }

  private RoleGrantCommand grant(String ws, String user, String role) {
    RoleGrantCommand c = wire(new RoleGrantCommand());
    c.workspaces = workspaces;
    c.users = users;
    c.auditLog = audit;
    c.workspace = ws;
    c.user = user;
    c.role = role;
    return c;
  }

  @Test
  public void workspaceAddDefaultsToShanghaiAndAudits() throws Exception {
    workspaceAdd("acme", "ACME Tea").execute();
    Workspace acme = workspaces.find("acme").orElseThrow();
    assertEquals("ACME Tea", acme.name());
    assertEquals("Asia/Shanghai", acme.timeZone());
    assertTrue(output.text().contains("Created workspace acme (id w1, Asia/Shanghai)"));
    assertEquals(
        new AuditEvent(ACTOR, "w1", "console:workspace-add", "workspace:acme", null, "success"),
        audit.last());
  }

  @Test
  public void workspaceAddWithTimeZoneAndDuplicateFailure() throws Exception {
    WorkspaceAddCommand c = workspaceAdd("globex", "Globex");
    c.timeZone = "Europe/Berlin";
    c.execute();
    assertEquals("Europe/Berlin", workspaces.find("globex").orElseThrow().timeZone());

    assertEquals("Conflict: slug 'globex' is taken", failure(workspaceAdd("globex", "Again")));
    AuditEvent failed = audit.last();
    assertNull(failed.workspaceId());
    assertEquals("failure:Conflict: slug 'globex' is taken", failed.outcome());
  }

  @Test
  public void workspaceListShowsAllWorkspaces() throws Exception {
    workspaces.create("a-one", "One", "UTC");
    workspaces.create("b-two", "Two", "UTC");
    workspaces.create("c-three", "Three", "Asia/Tokyo");
    WorkspaceListCommand c = wire(new WorkspaceListCommand());
    c.workspaces = workspaces;
    c.execute();
    String text = output.text();
    assertTrue(text.contains("a-one"));
    assertTrue(text.contains("b-two"));
    assertTrue(text.contains("c-three"));
    assertTrue(text.contains("Asia/Tokyo"));
  }

  @Test
  public void roleGrantAndRevoke() throws Exception {
    workspaces.create("acme", "ACME", "UTC");
    users.create("carol", null, null, "pw".toCharArray(), false);

    grant("acme", "carol", "Editor").execute();
    assertEquals(Map.of("u1", Role.EDITOR), workspaces.members.get("w1"));
    assertTrue(output.text().contains("Granted editor in workspace acme to carol"));
    assertEquals(
        new AuditEvent(
            ACTOR, "w1", "console:role-grant", "user:carol role:editor", null, "success"),
        audit.last());

    RoleRevokeCommand revoke = wire(new RoleRevokeCommand());
    revoke.workspaces = workspaces;
    revoke.users = users;
    revoke.auditLog = audit;
    revoke.workspace = "w1";
    revoke.user = "carol";
    revoke.execute();
    assertTrue(workspaces.members.get("w1").isEmpty());
    assertEquals(
        new AuditEvent(ACTOR, "w1", "console:role-revoke", "user:carol", null, "success"),
        audit.last());
  }

  @Test
  public void roleGrantWithAnUnknownRoleChangesNothing() {
    workspaces.create("acme", "ACME", "UTC");
    users.create("carol", null, null, "pw".toCharArray(), false);
    String message = failure(grant("acme", "carol", "boss"));
    assertTrue(message, message.startsWith("Invalid input: unknown role 'boss'"));
    assertNull(workspaces.members.get("w1"));
    assertTrue(audit.last().outcome().startsWith("failure:Invalid input: unknown role"));
  }

  @Test
  public void roleGrantInAnUnknownWorkspace() {
    users.create("carol", null, null, "pw".toCharArray(), false);
    assertEquals(
        "Not found: workspace 'nope' does not exist", failure(grant("nope", "carol", "viewer")));
  }
}
