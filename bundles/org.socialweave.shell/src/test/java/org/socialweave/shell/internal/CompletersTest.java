package org.socialweave.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.Test;
import org.socialweave.api.security.Role;

public class CompletersTest extends CommandTestBase {

  @Test
  public void usernamesOfEveryPage() {
    for (String name : new String[] {"ann", "ben", "cho"}) {
      users.create(name, null, null, "x".toCharArray(), false);
    }
    UsernameCompleter c = new UsernameCompleter();
    c.users = users;
    assertEquals(List.of("ann", "ben", "cho"), c.candidates());
  }

  @Test
  public void workspaceSlugsAndIds() {
    workspaces.create("acme", "ACME", "UTC");
    WorkspaceCompleter c = new WorkspaceCompleter();
    c.workspaces = workspaces;
    assertEquals(List.of("acme", "w1"), c.candidates());
  }

  @Test
  public void rolesInLowerCase() {
    assertEquals(
        List.of("viewer", "analyst", "editor", "approver", "manager", "admin"),
        new RoleCompleter().candidates());
    assertEquals(Role.values().length, new RoleCompleter().candidates().size());
  }

  @Test
  public void onlyActiveTokenIds() {
    workspaces.create("acme", "ACME", "UTC");
    workspaces.create("globex", "Globex", "UTC");
    tokens.issue("w1", "u1", "live", Role.VIEWER, null);
    tokens.issue("w1", "u1", "expired", Role.VIEWER, Instant.parse("2000-01-01T00:00:00Z"));
    tokens.issue("w2", "u1", "revoked", Role.VIEWER, null);
    tokens.issue("w2", "u1", "other", Role.VIEWER, null);
    tokens.revoke("t3");
    TokenIdCompleter c = new TokenIdCompleter();
    c.workspaces = workspaces;
    c.tokens = tokens;
    assertEquals(List.of("t1", "t4"), c.candidates());
  }

  @Test
  public void timeZonesIncludeShanghai() {
    assertTrue(new TimeZoneCompleter().candidates().contains("Asia/Shanghai"));
  }
}
