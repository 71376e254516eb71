package org.socialweave.shell.internal;

import java.time.Instant;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.socialweave.api.publish.PublishOutbox;
import org.socialweave.api.publish.PublishOutbox.OverdueJob;
import org.socialweave.api.publish.PublishOutbox.QueueStatus;

@Service
@Command(
    scope = "socialweave",
    name = "queue-status",
    description = "Shows the publishing queue: jobs by status and every job that is overdue")
public class QueueStatusCommand extends SocialWeaveCommand {

  @Reference PublishOutbox outbox;

  @Override
  protected void run() {
    Instant now = Instant.now();
    QueueStatus q = outbox.status(now);
    out()
        .println(
            "scheduled "
                + q.scheduled()
                + ", due now "
                + q.due()
                + (q.oldestDue() == null ? "" : " (oldest due at " + q.oldestDue() + ")")
                + ", publishing "
                + q.publishing()
                + ", failed "
                + q.failed());
    ShellTable table = new ShellTable().emptyTableText("no overdue jobs");
    table.column("Job");
    table.column("Workspace");
    table.column("Post");
    table.column("Channel");
    table.column("Due");
    table.column("State");
    for (OverdueJob j : outbox.overdue(now.minus(PublishOutbox.OVERDUE_AFTER), 50)) {
      table
          .addRow()
          .addContent(j.jobId(), j.workspaceId(), j.postId(), j.channelId(), j.dueAt(), j.state());
    }
    table.print(out());
  }
}
