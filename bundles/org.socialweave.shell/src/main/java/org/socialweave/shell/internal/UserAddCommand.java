package org.socialweave.shell.internal;

import java.util.Arrays;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.socialweave.api.User;
import org.socialweave.api.UserService;
import org.socialweave.api.audit.AuditLog;

@Service
@Command(
    scope = "socialweave",
    name = "user-add",
    description = "Creates a user account; the password is asked twice with echo off")
public class UserAddCommand extends SocialWeaveCommand {

  @Reference UserService users;
  @Reference AuditLog auditLog;

  @Argument(index = 0, name = "username", description = "Login name", required = true)
  String username;

  @Option(name = "--admin", description = "Make the user a system administrator")
  boolean admin;

  @Option(name = "--display-name", aliases = "-d", description = "Name shown to other users")
  String displayName;

  @Option(name = "--email", aliases = "-e", description = "E-mail address")
  String email;

  /** Where the password comes from; the session console unless a test sets it. */
  PasswordPrompt passwords;

  @Override
  protected void run() throws Exception {
    PasswordPrompt prompt = passwords != null ? passwords : PasswordPrompt.of(session);
    User user =
        audited(
            auditLog,
            "user-add",
            "user:" + username,
            ctx -> {
              char[] password = prompt.readNew();
              try {
                return users.create(username, displayName, email, password, admin);
              } finally {
                Arrays.fill(password, '\0');
              }
            });
    out()
        .println(
            "Created user "
                + user.username()
                + " (id "
                + user.id()
                + (user.systemAdmin() ? ", system administrator" : "")
                + ")");
  }
}
