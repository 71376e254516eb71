package org.socialweave.api.notify;

import java.util.Set;

/** Routes notifications to the {@link Notifier}s present at the time of the call. */
public interface NotificationService {

  /** The channels a notification can be sent over now. */
  Set<String> channels();

  /**
   * Sends {@code notification} over {@code channel}.
   *
   * @throws org.socialweave.api.error.NotFoundException when no notifier serves the channel
   * @throws NotificationException when the notifier failed
   */
  void send(String channel, Notification notification);
}
