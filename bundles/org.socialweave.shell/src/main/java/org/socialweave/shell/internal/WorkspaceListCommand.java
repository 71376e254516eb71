package org.socialweave.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;

@Service
@Command(scope = "socialweave", name = "workspace-list", description = "Lists all workspaces")
public class WorkspaceListCommand extends SocialWeaveCommand {

  @Reference WorkspaceService workspaces;

  @Override
  protected void run() {
    ShellTable table = new ShellTable().emptyTableText("no workspaces");
    table.column("ID");
    table.column("Slug");
    table.column("Name");
    table.column("Time zone");
    table.column("Created");
    for (Workspace w : CommandSupport.all(workspaces::list)) {
      table.addRow().addContent(w.id(), w.slug(), w.name(), w.timeZone(), w.createdAt());
    }
    table.print(out());
  }
}
