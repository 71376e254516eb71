package org.socialweave.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.socialweave.api.User;
import org.socialweave.api.UserService;
import org.socialweave.api.audit.AuditLog;

@Service
@Command(
    scope = "socialweave",
    name = "user-disable",
    description = "Disables a user account (or enables it again with --enable)")
public class UserDisableCommand extends SocialWeaveCommand {

  @Reference UserService users;
  @Reference AuditLog auditLog;

  @Argument(index = 0, name = "user", description = "Username or id", required = true)
  @Completion(UsernameCompleter.class)
  String user;

  @Option(name = "--enable", description = "Enable the account instead")
  boolean enable;

  @Override
  protected void run() throws Exception {
    User target =
        audited(
            auditLog,
            enable ? "user-enable" : "user-disable",
            "user:" + user,
            ctx -> {
              User found = CommandSupport.user(users, user);
              users.setDisabled(found.id(), !enable);
              return found;
            });
    out().println((enable ? "Enabled user " : "Disabled user ") + target.username());
  }
}
