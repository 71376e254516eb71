package org.socialweave.core.internal.identity;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.ApiToken;
import org.socialweave.api.IssuedToken;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.User;
import org.socialweave.api.Workspace;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Caller;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.Role;
import org.socialweave.core.internal.testing.DatabaseTestBase;
import org.socialweave.core.internal.testing.MutableClock;
import org.socialweave.core.internal.testing.TestSecurityConfig;

public class TokenServiceImplTest extends DatabaseTestBase {

  private MutableClock clock;
  private UserServiceImpl users;
  private WorkspaceServiceImpl workspaces;
  private TokenServiceImpl tokens;
  private Workspace ws;
  private User owner;

  @Before
  public void setUp() {
    clock = MutableClock.atNow();
    users = new UserServiceImpl(db(), TestSecurityConfig.fast(), clock);
    workspaces = new WorkspaceServiceImpl(db(), clock);
    tokens = new TokenServiceImpl(db(), clock);
    ws = workspaces.create(unique("ws-"), "Tokens", "UTC");
    owner = newUser(false);
    workspaces.grant(ws.id(), owner.id(), Role.EDITOR);
  }

  private User newUser(boolean admin) {
    return users.create(unique("u"), null, null, "long enough password".toCharArray(), admin);
  }

  private static void assertInvalid(String field, Runnable call) {
    ValidationException e = assertThrows(ValidationException.class, call::run);
    assertEquals(e.getMessage(), field, e.field());
  }

  @Test
  public void issuedTokenAuthenticatesWithItsOwnRole() {
    IssuedToken issued = tokens.issue(ws.id(), owner.id(), "ci pipeline", Role.VIEWER, null);
    assertTrue(issued.secret().startsWith("swt_"));
    assertTrue(issued.secret().length() >= 40);
    assertEquals(issued.secret().substring(0, 10), issued.token().prefix());
    assertFalse(issued.toString().contains(issued.secret()));

    Caller caller = tokens.authenticate(issued.secret()).orElseThrow();
    assertEquals(owner.id(), caller.userId());
    assertEquals(issued.token().id(), caller.tokenId());
    assertEquals(Map.of(ws.id(), Role.VIEWER), caller.rolesByWorkspace());
    assertTrue(caller.can(Permission.CONTENT_READ, ws.id()));
    assertFalse(caller.can(Permission.CONTENT_EDIT, ws.id()));

    assertEquals(clock.instant(), tokens.find(issued.token().id()).orElseThrow().lastUsedAt());
  }

  @Test
  public void onlyTheHashOfTheSecretIsStored() {
    IssuedToken issued = tokens.issue(ws.id(), owner.id(), "hash only", Role.EDITOR, null);
    String stored =
        (String)
            testDb.value("SELECT secret_hash FROM sw_api_token WHERE id = ?", issued.token().id());
    assertEquals(64, stored.length());
    assertFalse(stored.contains(issued.secret().substring(4)));
    assertEquals(
        0L,
        testDb.value(
            "SELECT COUNT(*) FROM sw_api_token WHERE secret_hash = ? OR prefix = ?",
            issued.secret(),
            issued.secret()));
  }

  @Test
  public void unknownOrMalformedSecretsAreRejected() {
    IssuedToken issued = tokens.issue(ws.id(), owner.id(), "real", Role.VIEWER, null);
    assertTrue(tokens.authenticate(null).isEmpty());
    assertTrue(tokens.authenticate("").isEmpty());
    assertTrue(tokens.authenticate(issued.secret().substring(4)).isEmpty());
    assertTrue(tokens.authenticate(issued.secret() + "x").isEmpty());
    assertTrue(tokens.authenticate("swt_" + "A".repeat(200)).isEmpty());
    assertTrue(tokens.authenticate("swt_' OR '1'='1").isEmpty());
  }

  @Test
  public void tokenExpires() {
    Instant expiry = clock.instant().plus(Duration.ofHours(1));
    IssuedToken issued = tokens.issue(ws.id(), owner.id(), "short lived", Role.VIEWER, expiry);
    assertEquals(expiry, tokens.find(issued.token().id()).orElseThrow().expiresAt());
    clock.advance(Duration.ofMinutes(59));
    assertTrue(tokens.authenticate(issued.secret()).isPresent());
    clock.advance(Duration.ofMinutes(1));
    assertTrue(tokens.authenticate(issued.secret()).isEmpty());

    assertInvalid(
        "expiresAt", () -> tokens.issue(ws.id(), owner.id(), "past", Role.VIEWER, clock.instant()));
  }

