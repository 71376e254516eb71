package org.socialweave.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.audit.AuditEntry;
import org.socialweave.api.audit.AuditEvent;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.error.ValidationException;

@Service
@Command(
    scope = "socialweave",
    name = "audit-tail",
    description = "Shows the newest audit entries, oldest first")
public class AuditTailCommand extends SocialWeaveCommand {

  @Reference AuditLog auditLog;
  @Reference WorkspaceService workspaces;

  @Option(name = "--workspace", aliases = "-w", description = "Only this workspace (slug or id)")
  @Completion(WorkspaceCompleter.class)
  String workspace;

  @Option(name = "-n", aliases = "--count", description = "How many entries (default 20)")
  int count = 20;

  @Override
  protected void run() {
    if (count < 1 || count > 1000) {
      throw new ValidationException("count", "-n must be between 1 and 1000, was " + count);
    }
    String workspaceId =
        workspace == null ? null : CommandSupport.workspace(workspaces, workspace).id();
    ShellTable table = new ShellTable().emptyTableText("no audit entries");
    table.column("Seq");
    table.column("At");
    table.column("Actor");
    table.column("Workspace");
    table.column("Action");
    table.column("Target");
    table.column("Outcome");
    for (AuditEntry entry : auditLog.tail(workspaceId, count)) {
      AuditEvent e = entry.event();
      table
          .addRow()
          .addContent(
              entry.sequence(),
              entry.at(),
              e.actor(),
              orDash(e.workspaceId()),
              e.action(),
              orDash(e.target()),
              e.outcome());
    }
    table.print(out());
  }

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }
}
