package org.socialweave.approval.internal;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.notify.Notification;
import org.socialweave.api.notify.NotificationService;
import org.socialweave.notify.internal.mail.MailNotifier;
import org.socialweave.notify.internal.mail.MailNotifierAccess;
import org.socialweave.notify.internal.testing.TestSmtpServer;

/**
 * The notify bundle's real e-mail notifier in front of a real SMTP server on loopback, as the
 * approval bundle's {@link NotificationService} for its {@code email} channel. Members' reminders
 * are kept as they were handed over (the notify bundle routes and tests those).
 */
final class SmtpInbox implements NotificationService, AutoCloseable {

  final List<Collection<String>> memberReminders = new CopyOnWriteArrayList<>();
  private final TestSmtpServer server = TestSmtpServer.plain();
  private final MailNotifier mail =
      MailNotifierAccess.create("127.0.0.1", server.port(), "", () -> null, Clock.systemUTC());

  @Override
  public Set<String> channels() {
    return Set.of("email");
  }

  @Override
  public void send(String channel, Notification notification) {
    if (!"email".equals(channel)) {
      throw new NotFoundException("notification channel", channel);
    }
    mail.send(notification);
  }

  @Override
  public int notifyUsers(
      String workspaceId, Collection<String> userIds, Function<Locale, Notification> message) {
    memberReminders.add(List.copyOf(userIds));
    return userIds.size();
  }

  List<TestSmtpServer.Received> to(String address) {
    return server.to(address);
  }

  @Override
  public void close() {
    server.close();
  }
}
