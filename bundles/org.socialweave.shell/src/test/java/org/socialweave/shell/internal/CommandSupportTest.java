package org.socialweave.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.security.PrivilegedAction;
import java.util.List;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.Test;
import org.socialweave.api.User;
import org.socialweave.api.audit.AuditEvent;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Role;

public class CommandSupportTest {

  @Test
  public void allFollowsCursorsThroughEveryPage() {
    Fakes.Users users = new Fakes.Users();
    for (int i = 0; i < 5; i++) {
      users.create("user" + i, null, null, "pw".toCharArray(), false);
    }
    List<User> all = CommandSupport.all(users::list);
    assertEquals(
        List.of("user0", "user1", "user2", "user3", "user4"),
        all.stream().map(User::username).toList());
    assertEquals(3, users.pageRequests);
  }

  @Test
  public void actorIsConsoleWithoutSubject() {
    assertEquals("console", CommandSupport.currentActor());
  }

  @Test
  @SuppressWarnings("removal")
  public void actorIsTheUserPrincipalOfTheSessionSubject() {
    Subject subject = new Subject();
    subject.getPrincipals().add(new RolePrincipal("admin"));
    subject.getPrincipals().add(new UserPrincipal("karaf"));
    String actor = Subject.doAs(subject, (PrivilegedAction<String>) CommandSupport::currentActor);
    assertEquals("karaf", actor);
  }

  @Test
  public void auditedRecordsSuccessWithWhatTheOperationFilledIn() throws Exception {
    Fakes.Audit audit = new Fakes.Audit();
    String result =
        CommandSupport.audited(
            audit,
            "bob",
            "console:thing",
            "thing:x",
            ctx -> {
              ctx.workspaceId = "w9";
              ctx.target = "thing:42";
              return "done";
            });
    assertEquals("done", result);
    assertEquals(
        List.of(new AuditEvent("bob", "w9", "console:thing", "thing:42", null, "success")),
        audit.events());
  }

  @Test
  public void auditedRecordsFailureAndRethrows() {
    Fakes.Audit audit = new Fakes.Audit();
    ConflictException thrown =
        assertThrows(
            ConflictException.class,
            () ->
                CommandSupport.audited(
                    audit,
                    "bob",
                    "console:thing",
                    "thing:x",
                    ctx -> {
                      throw new ConflictException("already there");
                    }));
    assertEquals("already there", thrown.getMessage());
    assertEquals(
        new AuditEvent(
            "bob", null, "console:thing", "thing:x", null, "failure:Conflict: already there"),
        audit.last());
  }

  @Test
  public void roleParsesCaseInsensitivelyAndRejectsUnknownNames() {
    assertEquals(Role.EDITOR, CommandSupport.role("Editor"));
    ValidationException e =
        assertThrows(ValidationException.class, () -> CommandSupport.role("boss"));
    assertTrue(e.getMessage().contains("unknown role 'boss'"));
    assertTrue(e.getMessage().contains("viewer"));
  }

  @Test
  public void messageIsOneLine() {
    String m = CommandSupport.message(new IllegalStateException("first\n  second\r\nthird"));
    assertEquals("first second third", m);
    assertFalse(m.contains("\n"));
  }

  @Test
  public void passwordMustBeTypedTwiceTheSame() throws Exception {
    assertEquals("s3cret", new String(Fakes.typed("s3cret", "s3cret").readNew()));
    assertThrows(ValidationException.class, () -> Fakes.typed("s3cret", "other").readNew());
    assertThrows(ValidationException.class, () -> Fakes.typed("", "").readNew());
    assertThrows(ValidationException.class, () -> Fakes.typed().readNew());
  }
}
