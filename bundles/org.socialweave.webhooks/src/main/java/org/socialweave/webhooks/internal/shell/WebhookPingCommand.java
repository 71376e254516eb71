package org.socialweave.webhooks.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.webhooks.internal.Delivery;
import org.socialweave.webhooks.internal.WebhookServiceImpl;

@Service
@Command(
    scope = "socialweave",
    name = "webhook-ping",
    description = "Queues a signed ping to a webhook, due now")
public class WebhookPingCommand implements Action {

  @Reference WebhookServiceImpl webhooks;
  @Reference AuditLog audit;
  @Reference Session session;

  @Argument(index = 0, name = "workspace", description = "Workspace slug or id", required = true)
  String workspace;

  @Argument(index = 1, name = "webhook", description = "Webhook id", required = true)
  @Completion(WebhookIdCompleter.class)
  String webhookId;

  @Override
  public Object execute() {
    Delivery delivery =
        WebhookAudit.audited(
            audit,
            session,
            webhooks.get(workspace, webhookId).workspaceId(),
            "webhook.ping",
            "webhooks/" + webhookId,
            () -> webhooks.ping(workspace, webhookId));
    session.getConsole().println("Ping queued as delivery " + delivery.id());
    return null;
  }
}
