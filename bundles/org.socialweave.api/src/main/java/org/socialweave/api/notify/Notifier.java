package org.socialweave.api.notify;

/**
 * Delivers notifications over one channel (e-mail, a webhook, a chat robot). Implementations are
 * OSGi services; {@link NotificationService} routes to whichever are present.
 */
public interface Notifier {

  /** The channel name, e.g. {@code email} or {@code webhook}; unique among the notifiers. */
  String channel();

  /**
   * Sends {@code notification} now.
   *
   * @throws NotificationException when the channel refused or could not be reached
   */
  void send(Notification notification);
}
