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
    name = "webhook-redeliver",
    description = "Sends a delivery again from the start of its retry schedule, same delivery id")
public class WebhookRedeliverCommand implements Action {

  @Reference WebhookServiceImpl webhooks;
  @Reference AuditLog audit;
  @Reference Session session;

  @Argument(index = 0, name = "workspace", description = "Workspace slug or id", required = true)
  String workspace;

  @Argument(index = 1, name = "webhook", description = "Webhook id", required = true)
  @Completion(WebhookIdCompleter.class)
  String webhookId;

  @Argument(index = 2, name = "delivery", description = "Delivery id", required = true)
  String deliveryId;

  @Override
  public Object execute() {
    Delivery delivery =
        WebhookAudit.audited(
            audit,
            session,
            webhooks.get(workspace, webhookId).workspaceId(),
            "webhook.redeliver",
            "webhooks/" + webhookId + "/deliveries/" + deliveryId,
            () -> webhooks.redeliver(workspace, webhookId, deliveryId));
    session.getConsole().println("Delivery " + delivery.id() + " is " + delivery.status());
    return null;
  }
}
