package org.socialweave.shell.internal;

import java.time.Instant;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.socialweave.api.ApiToken;
import org.socialweave.api.TokenService;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;

@Service
@Command(
    scope = "socialweave",
    name = "token-list",
    description = "Lists the API tokens of a workspace (never their secrets)")
public class TokenListCommand extends SocialWeaveCommand {

  @Reference WorkspaceService workspaces;
  @Reference TokenService tokens;

  @Argument(index = 0, name = "workspace", description = "Workspace slug or id", required = true)
  @Completion(WorkspaceCompleter.class)
  String workspace;

  @Override
  protected void run() {
    Workspace w = CommandSupport.workspace(workspaces, workspace);
    Instant now = Instant.now();
    ShellTable table = new ShellTable().emptyTableText("no tokens in " + w.slug());
    table.column("ID");
    table.column("Name");
    table.column("User");
    table.column("Role");
    table.column("Prefix");
    table.column("Created");
    table.column("Expires");
    table.column("Last used");
    table.column("Status");
    for (ApiToken t : CommandSupport.all(page -> tokens.list(w.id(), page))) {
      table
          .addRow()
          .addContent(
              t.id(),
              t.name(),
              t.userId(),
              t.role().name().toLowerCase(java.util.Locale.ROOT),
              orDash(t.prefix()),
              t.createdAt(),
              orDash(t.expiresAt()),
              orDash(t.lastUsedAt()),
              t.revokedAt() != null ? "revoked" : t.isActive(now) ? "active" : "expired");
    }
    table.print(out());
  }

  private static String orDash(Object value) {
    return value == null ? "-" : value.toString();
  }
}
