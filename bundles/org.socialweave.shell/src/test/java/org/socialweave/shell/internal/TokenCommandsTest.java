package org.socialweave.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.ApiToken;
import org.socialweave.api.audit.AuditEvent;
import org.socialweave.api.security.Role;

public class TokenCommandsTest extends CommandTestBase {

  @Before
  public void seed() {
    workspaces.create("acme", "ACME", "UTC");
    users.create("ci-bot", null, null, "pw".toCharArray(), false);
  }

  private TokenCreateCommand create(String name, String role) {
    TokenCreateCommand c = wire(new TokenCreateCommand());
    c.workspaces = workspaces;
    c.users = users;
    c.tokens = tokens;
    c.auditLog = audit;
    c.workspace = "acme";
    c.user = "ci-bot";
    c.name = name;
    c.role = role;
    c.now = Fakes.T0;
    return c;
  }

  @Test
  public void tokenCreatePrintsTheSecretOnceAndAuditsTheTokenId() throws Exception {
    TokenCreateCommand c = create("publisher", "editor");
    c.expiresDays = 30;
    c.execute();

    ApiToken token = tokens.byId.get("t1");
    assertEquals("w1", token.workspaceId());
    assertEquals("u1", token.userId());
    assertEquals(Role.EDITOR, token.role());
    assertEquals(Fakes.T0.plus(Duration.ofDays(30)), token.expiresAt());
    String text = output.text();
    assertEquals(1, text.split("sw_t1_SECRET", -1).length - 1);
    assertTrue(text.contains("Created token t1 (publisher)"));
    assertEquals(
        new AuditEvent(ACTOR, "w1", "console:token-create", "token:t1", null, "success"),
        audit.last());
    assertFalse(audit.last().toString().contains("SECRET"));
  }

  @Test
  public void tokenCreateWithoutExpiryNeverExpires() throws Exception {
    create("forever", "viewer").execute();
    assertNull(tokens.byId.get("t1").expiresAt());
    assertTrue(output.text().contains("Expires: never"));
  }

  @Test
  public void tokenCreateRejectsNonPositiveExpiry() {
    TokenCreateCommand c = create("bad", "viewer");
    c.expiresDays = 0;
    assertEquals("Invalid input: --expires-days must be at least 1, was 0", failure(c));
    assertTrue(tokens.byId.isEmpty());
    assertEquals("token:bad", audit.last().target());
  }

  @Test
  public void tokenRevokeAndList() throws Exception {
    create("one", "viewer").execute();
    create("two", "analyst").execute();
    create("three", "manager").execute();

    TokenRevokeCommand revoke = wire(new TokenRevokeCommand());
    revoke.tokens = tokens;
    revoke.auditLog = audit;
    revoke.tokenId = "t2";
    revoke.execute();
    assertNotNull(tokens.byId.get("t2").revokedAt());
    assertEquals(
        new AuditEvent(ACTOR, "w1", "console:token-revoke", "token:t2", null, "success"),
        audit.last());

    output.bytes.reset();
    TokenListCommand list = wire(new TokenListCommand());
    list.workspaces = workspaces;
    list.tokens = tokens;
    list.workspace = "acme";
    list.execute();
    String text = output.text();
    assertTrue(text.contains("three"));
    assertTrue(text.contains("manager"));
    assertTrue(text.contains("revoked"));
    assertTrue(text.contains("active"));
    assertFalse(text.contains("SECRET"));
  }

  @Test
  public void tokenRevokeOfAnUnknownTokenFailsCleanly() {
    TokenRevokeCommand revoke = wire(new TokenRevokeCommand());
    revoke.tokens = tokens;
    revoke.auditLog = audit;
    revoke.tokenId = "t404";
    assertEquals("Not found: token 't404' does not exist", failure(revoke));
    assertEquals("failure:Not found: token 't404' does not exist", audit.last().outcome());
  }
}
