package org.socialweave.api.notify;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

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

  /**
   * Sends a message to members of a workspace over the channels each of them chose, else the
   * channels the workspace set, else every channel present; each channel gets one notification per
   * language, addressed to its recipients (their e-mail addresses for {@code email}, their user ids
   * otherwise). A channel that fails does not stop the others.
   *
   * @param message writes the notification in a language; its recipients are filled in here
   * @return how many notifications were delivered
   * @throws NotificationException when every attempt failed
   */
  int notifyUsers(
      String workspaceId, Collection<String> userIds, Function<Locale, Notification> message);
}
