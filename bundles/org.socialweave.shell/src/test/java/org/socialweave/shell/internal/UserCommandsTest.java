package org.socialweave.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.socialweave.api.User;
import org.socialweave.api.audit.AuditEvent;

public class UserCommandsTest extends CommandTestBase {

  private UserAddCommand userAdd(String username, String... typed) {
    UserAddCommand c = wire(new UserAddCommand());
    c.users = users;
    c.auditLog = audit;
    c.username = username;
    c.passwords = Fakes.typed(typed);
    return c;
  }

  @Test
  public void userAddCreatesTheUserWithThePasswordTypedTwiceAndAuditsIt() throws Exception {
    UserAddCommand c = userAdd("alice", "correct horse", "correct horse");
    c.admin = true;
    c.displayName = "Alice Wang";
    c.email = "alice@example.com";
    c.execute();

    User alice = users.find("alice").orElseThrow();
    assertTrue(alice.systemAdmin());
    assertEquals("Alice Wang", alice.displayName());
    assertEquals("alice@example.com", alice.email());
    assertEquals("correct horse", users.passwords.get(alice.id()));
    assertTrue(output.text().contains("Created user alice (id u1, system administrator)"));
    assertFalse(output.text().contains("correct horse"));
    assertEquals(
        new AuditEvent(ACTOR, null, "console:user-add", "user:alice", null, "success"),
        audit.last());
  }

  @Test
  public void userAddRefusesPasswordsThatDoNotMatch() {
    String message = failure(userAdd("alice", "one", "two"));
    assertEquals("Invalid input: the passwords do not match", message);
    assertTrue(users.byId.isEmpty());
    assertEquals(
        new AuditEvent(
            ACTOR,
            null,
            "console:user-add",
            "user:alice",
            null,
            "failure:Invalid input: the passwords do not match"),
        audit.last());
  }

  @Test
  public void userAddReportsADuplicateInOneLine() throws Exception {
    userAdd("alice", "pw1", "pw1").execute();
    String message = failure(userAdd("alice", "pw2", "pw2"));
    assertEquals("Conflict: username 'alice' is taken", message);
    assertEquals(1, users.byId.size());
    assertEquals("failure:Conflict: username 'alice' is taken", audit.last().outcome());
  }

  @Test
  public void userListPrintsEveryUserAcrossPages() throws Exception {
    for (String name : new String[] {"ann", "ben", "cho", "dai", "eve"}) {
      users.create(name, name.toUpperCase(), name + "@example.com", "x".toCharArray(), false);
    }
    UserListCommand c = wire(new UserListCommand());
    c.users = users;
    c.execute();
    String text = output.text();
    for (String name : new String[] {"ann", "ben", "cho", "dai", "eve@example.com"}) {
      assertTrue(name + " listed", text.contains(name));
    }
    assertTrue(text.contains("Username"));
  }

  @Test
  public void userPasswdChangesThePasswordAndAudits() throws Exception {
    users.create("bob", null, null, "old".toCharArray(), false);
    UserPasswdCommand c = wire(new UserPasswdCommand());
    c.users = users;
    c.auditLog = audit;
    c.user = "bob";
    c.passwords = Fakes.typed("new-pass", "new-pass");
    c.execute();
    assertEquals("new-pass", users.passwords.get("u1"));
    assertEquals("Password changed for bob\n", output.text().replace("\r", ""));
    assertEquals(
        new AuditEvent(ACTOR, null, "console:user-passwd", "user:bob", null, "success"),
        audit.last());
  }

  @Test
  public void userPasswdForAnUnknownUserFailsCleanly() {
    UserPasswdCommand c = wire(new UserPasswdCommand());
    c.users = users;
    c.auditLog = audit;
    c.user = "ghost";
    c.passwords = Fakes.typed("a", "a");
    assertEquals("Not found: user 'ghost' does not exist", failure(c));
    assertEquals("failure:Not found: user 'ghost' does not exist", audit.last().outcome());
  }

  @Test
  public void userDisableAndEnable() throws Exception {
    users.create("bob", null, null, "pw".toCharArray(), false);
    UserDisableCommand disable = wire(new UserDisableCommand());
    disable.users = users;
    disable.auditLog = audit;
    disable.user = "bob";
    disable.execute();
    assertTrue(users.find("bob").orElseThrow().disabled());
    assertEquals("console:user-disable", audit.last().action());

    UserDisableCommand enable = wire(new UserDisableCommand());
    enable.users = users;
    enable.auditLog = audit;
    enable.user = "u1";
    enable.enable = true;
    enable.execute();
    assertFalse(users.find("bob").orElseThrow().disabled());
    assertEquals(
        new AuditEvent(ACTOR, null, "console:user-enable", "user:u1", null, "success"),
        audit.last());
    assertTrue(output.text().contains("Disabled user bob"));
    assertTrue(output.text().contains("Enabled user bob"));
  }
}
