package org.socialweave.webhooks.internal;

import java.util.HashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialweave.api.publish.PublishEvents;

/**
 * Turns the publishing pipeline's EventAdmin events into queued webhook deliveries. The queue row
 * is written here, before the handler returns, so a crash afterwards loses nothing.
 */
@Component(property = EventConstants.EVENT_TOPIC + "=" + PublishEvents.ALL)
public class PublishEventListener implements EventHandler {

  private static final Logger LOG = LoggerFactory.getLogger(PublishEventListener.class);

  private final WebhookServiceImpl webhooks;

  @Activate
  public PublishEventListener(@Reference WebhookServiceImpl webhooks) {
    this.webhooks = webhooks;
  }

  @Override
  public void handleEvent(Event event) {
    EventType type = EventType.ofTopic(event.getTopic()).orElse(null);
    Object workspaceId = event.getProperty(PublishEvents.WORKSPACE_ID);
    if (type == null || workspaceId == null) {
      return;
    }
    Map<String, String> data = new HashMap<>();
    for (String name : event.getPropertyNames()) {
      Object value = event.getProperty(name);
      if (!name.equals(EventConstants.EVENT_TOPIC)
          && !name.equals(PublishEvents.WORKSPACE_ID)
          && value instanceof String text) {
        data.put(name, text);
      }
    }
    int queued = webhooks.enqueue(workspaceId.toString(), type, data);
    LOG.debug("{} queued for {} webhook(s)", type.wireName(), queued);
  }
}
