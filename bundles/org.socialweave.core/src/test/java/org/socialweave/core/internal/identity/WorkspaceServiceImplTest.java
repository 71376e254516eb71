package org.socialweave.core.internal.identity;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.Membership;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.User;
import org.socialweave.api.Workspace;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.PreconditionFailedException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Role;
import org.socialweave.core.internal.testing.DatabaseTestBase;
import org.socialweave.core.internal.testing.MutableClock;
import org.socialweave.core.internal.testing.TestSecurityConfig;

public class WorkspaceServiceImplTest extends DatabaseTestBase {

  private MutableClock clock;
  private UserServiceImpl users;
  private WorkspaceServiceImpl workspaces;

  @Before
  public void setUp() {
    clock = MutableClock.atNow();
    users = new UserServiceImpl(db(), TestSecurityConfig.fast(), clock);
    workspaces = new WorkspaceServiceImpl(db(), clock);
  }

  private User newUser(boolean admin) {
    return users.create(unique("u"), null, null, "long enough password".toCharArray(), admin);
  }

  private Workspace newWorkspace() {
    return workspaces.create(unique("ws-"), "Workspace", "Europe/Berlin");
  }

  private static void assertInvalid(String field, Runnable call) {
    ValidationException e = assertThrows(ValidationException.class, call::run);
    assertEquals(e.getMessage(), field, e.field());
  }

  @Test
  public void createAndFindByIdOrSlug() {
    String slug = unique("acme-");
    Workspace ws = workspaces.create(slug, "  ACME Corp  ", "Asia/Shanghai");
    assertEquals(26, ws.id().length());
    assertEquals("ACME Corp", ws.name());
    assertEquals("Asia/Shanghai", ws.timeZone());
    assertEquals(clock.instant(), ws.createdAt());
    assertEquals(ws, workspaces.find(slug).orElseThrow());
    assertEquals(ws, workspaces.find(ws.id()).orElseThrow());
    assertTrue(workspaces.find(unique("missing-")).isEmpty());
    assertTrue(workspaces.find(null).isEmpty());
  }

  @Test
  public void createRejectsInvalidFieldsAndDuplicateSlugs() {
    assertInvalid("slug", () -> workspaces.create("A", "n", "UTC"));
    assertInvalid("slug", () -> workspaces.create("Upper-Case", "n", "UTC"));
    assertInvalid("slug", () -> workspaces.create("has space", "n", "UTC"));
    assertInvalid("slug", () -> workspaces.create(null, "n", "UTC"));
    assertInvalid("name", () -> workspaces.create(unique("n-"), "  ", "UTC"));
    assertInvalid("name", () -> workspaces.create(unique("n-"), "line\nbreak", "UTC"));
    assertInvalid("timeZone", () -> workspaces.create(unique("tz-"), "n", "Mars/Olympus"));

    String slug = unique("taken-");
    workspaces.create(slug, "First", "UTC");
    assertThrows(ConflictException.class, () -> workspaces.create(slug, "Second", "UTC"));
    assertEquals("First", workspaces.find(slug).orElseThrow().name());
  }

  @Test
  public void sqlMetacharactersInNamesAreStoredVerbatim() {
    String name = "Robert'); DROP TABLE sw_workspace;-- 50% off_ \\n";
    Workspace ws = workspaces.create(unique("bobby-"), name, "UTC");
    assertEquals(name, workspaces.find(ws.id()).orElseThrow().name());
    assertEquals(name, testDb.value("SELECT name FROM sw_workspace WHERE id = ?", ws.id()));
    assertTrue(workspaces.find("%").isEmpty());
    assertTrue(workspaces.find("' OR ''='").isEmpty());
  }

  @Test
  public void updateWithAStaleVersionIsRefused() {
    Workspace ws = newWorkspace();
    Workspace renamed = workspaces.update(ws.id(), "Renamed", "America/New_York", ws.version());
    assertEquals("Renamed", renamed.name());
    assertEquals("America/New_York", renamed.timeZone());
    assertEquals(ws.version() + 1, renamed.version());

    PreconditionFailedException stale =
        assertThrows(
            PreconditionFailedException.class,
            () -> workspaces.update(ws.id(), "Lost update", "UTC", ws.version()));
    assertEquals(412, stale.status());
    Workspace current = workspaces.find(ws.id()).orElseThrow();
    assertEquals("Renamed", current.name());
    assertEquals(renamed.version(), current.version());

    // Updating by slug works too; invalid values are refused before the version check.
    assertEquals(
        "By slug", workspaces.update(ws.slug(), "By slug", "UTC", current.version()).name());
    assertInvalid("timeZone", () -> workspaces.update(ws.id(), "x", "Nowhere/Land", 0));
    assertThrows(NotFoundException.class, () -> workspaces.update(unique("ghost-"), "x", "UTC", 0));
  }

