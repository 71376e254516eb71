package org.socialweave.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.content.Campaign;
import org.socialweave.api.content.CampaignService;
import org.socialweave.api.content.CampaignStatus;

@Service
@Command(
    scope = "socialweave",
    name = "campaign-list",
    description = "Lists the campaigns of a workspace with their goals")
public class CampaignListCommand extends SocialWeaveCommand {

  @Reference WorkspaceService workspaces;
  @Reference CampaignService campaigns;

  @Argument(index = 0, name = "workspace", description = "Workspace slug or id", required = true)
  @Completion(WorkspaceCompleter.class)
  String workspace;

  @Option(name = "--status", description = "Only campaigns in this status (PLANNED, ACTIVE, ...)")
  CampaignStatus status;

  @Override
  protected void run() {
    Workspace w = CommandSupport.workspace(workspaces, workspace);
    ShellTable table = new ShellTable().emptyTableText("no campaigns in " + w.slug());
    table.column("ID");
    table.column("Name").maxSize(40);
    table.column("Status");
    table.column("Goal");
    table.column("Period");
    table.column("Owner");
    table.column("Channels");
    for (Campaign c : CommandSupport.all(page -> campaigns.list(w.id(), status, page))) {
      table
          .addRow()
          .addContent(
              c.id(),
              c.name(),
              c.status(),
              c.kpi() + " " + c.targetValue().toPlainString(),
              (c.startsOn() == null ? "" : c.startsOn() + " ") + "→ " + c.deadline(),
              c.ownerId(),
              c.channelIds().size());
    }
    table.print(out());
  }
}
