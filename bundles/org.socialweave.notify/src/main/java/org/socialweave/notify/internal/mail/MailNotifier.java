package org.socialweave.notify.internal.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.notify.Notification;
import org.socialweave.api.notify.NotificationException;
import org.socialweave.api.notify.Notifier;
import org.socialweave.api.vault.SecretVault;

/**
 * The {@code email} channel: one message per notification over SMTP (Jakarta Mail with Angus),
 * written from the zh or en template, sent to the recipients as Bcc (and no To) so colleagues'
 * addresses stay private, marked {@code Auto-Submitted} so autoresponders stay quiet. The SMTP
 * password is read from the vault at every send, so a rotated password needs no restart.
 */
@Component(
    service = Notifier.class,
    configurationPid = MailConfig.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    property = "socialweave.notifier=email")
@Designate(ocd = MailConfig.class)
public class MailNotifier implements Notifier {

  /** The settings a message is sent with; the password is fetched when it is needed. */
  record Settings(
      String host,
      int port,
      boolean startTls,
      boolean startTlsRequired,
      String username,
      Supplier<char[]> password,
      String from,
      int timeoutSeconds) {}

  private final Settings settings;
  private final InternetAddress from;
  private final Clock clock;
  private final Map<String, Template> templates = new ConcurrentHashMap<>();

  @Activate
  public MailNotifier(
      MailConfig config, @Reference SecretVault vault, @Reference WorkspaceService workspaces) {
    this(
        new Settings(
            config.host(),
            config.port(),
            config.startTls(),
            config.startTlsRequired(),
            config.username(),
            () -> {
              if (config.passwordWorkspace().isBlank()) {
                throw new NotificationException(
                    "SMTP authentication is configured without passwordWorkspace");
              }
              String ws =
                  workspaces
                      .find(config.passwordWorkspace())
                      .map(Workspace::id)
                      .orElseThrow(
                          () ->
                              new NotificationException(
                                  "passwordWorkspace names no workspace: "
                                      + config.passwordWorkspace()));
              return vault.reveal(ws, config.passwordSecret());
            },
            config.from(),
            config.timeoutSeconds()),
        Clock.systemUTC());
  }

  MailNotifier(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    try {
      this.from = new InternetAddress(settings.from(), true);
    } catch (AddressException e) {
      throw new IllegalArgumentException("from is not an e-mail address: " + settings.from(), e);
    }
  }

  @Override
  public String channel() {
    return "email";
  }

  @Override
  public void send(Notification notification) {
    if (notification.recipients().isEmpty()) {
      throw new NotificationException("an e-mail needs at least one recipient");
    }
    Template template = template(notification.locale());
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(providers());
    try {
      Session session = Session.getInstance(properties());
      MimeMessage message = new MimeMessage(session);
      message.setFrom(from);
      message.setRecipients(Message.RecipientType.BCC, addresses(notification.recipients()));
      message.setSubject(template.subject(notification), "UTF-8");
      message.setText(template.body(notification), "UTF-8");
      message.setSentDate(Date.from(clock.instant()));
      message.setHeader("Auto-Submitted", "auto-generated");
      message.setHeader("Content-Language", notification.locale().toLanguageTag());
      if (settings.username().isBlank()) {
        Transport.send(message);
      } else {
        char[] password = settings.password().get();
        try {
          Transport.send(message, settings.username(), new String(password));
        } finally {
          java.util.Arrays.fill(password, '\0');
        }
      }
    } catch (MessagingException e) {
      throw new NotificationException(
          "the SMTP server " + settings.host() + ":" + settings.port() + " refused: " + e, e);
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  private Properties properties() {
    Properties p = new Properties();
    String timeout = Integer.toString(settings.timeoutSeconds() * 1000);
    p.put("mail.transport.protocol", "smtp");
    p.put("mail.smtp.host", settings.host());
    p.put("mail.smtp.port", Integer.toString(settings.port()));
    p.put("mail.smtp.auth", Boolean.toString(!settings.username().isBlank()));
    p.put("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
    p.put("mail.smtp.starttls.required", Boolean.toString(settings.startTlsRequired()));
    p.put("mail.smtp.connectiontimeout", timeout);
    p.put("mail.smtp.timeout", timeout);
    p.put("mail.smtp.writetimeout", timeout);
    p.put("mail.smtp.from", from.getAddress());
    return p;
  }

  private static InternetAddress[] addresses(List<String> recipients) {
    InternetAddress[] out = new InternetAddress[recipients.size()];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = new InternetAddress(recipients.get(i), true);
      } catch (AddressException e) {
        throw new NotificationException("not an e-mail address: " + recipients.get(i));
      }
    }
    return out;
  }

  private static ClassLoader providers() {
    return new ProviderClassLoader(
        MailNotifier.class.getClassLoader(),
        List.of(
            org.eclipse.angus.mail.smtp.SMTPTransport.class.getClassLoader(),
            org.eclipse.angus.activation.MailcapRegistryProviderImpl.class.getClassLoader()));
  }

  private Template template(Locale locale) {
    String language = "zh".equals(locale.getLanguage()) ? "zh" : "en";
    return templates.computeIfAbsent(language, Template::load);
  }

  /**
   * A message template: the first line is the subject, the rest the body; {@code ${subject}},
   * {@code ${text}} and {@code ${link}} are filled in, and lines with {@code ${link}} are left out
   * when there is no link.
   */
  record Template(String subject, String body) {

    static Template load(String language) {
      String name = "mail_" + language + ".txt";
      try (InputStream in = MailNotifier.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("template " + name + " is missing from the bundle");
        }
        String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        int end = all.indexOf('\n');
        return new Template(all.substring(0, end).strip(), all.substring(end + 1));
      } catch (IOException e) {
        throw new IllegalStateException("template " + name + " cannot be read", e);
      }
    }

    String subject(Notification n) {
      return subject.replace("${subject}", n.subject()).replaceAll("[\\r\\n]+", " ");
    }

    String body(Notification n) {
      StringBuilder out = new StringBuilder();
      for (String line : body.split("\n", -1)) {
        if (line.contains("${link}") && n.link() == null) {
          continue;
        }
        out.append(
                line.replace("${subject}", n.subject())
                    .replace("${text}", n.text())
                    .replace("${link}", n.link() == null ? "" : n.link().toString()))
            .append('\n');
      }
      return out.toString().stripTrailing() + "\n";
    }
  }
}
