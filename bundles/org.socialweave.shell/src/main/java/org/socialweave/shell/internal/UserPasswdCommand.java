package org.socialweave.shell.internal;

import java.util.Arrays;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.socialweave.api.User;
import org.socialweave.api.UserService;
import org.socialweave.api.audit.AuditLog;

@Service
@Command(
    scope = "socialweave",
    name = "user-passwd",
    description = "Sets a user's password; it is asked twice with echo off")
public class UserPasswdCommand extends SocialWeaveCommand {

  @Reference UserService users;
  @Reference AuditLog auditLog;

  @Argument(index = 0, name = "user", description = "Username or id", required = true)
  @Completion(UsernameCompleter.class)
  String user;

  /** Where the password comes from; the session console unless a test sets it. */
  PasswordPrompt passwords;

  @Override
  protected void run() throws Exception {
    PasswordPrompt prompt = passwords != null ? passwords : PasswordPrompt.of(session);
    User target =
        audited(
            auditLog,
            "user-passwd",
            "user:" + user,
            ctx -> {
              User found = CommandSupport.user(users, user);
              char[] password = prompt.readNew();
              try {
                users.changePassword(found.id(), password);
              } finally {
                Arrays.fill(password, '\0');
              }
              return found;
            });
    out().println("Password changed for " + target.username());
  }
}
