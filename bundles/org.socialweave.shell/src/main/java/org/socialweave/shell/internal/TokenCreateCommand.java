package org.socialweave.shell.internal;

import java.time.Duration;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.socialweave.api.IssuedToken;
import org.socialweave.api.TokenService;
import org.socialweave.api.User;
import org.socialweave.api.UserService;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Role;

@Service
@Command(
    scope = "socialweave",
    name = "token-create",
    description = "Issues an API token for a user in a workspace; the secret is shown only once")
public class TokenCreateCommand extends SocialWeaveCommand {

  @Reference WorkspaceService workspaces;
  @Reference UserService users;
  @Reference TokenService tokens;
  @Reference AuditLog auditLog;

  @Argument(index = 0, name = "workspace", description = "Workspace slug or id", required = true)
  @Completion(WorkspaceCompleter.class)
  String workspace;

  @Argument(index = 1, name = "user", description = "Username or id", required = true)
  @Completion(UsernameCompleter.class)
  String user;

  @Argument(index = 2, name = "name", description = "What the token is for", required = true)
  String name;

  @Argument(index = 3, name = "role", description = "Role the token acts with", required = true)
  @Completion(RoleCompleter.class)
  String role;

  @Option(name = "--expires-days", description = "Days until the token expires (default never)")
  Integer expiresDays;

  /** The clock; tests fix it. */
  Instant now;

  @Override
  protected void run() throws Exception {
    IssuedToken issued =
        audited(
            auditLog,
            "token-create",
            "token:" + name,
            ctx -> {
              Role parsed = CommandSupport.role(role);
              if (expiresDays != null && expiresDays < 1) {
                throw new ValidationException(
                    "expiresDays", "--expires-days must be at least 1, was " + expiresDays);
              }
              Workspace w = CommandSupport.workspace(workspaces, workspace);
              ctx.workspaceId = w.id();
              User u = CommandSupport.user(users, user);
              Instant expiresAt =
                  expiresDays == null
                      ? null
                      : (now != null ? now : Instant.now()).plus(Duration.ofDays(expiresDays));
              IssuedToken token = tokens.issue(w.id(), u.id(), name, parsed, expiresAt);
              ctx.target = "token:" + token.token().id();
              return token;
            });
    out().println("Created token " + issued.token().id() + " (" + name + ")");
    out()
        .println(
            "Expires: "
                + (issued.token().expiresAt() == null ? "never" : issued.token().expiresAt()));
    out().println("Secret (shown only now, store it safely): " + issued.secret());
  }
}
