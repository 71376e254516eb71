package org.socialweave.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.content.PostingScheduleService;
import org.socialweave.api.content.QueueResult;
import org.socialweave.api.content.QueuedSlot;

@Service
@Command(
    scope = "socialweave",
    name = "queue-add",
    description =
        "Adds a post to the queue: each of its channels at the next free slot of its posting"
            + " schedule")
public class QueueAddCommand extends SocialWeaveCommand {

  @Reference WorkspaceService workspaces;
  @Reference PostingScheduleService schedules;
  @Reference AuditLog auditLog;

  @Argument(index = 0, name = "workspace", description = "Workspace slug or id", required = true)
  @Completion(WorkspaceCompleter.class)
  String workspace;

  @Argument(index = 1, name = "post", description = "The post's id", required = true)
  String postId;

  @Override
  protected void run() throws Exception {
    QueueResult result =
        audited(
            auditLog,
            "queue-add",
            "post/" + postId,
            ctx -> {
              Workspace w = CommandSupport.workspace(workspaces, workspace);
              ctx.workspaceId = w.id();
              return schedules.queue(w.id(), postId, actor());
            });
    out().println("Post " + result.post().id() + " is " + result.post().status());
    ShellTable table = new ShellTable();
    table.column("Channel");
    table.column("Local time");
    table.column("Zone");
    table.column("At (UTC)");
    table.column("Skipped");
    for (QueuedSlot slot : result.slots()) {
      table
          .addRow()
          .addContent(
              slot.channelId(),
              slot.localTime(),
              slot.timeZone(),
              slot.at(),
              slot.skipped().size());
    }
    table.print(out());
  }
}