  @Test
  public void revokedTokenStopsWorking() {
    IssuedToken issued = tokens.issue(ws.id(), owner.id(), "to revoke", Role.VIEWER, null);
    assertTrue(tokens.authenticate(issued.secret()).isPresent());
    clock.advance(Duration.ofSeconds(5));
    tokens.revoke(issued.token().id());
    assertTrue(tokens.authenticate(issued.secret()).isEmpty());
    ApiToken revoked = tokens.find(issued.token().id()).orElseThrow();
    assertEquals(clock.instant(), revoked.revokedAt());
    assertFalse(revoked.isActive(clock.instant()));

    // Revoking again keeps the first revocation time.
    clock.advance(Duration.ofMinutes(1));
    tokens.revoke(issued.token().id());
    assertEquals(revoked.revokedAt(), tokens.find(issued.token().id()).orElseThrow().revokedAt());
    assertThrows(NotFoundException.class, () -> tokens.revoke(unique("ghost")));
  }

  @Test
  public void tokenCannotHoldMoreRightsThanItsOwner() {
    assertInvalid("role", () -> tokens.issue(ws.id(), owner.id(), "too much", Role.ADMIN, null));
    assertInvalid("role", () -> tokens.issue(ws.id(), owner.id(), "sideways", Role.APPROVER, null));
    User outsider = newUser(false);
    assertInvalid(
        "role", () -> tokens.issue(ws.id(), outsider.id(), "no member", Role.VIEWER, null));
    assertEquals(
        0L, testDb.value("SELECT COUNT(*) FROM sw_api_token WHERE user_id = ?", outsider.id()));

    // A system admin may issue any role, even without a membership.
    User admin = newUser(true);
    assertEquals(
        Role.ADMIN, tokens.issue(ws.id(), admin.id(), "admin", Role.ADMIN, null).token().role());

    assertInvalid("role", () -> tokens.issue(ws.id(), owner.id(), "no role", null, null));
    assertInvalid("name", () -> tokens.issue(ws.id(), owner.id(), " ", Role.VIEWER, null));
    assertThrows(
        NotFoundException.class,
        () -> tokens.issue(unique("ghost-"), owner.id(), "x", Role.VIEWER, null));
  }

  @Test
  public void tokenStopsWorkingWhenTheOwnerLosesTheRights() {
    User member = newUser(false);
    workspaces.grant(ws.id(), member.id(), Role.EDITOR);
    IssuedToken editor = tokens.issue(ws.id(), member.id(), "editor", Role.EDITOR, null);
    IssuedToken viewer = tokens.issue(ws.id(), member.id(), "viewer", Role.VIEWER, null);

    // Downgraded: the editor token now exceeds the owner's role, the viewer token does not.
    workspaces.grant(ws.id(), member.id(), Role.VIEWER);
    assertTrue(tokens.authenticate(editor.secret()).isEmpty());
    assertTrue(tokens.authenticate(viewer.secret()).isPresent());

    workspaces.revoke(ws.id(), member.id());
    assertTrue(tokens.authenticate(viewer.secret()).isEmpty());

    // Back in the workspace, the token works again (it was never revoked itself).
    workspaces.grant(ws.id(), member.id(), Role.EDITOR);
    assertTrue(tokens.authenticate(editor.secret()).isPresent());

    users.setDisabled(member.id(), true);
    assertTrue(tokens.authenticate(editor.secret()).isEmpty());
  }

  @Test
  public void listPagesThroughAWorkspacesTokens() {
    Workspace other = workspaces.create(unique("ws-"), "Other", "UTC");
    workspaces.grant(other.id(), owner.id(), Role.EDITOR);
    tokens.issue(other.id(), owner.id(), "elsewhere", Role.VIEWER, null);
    Set<String> issued = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      issued.add(tokens.issue(ws.id(), owner.id(), "t" + i, Role.VIEWER, null).token().id());
    }
    Set<String> listed = new HashSet<>();
    String cursor = null;
    do {
      Page<ApiToken> page = tokens.list(ws.id(), PageRequest.of(2, cursor));
      assertTrue(page.items().size() <= 2);
      page.items().forEach(t -> assertTrue("duplicate " + t.id(), listed.add(t.id())));
      page.items().forEach(t -> assertEquals(ws.id(), t.workspaceId()));
      cursor = page.nextCursor();
    } while (cursor != null);
    assertTrue(listed.containsAll(issued));
    assertEquals(
        testDb.value("SELECT COUNT(*) FROM sw_api_token WHERE workspace_id = ?", ws.id()),
        (long) listed.size());
    assertNull(tokens.find(unique("ghost")).orElse(null));
    List<ApiToken> none = tokens.list(other.id(), PageRequest.first(5)).items();
    assertEquals(1, none.size());
    assertNotNull(none.get(0).createdAt());
  }
}
