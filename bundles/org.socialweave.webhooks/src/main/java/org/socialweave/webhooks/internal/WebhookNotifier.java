package org.socialweave.webhooks.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialweave.api.notify.Notification;
import org.socialweave.api.notify.NotificationException;
import org.socialweave.api.notify.Notifier;

/**
 * The {@code webhook} channel: a notification becomes a {@code notification} event queued for every
 * active subscription of its workspace that asked for it, and is delivered, signed and retried like
 * the publishing events. Recipients are member ids.
 */
@Component(service = Notifier.class, property = "socialweave.notifier=webhook")
public class WebhookNotifier implements Notifier {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);

  private final WebhookServiceImpl webhooks;

  @Activate
  public WebhookNotifier(@Reference WebhookServiceImpl webhooks) {
    this.webhooks = webhooks;
  }

  @Override
  public String channel() {
    return "webhook";
  }

  @Override
  public void send(Notification notification) {
    if (notification.workspaceId() == null) {
      throw new NotificationException("a webhook notification belongs to a workspace");
    }
    Map<String, String> data = new LinkedHashMap<>();
    data.put("subject", notification.subject());
    data.put("text", notification.text());
    data.put("locale", notification.locale().toLanguageTag());
    data.put("recipients", String.join(",", notification.recipients()));
    if (notification.link() != null) {
      data.put("link", notification.link().toString());
    }
    int queued = webhooks.enqueue(notification.workspaceId(), EventType.NOTIFICATION, data);
    // No subscription asked for notifications: nothing to deliver, which is not a failure.
    LOG.debug("Notification queued for {} webhook(s)", queued);
  }
}
