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
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.content.BestTimeService;
import org.socialweave.api.content.BestTimeSlot;
import org.socialweave.api.content.BestTimes;
import org.socialweave.api.content.EngagementFetch;

@Service
@Command(
    scope = "socialweave",
    name = "best-times",
    description =
        "Shows a channel's best publishing times from its posts' engagement by weekday and hour,"
            + " or the network's general times when there is too little history")
public class BestTimesCommand extends SocialWeaveCommand {

  @Reference WorkspaceService workspaces;
  @Reference BestTimeService bestTimes;
  @Reference AuditLog auditLog;

  @Argument(index = 0, name = "workspace", description = "Workspace slug or id", required = true)
  @Completion(WorkspaceCompleter.class)
  String workspace;

  @Argument(index = 1, name = "channel", description = "The channel's id", required = true)
  @Completion(ChannelCompleter.class)
  String channelId;

  @Option(name = "--limit", description = "How many slots to show (1-24)")
  int limit = 5;

  @Option(name = "--fetch", description = "Read the engagement of published posts first")
  boolean fetch;

  @Override
  protected void run() throws Exception {
    Workspace w = CommandSupport.workspace(workspaces, workspace);
    if (fetch) {
      EngagementFetch run =
          audited(
              auditLog,
              "best-times-fetch",
              "channel/" + channelId,
              ctx -> {
                ctx.workspaceId = w.id();
                return bestTimes.fetchEngagement(w.id(), channelId);
              });
      out()
          .println(
              "Read "
                  + run.fetched()
                  + " posts, "
                  + run.failed()
                  + " failed, "
                  + run.deferred()
                  + " left for later");
    }
    BestTimes best = bestTimes.bestTimes(w.id(), channelId, limit);
    out()
        .println(
            (best.basis() == BestTimes.Basis.HISTORY ? "From history" : "NETWORK DEFAULTS")
                + " ("
                + best.network()
                + ", "
                + best.timeZone()
                + "): "
                + best.note());
    ShellTable table = new ShellTable();
    table.column("Day");
    table.column("Hour");
    table.column("Posts");
    table.column("Median engagement");
    for (BestTimeSlot slot : best.slots()) {
      table
          .addRow()
          .addContent(
              slot.day(),
              String.format("%02d:00", slot.hour()),
              slot.samples(),
              slot.medianEngagementRate() == null
                  ? "-"
                  : String.format("%.2f%%", slot.medianEngagementRate() * 100));
    }
    table.print(out());
  }
}
