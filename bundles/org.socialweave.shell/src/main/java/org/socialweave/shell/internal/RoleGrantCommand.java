package org.socialweave.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.socialweave.api.Membership;
import org.socialweave.api.User;
import org.socialweave.api.UserService;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.security.Role;

@Service
@Command(
    scope = "socialweave",
    name = "role-grant",
    description = "Gives a user a role in a workspace (replacing any role they had there)")
public class RoleGrantCommand extends SocialWeaveCommand {

  @Reference WorkspaceService workspaces;
  @Reference UserService users;
  @Reference AuditLog auditLog;

  @Argument(index = 0, name = "workspace", description = "Workspace slug or id", required = true)
  @Completion(WorkspaceCompleter.class)
  String workspace;

  @Argument(index = 1, name = "user", description = "Username or id", required = true)
  @Completion(UsernameCompleter.class)
  String user;

  @Argument(index = 2, name = "role", description = "viewer, analyst, editor, ...", required = true)
  @Completion(RoleCompleter.class)
  String role;

  @Override
  protected void run() throws Exception {
    Membership m =
        audited(
            auditLog,
            "role-grant",
            "user:" + user + " role:" + role,
            ctx -> {
              Role parsed = CommandSupport.role(role);
              Workspace w = CommandSupport.workspace(workspaces, workspace);
              ctx.workspaceId = w.id();
              User u = CommandSupport.user(users, user);
              ctx.target =
                  "user:"
                      + u.username()
                      + " role:"
                      + parsed.name().toLowerCase(java.util.Locale.ROOT);
              return workspaces.grant(w.id(), u.id(), parsed);
            });
    out()
        .println(
            "Granted "
                + m.role().name().toLowerCase(java.util.Locale.ROOT)
                + " in workspace "
                + workspace
                + " to "
                + (m.username() != null ? m.username() : user));
  }
}
