package org.socialweave.webhooks.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.socialweave.api.publish.PublishEvents;

/** The events a subscription can ask for, by their wire name, and the topic each comes from. */
public enum EventType {
  SCHEDULED(PublishEvents.SCHEDULED),
  PUBLISHED(PublishEvents.PUBLISHED),
  FAILED(PublishEvents.FAILED),
  CANCELLED(PublishEvents.CANCELLED),
  /** A notification for people (an SLA reminder, ...), from the webhook notifier; no topic. */
  NOTIFICATION(null);

  /** The type of a test delivery; every subscription receives it, none subscribes to it. */
  public static final String PING = "ping";

  private final String topic;

  EventType(String topic) {
    this.topic = topic;
  }

  /**
   * {@code post.published} and so on (and {@code notification}): the {@code type} field and the
   * event header.
   */
  public String wireName() {
    String name = name().toLowerCase(Locale.ROOT);
    return topic == null ? name : "post." + name;
  }

  public static Optional<EventType> ofTopic(String topic) {
    return Arrays.stream(values()).filter(t -> topic.equals(t.topic)).findFirst();
  }

  /** Accepts the short name ({@code published}) as well as the wire name, in any case. */
  public static Optional<EventType> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String name = value.strip().toLowerCase(Locale.ROOT);
    String shortName = name.startsWith("post.") ? name.substring(5) : name;
    return Arrays.stream(values())
        .filter(t -> t.name().toLowerCase(Locale.ROOT).equals(shortName))
        .findFirst();
  }
}
