package org.socialweave.approval.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.socialweave.api.notify.Notification;
import org.socialweave.api.notify.NotificationService;
import org.socialweave.notify.internal.mail.MailConfig;
import org.socialweave.notify.internal.mail.MailNotifier;
import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.helper.SimpleMessageListenerAdapter;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A real SMTP server (SubethaSMTP) on loopback with the notify bundle's real e-mail notifier in
 * front of it, as the approval bundle's {@link NotificationService} for its {@code email} channel.
 * Members' reminders are kept as they were handed over (the notify bundle routes and tests those).
 */
final class SmtpInbox implements NotificationService, AutoCloseable {

  /** A message as the server received it. */
  record Received(String envelopeTo, MimeMessage message) {
    String body() {
      try {
        return message.getContent().toString();
      } catch (IOException | MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  final List<Received> received = new CopyOnWriteArrayList<>();
  final List<Collection<String>> memberReminders = new CopyOnWriteArrayList<>();
  private final SMTPServer server;
  private final MailNotifier mail;

  SmtpInbox() {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server =
        new SMTPServer(
            new SimpleMessageListenerAdapter(
                new SimpleMessageListener() {
                  @Override
                  public boolean accept(String from, String recipient) {
                    return true;
                  }

                  @Override
                  public void deliver(String from, String recipient, InputStream data)
                      throws IOException {
                    try {
                      received.add(
                          new Received(
                              recipient,
                              new MimeMessage(
                                  Session.getInstance(new Properties()),
                                  new ByteArrayInputStream(data.readAllBytes()))));
                    } catch (MessagingException e) {
                      throw new IOException(e);
                    }
                  }
                }));
    server.setBindAddress(InetAddress.getLoopbackAddress());
    server.setPort(port);
    server.start();
    mail = new MailNotifier(config(port), null, null);
  }

  @Override
  public Set<String> channels() {
    return Set.of("email");
  }

  @Override
  public void send(String channel, Notification notification) {
    if (!"email".equals(channel)) {
      throw new org.socialweave.api.error.NotFoundException("notification channel", channel);
    }
    mail.send(notification);
  }

  @Override
  public int notifyUsers(
      String workspaceId, Collection<String> userIds, Function<Locale, Notification> message) {
    memberReminders.add(List.copyOf(userIds));
    return userIds.size();
  }

  List<Received> to(String address) {
    return received.stream().filter(r -> r.envelopeTo().equals(address)).toList();
  }

  @Override
  public void close() {
    server.stop();
  }

  /** Plain SMTP without authentication, as the test server speaks it. */
  private static MailConfig config(int port) {
    return new MailConfig() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return MailConfig.class;
      }

      @Override
      public String host() {
        return "127.0.0.1";
      }

      @Override
      public int port() {
        return port;
      }

      @Override
      public boolean startTls() {
        return false;
      }

      @Override
      public boolean startTlsRequired() {
        return false;
      }

      @Override
      public String username() {
        return "";
      }

      @Override
      public String passwordWorkspace() {
        return "";
      }

      @Override
      public String passwordSecret() {
        return "smtp-password";
      }

      @Override
      public String from() {
        return "SocialWeave <noreply@sw.example>";
      }

      @Override
      public int timeoutSeconds() {
        return 5;
      }
    };
  }
}
