package org.socialweave.shell.internal;

import java.security.AccessController;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.User;
import org.socialweave.api.UserService;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.audit.AuditEvent;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.SocialWeaveException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Role;

/** The bits every command shares: paging, lookups, the console actor and auditing. */
final class CommandSupport {

  /** Actor recorded when the shell runs without a JAAS subject (local console, scripts). */
  static final String CONSOLE_ACTOR = "console";

  private CommandSupport() {}

  /** Reads every page of a list, following the cursors until the end. */
  static <T> List<T> all(Function<PageRequest, Page<T>> pager) {
    List<T> items = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String cursor = null;
    do {
      Page<T> page = pager.apply(PageRequest.of(PageRequest.MAX_LIMIT, cursor));
      items.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null && !cursor.isEmpty() && seen.add(cursor));
    return items;
  }

  /** The user logged in to this shell session, or {@value #CONSOLE_ACTOR}. */
  @SuppressWarnings("removal")
  static String currentActor() {
    Subject subject;
    try {
      subject = Subject.getSubject(AccessController.getContext());
    } catch (UnsupportedOperationException e) {
      // Newer JDKs without a security manager; nothing to read the subject from.
      subject = null;
    }
    if (subject != null) {
      for (UserPrincipal principal : subject.getPrincipals(UserPrincipal.class)) {
        if (principal.getName() != null && !principal.getName().isBlank()) {
          return principal.getName();
        }
      }
    }
    return CONSOLE_ACTOR;
  }

  static User user(UserService users, String idOrUsername) {
    return users.find(idOrUsername).orElseThrow(() -> new NotFoundException("user", idOrUsername));
  }

  static Workspace workspace(WorkspaceService workspaces, String idOrSlug) {
    return workspaces
        .find(idOrSlug)
        .orElseThrow(() -> new NotFoundException("workspace", idOrSlug));
  }

  /** Parses a role as typed in the console; an unknown name is a validation error. */
  static Role role(String name) {
    try {
      return Role.parse(name);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ValidationException(
          "role", "unknown role '" + name + "', expected one of " + roleNames());
    }
  }

  static List<String> roleNames() {
    List<String> names = new ArrayList<>();
    for (Role role : Role.values()) {
      names.add(role.name().toLowerCase(java.util.Locale.ROOT));
    }
    return names;
  }

  /** A one-line, human message for an error, without a stack trace. */
  static String message(Exception e) {
    String text;
    if (e instanceof SocialWeaveException swe) {
      text = swe.title() + ": " + swe.getMessage();
    } else {
      text = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
    return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }

  /** What an audited operation may fill in while it runs. */
  static final class AuditContext {
    String workspaceId;
    String target;

    AuditContext(String target) {
      this.target = target;
    }
  }

  @FunctionalInterface
  interface AuditedOperation<T> {
    T run(AuditContext context) throws Exception;
  }

  /**
   * Runs a state-changing operation and records it in the audit log: {@code success}, or {@code
   * failure:<message>} before the error is passed on.
   */
  static <T> T audited(
      AuditLog auditLog, String actor, String action, String target, AuditedOperation<T> operation)
      throws Exception {
    AuditContext context = new AuditContext(target);
    T result;
    try {
      result = operation.run(context);
    } catch (Exception e) {
      auditLog.record(
          new AuditEvent(
              actor, context.workspaceId, action, context.target, null, "failure:" + message(e)));
      throw e;
    }
    auditLog.record(
        new AuditEvent(actor, context.workspaceId, action, context.target, null, "success"));
    return result;
  }
}