  @Test
  public void grantChangeAndRevokeMembership() {
    Workspace ws = newWorkspace();
    User alice = newUser(false);
    User bob = newUser(false);

    Membership granted = workspaces.grant(ws.id(), alice.id(), Role.VIEWER);
    assertEquals(Role.VIEWER, granted.role());
    assertEquals(alice.username(), granted.username());
    assertEquals(clock.instant(), granted.grantedAt());
    workspaces.grant(ws.slug(), bob.username(), Role.EDITOR);

    // Granting again changes the role instead of adding a second membership.
    Membership upgraded = workspaces.grant(ws.id(), alice.id(), Role.MANAGER);
    assertEquals(Role.MANAGER, upgraded.role());
    assertEquals(granted.grantedAt(), upgraded.grantedAt());

    List<Membership> members = workspaces.members(ws.id(), PageRequest.first(10)).items();
    assertEquals(2, members.size());
    Map<String, Role> roles = new java.util.HashMap<>();
    members.forEach(m -> roles.put(m.username(), m.role()));
    assertEquals(Map.of(alice.username(), Role.MANAGER, bob.username(), Role.EDITOR), roles);

    assertEquals(Map.of(ws.id(), Role.MANAGER), workspaces.rolesOf(alice.id()));
    workspaces.revoke(ws.id(), alice.id());
    assertEquals(Map.of(), workspaces.rolesOf(alice.id()));
    assertEquals(1, workspaces.members(ws.id(), PageRequest.first(10)).items().size());
    assertThrows(NotFoundException.class, () -> workspaces.revoke(ws.id(), alice.id()));
  }

  @Test
  public void grantRejectsUnknownWorkspaceUserOrRole() {
    Workspace ws = newWorkspace();
    User user = newUser(false);
    assertThrows(
        NotFoundException.class, () -> workspaces.grant(unique("ghost-"), user.id(), Role.VIEWER));
    assertThrows(
        NotFoundException.class, () -> workspaces.grant(ws.id(), unique("ghost"), Role.VIEWER));
    assertInvalid("role", () -> workspaces.grant(ws.id(), user.id(), null));
    assertThrows(
        NotFoundException.class, () -> workspaces.members(unique("ghost-"), PageRequest.first(5)));
  }

  @Test
  public void rolesOfListsEveryWorkspace() {
    User user = newUser(false);
    Workspace a = newWorkspace();
    Workspace b = newWorkspace();
    newWorkspace();
    workspaces.grant(a.id(), user.id(), Role.ANALYST);
    workspaces.grant(b.id(), user.id(), Role.APPROVER);
    assertEquals(
        Map.of(a.id(), Role.ANALYST, b.id(), Role.APPROVER), workspaces.rolesOf(user.id()));
    assertEquals(Map.of(), workspaces.rolesOf(unique("nobody")));
  }

  @Test
  public void listForPagesThroughTheUsersWorkspacesOnly() {
    User user = newUser(false);
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      Workspace ws = newWorkspace();
      newWorkspace(); // one the user does not belong to
      workspaces.grant(ws.id(), user.id(), Role.VIEWER);
      expected.add(ws.id());
    }

    List<String> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    PageRequest request = PageRequest.first(2);
    for (int pages = 0; pages < 10; pages++) {
      Page<Workspace> page = workspaces.listFor(user.id(), request);
      sizes.add(page.items().size());
      page.items().forEach(w -> seen.add(w.id()));
      if (page.nextCursor() == null) {
        break;
      }
      request = PageRequest.of(2, page.nextCursor());
    }
    assertEquals(List.of(2, 2, 1), sizes);
    assertEquals("no duplicates", 5, new HashSet<>(seen).size());
    assertEquals(expected, new HashSet<>(seen));
    List<String> sorted = new ArrayList<>(seen);
    sorted.sort(null);
    assertEquals("pages follow id order", sorted, seen);
  }

  @Test
  public void listForASystemAdminCoversAllWorkspaces() {
    newWorkspace();
    newWorkspace();
    User admin = newUser(true);
    long total = testDb.count("sw_workspace");
    Set<String> seen = new HashSet<>();
    String cursor = null;
    do {
      Page<Workspace> page = workspaces.listFor(admin.id(), PageRequest.of(3, cursor));
      page.items().forEach(w -> assertTrue("duplicate " + w.id(), seen.add(w.id())));
      cursor = page.nextCursor();
    } while (cursor != null);
    assertEquals(total, seen.size());
  }

  @Test
  public void listEndsWithoutCursorWhenThePageIsNotFull() {
    Page<Workspace> all = workspaces.list(PageRequest.first(PageRequest.MAX_LIMIT));
    assertNull(all.nextCursor());
    Page<Workspace> one = workspaces.list(PageRequest.first(1));
    if (all.items().size() > 1) {
      assertNotNull(one.nextCursor());
    }
    assertThrows(
        NotFoundException.class, () -> workspaces.listFor(unique("ghost"), PageRequest.first(1)));
  }
}
