package org.socialweave.notify.internal.mail;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.notify.Notification;
import org.socialweave.api.notify.NotificationException;
import org.socialweave.notify.internal.testing.TestSmtpServer;

/**
 * The e-mail notifier's STARTTLS path against a server that refuses mail in the clear: with the
 * server's certificate in the trust store the message goes out over TLS; with an untrusted
 * certificate, or a server that offers no STARTTLS while it is required, nothing is sent.
 */
public class MailStartTlsTest {

  private static final Notification REMINDER =
      new Notification(
          null,
          List.of("legal@brand.example"),
          "审批即将超时：法务",
          "帖子等待您的决定。",
          URI.create("https://sw.example/approvals/1"),
          Locale.CHINESE);

  private SSLContext jvmDefault;
  private TestSmtpServer smtp;

  @Before
  public void keepTheJvmTrustStore() throws NoSuchAlgorithmException {
    jvmDefault = SSLContext.getDefault();
  }

  @After
  public void restore() {
    SSLContext.setDefault(jvmDefault);
    if (smtp != null) {
      smtp.close();
    }
  }

  /** The notifier as production configures it: STARTTLS on and required (the defaults). */
  private static MailNotifier notifier(int port) {
    return new MailNotifier(
        new MailNotifier.Settings(
            "127.0.0.1", port, true, true, "", () -> null, "SocialWeave <noreply@sw.example>", 5),
        Clock.systemUTC());
  }

  @Test
  public void withTheServersCertificateTrustedTheMessageGoesOutOverTls() throws Exception {
    smtp = TestSmtpServer.requiringStartTls();
    // What an operator does for an internal CA: the JVM's trust store holds it.
    SSLContext.setDefault(TestSmtpServer.trustingTheServer());
    notifier(smtp.port()).send(REMINDER);
    assertEquals(1, smtp.to("legal@brand.example").size());
    TestSmtpServer.Received got = smtp.to("legal@brand.example").get(0);
    assertEquals("【SocialWeave】审批即将超时：法务", got.message().getSubject());
    assertTrue(got.body(), got.body().contains("帖子等待您的决定。"));
  }

  @Test
  public void anUntrustedCertificateSendsNothing() {
    smtp = TestSmtpServer.requiringStartTls();
    NotificationException refused =
        assertThrows(NotificationException.class, () -> notifier(smtp.port()).send(REMINDER));
    assertTrue(refused.getMessage(), refused.getMessage().contains("refused"));
    assertEquals(List.of(), smtp.received);
  }

  @Test
  public void aServerWithoutStartTlsIsRefusedWhileItIsRequired() {
    smtp = TestSmtpServer.plain();
    NotificationException refused =
        assertThrows(NotificationException.class, () -> notifier(smtp.port()).send(REMINDER));
    assertTrue(refused.getMessage(), refused.getMessage().contains("STARTTLS"));
    assertEquals(List.of(), smtp.received);
  }
}
