package org.socialweave.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.socialweave.api.User;
import org.socialweave.api.UserService;

@Service
@Command(scope = "socialweave", name = "user-list", description = "Lists all user accounts")
public class UserListCommand extends SocialWeaveCommand {

  @Reference UserService users;

  @Override
  protected void run() {
    ShellTable table = new ShellTable().emptyTableText("no users");
    table.column("ID");
    table.column("Username");
    table.column("Display name");
    table.column("E-mail");
    table.column("Admin");
    table.column("Disabled");
    for (User u : CommandSupport.all(users::list)) {
      table
          .addRow()
          .addContent(
              u.id(),
              u.username(),
              orEmpty(u.displayName()),
              orEmpty(u.email()),
              u.systemAdmin() ? "yes" : "no",
              u.disabled() ? "yes" : "no");
    }
    table.print(out());
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
