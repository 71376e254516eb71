package org.socialweave.webhooks.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.webhooks.internal.Webhook;
import org.socialweave.webhooks.internal.WebhookServiceImpl;

@Service
@Command(scope = "socialweave", name = "webhook-list", description = "Lists a workspace's webhooks")
public class WebhookListCommand implements Action {

  @Reference WebhookServiceImpl webhooks;
  @Reference Session session;

  @Argument(index = 0, name = "workspace", description = "Workspace slug or id", required = true)
  String workspace;

  @Override
  public Object execute() {
    ShellTable table = new ShellTable();
    table.column("Id");
    table.column("URL");
    table.column("Events");
    table.column("Active");
    table.column("Disabled because");
    String cursor = null;
    do {
      Page<Webhook> page = webhooks.list(workspace, PageRequest.of(PageRequest.MAX_LIMIT, cursor));
      for (Webhook w : page.items()) {
        table
            .addRow()
            .addContent(
                w.id(),
                w.url(),
                String.join(",", w.eventTypes()),
                w.active(),
                w.disabledReason() == null ? "" : w.disabledReason());
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    table.print(session.getConsole());
    return null;
  }
}
