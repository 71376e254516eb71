package org.socialweave.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.socialweave.api.User;
import org.socialweave.api.UserService;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.audit.AuditLog;

@Service
@Command(
    scope = "socialweave",
    name = "role-revoke",
    description = "Removes a user from a workspace")
public class RoleRevokeCommand extends SocialWeaveCommand {

  @Reference WorkspaceService workspaces;
  @Reference UserService users;
  @Reference AuditLog auditLog;

  @Argument(index = 0, name = "workspace", description = "Workspace slug or id", required = true)
  @Completion(WorkspaceCompleter.class)
  String workspace;

  @Argument(index = 1, name = "user", description = "Username or id", required = true)
  @Completion(UsernameCompleter.class)
  String user;

  @Override
  protected void run() throws Exception {
    User target =
        audited(
            auditLog,
            "role-revoke",
            "user:" + user,
            ctx -> {
              Workspace w = CommandSupport.workspace(workspaces, workspace);
              ctx.workspaceId = w.id();
              User u = CommandSupport.user(users, user);
              ctx.target = "user:" + u.username();
              workspaces.revoke(w.id(), u.id());
              return u;
            });
    out().println("Removed " + target.username() + " from workspace " + workspace);
  }
}
