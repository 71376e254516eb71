package org.socialweave.core.internal.identity;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.SessionService.BrowserSession;
import org.socialweave.api.User;
import org.socialweave.api.Workspace;
import org.socialweave.api.security.Role;
import org.socialweave.core.internal.Secrets;
import org.socialweave.core.internal.testing.DatabaseTestBase;
import org.socialweave.core.internal.testing.MutableClock;
import org.socialweave.core.internal.testing.TestSecurityConfig;

public class SessionServiceImplTest extends DatabaseTestBase {

  private static final Duration TTL = Duration.ofMinutes(30);

  private MutableClock clock;
  private UserServiceImpl users;
  private WorkspaceServiceImpl workspaces;
  private SessionServiceImpl sessions;

  @Before
  public void setUp() {
    clock = MutableClock.atNow();
    users = new UserServiceImpl(db(), TestSecurityConfig.fast(), clock);
    workspaces = new WorkspaceServiceImpl(db(), clock);
    sessions = new SessionServiceImpl(db(), workspaces, TTL, clock);
  }

  private User newUser() {
    return users.create(unique("u"), null, null, "long enough password".toCharArray(), false);
  }

  @Test
  public void openedSessionIsFoundWithTheCallersRoles() {
    User user = newUser();
    Workspace ws = workspaces.create(unique("ws-"), "Sessions", "UTC");
    workspaces.grant(ws.id(), user.id(), Role.APPROVER);

    BrowserSession opened = sessions.open(user, "192.0.2.1");
    assertTrue(opened.id().length() >= 40);
    assertNotEquals(opened.id(), opened.csrfToken());
    assertFalse(opened.toString().contains(opened.id()));

    BrowserSession found = sessions.find(opened.id()).orElseThrow();
    assertEquals(opened.csrfToken(), found.csrfToken());
    assertEquals(user.id(), found.caller().userId());
    assertEquals(user.username(), found.caller().username());
    assertEquals(Map.of(ws.id(), Role.APPROVER), found.caller().rolesByWorkspace());
    assertEquals(null, found.caller().tokenId());

    // Roles are read at lookup time, so a revoked membership shows at once.
    workspaces.revoke(ws.id(), user.id());
    assertEquals(Map.of(), sessions.find(opened.id()).orElseThrow().caller().rolesByWorkspace());
  }

  @Test
  public void onlyTheHashOfTheCookieIsStored() {
    BrowserSession opened = sessions.open(newUser(), null);
    assertEquals(
        1L,
        testDb.value(
            "SELECT COUNT(*) FROM sw_session WHERE id_hash = ?", Secrets.sha256Hex(opened.id())));
    assertEquals(
        0L, testDb.value("SELECT COUNT(*) FROM sw_session WHERE id_hash = ?", opened.id()));
  }

  @Test
  public void sessionExpiresAfterItsLifetime() {
    BrowserSession opened = sessions.open(newUser(), null);
    clock.advance(TTL.minusSeconds(1));
    assertTrue(sessions.find(opened.id()).isPresent());
    clock.advance(Duration.ofSeconds(1));
    assertTrue(sessions.find(opened.id()).isEmpty());
  }

  @Test
  public void expiredSessionsAreDeletedWhenAnotherOpens() {
    BrowserSession old = sessions.open(newUser(), null);
    String oldHash = Secrets.sha256Hex(old.id());
    clock.advance(TTL.plusMinutes(1));
    sessions.open(newUser(), null);
    assertEquals(0L, testDb.value("SELECT COUNT(*) FROM sw_session WHERE id_hash = ?", oldHash));
  }

  @Test
  public void closedSessionIsGone() {
    User user = newUser();
    BrowserSession a = sessions.open(user, null);
    BrowserSession b = sessions.open(user, null);
    sessions.close(a.id());
    assertTrue(sessions.find(a.id()).isEmpty());
    assertTrue("other sessions stay", sessions.find(b.id()).isPresent());
    sessions.close(a.id());
    sessions.close(null);
  }

  @Test
  public void disablingTheUserEndsTheirSessions() {
    User user = newUser();
    BrowserSession opened = sessions.open(user, null);
    users.setDisabled(user.id(), true);
    assertTrue(sessions.find(opened.id()).isEmpty());
    users.setDisabled(user.id(), false);
    assertTrue("deleted, not just hidden", sessions.find(opened.id()).isEmpty());
  }

  @Test
  public void garbageSessionIdsFindNothing() {
    assertTrue(sessions.find(null).isEmpty());
    assertTrue(sessions.find("").isEmpty());
    assertTrue(sessions.find("x".repeat(101)).isEmpty());
    assertTrue(sessions.find("' OR '1'='1").isEmpty());
  }
}
