package org.socialweave.notify.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.User;
import org.socialweave.api.Workspace;
import org.socialweave.api.error.PreconditionFailedException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.notify.Notification;
import org.socialweave.api.notify.NotificationException;
import org.socialweave.api.notify.Notifier;
import org.socialweave.core.internal.identity.UserServiceImpl;
import org.socialweave.core.internal.identity.WorkspaceServiceImpl;
import org.socialweave.core.internal.testing.DatabaseTestBase;
import org.socialweave.core.internal.testing.MutableClock;
import org.socialweave.core.internal.testing.TestDatabase;
import org.socialweave.core.internal.testing.TestSecurityConfig;
import org.socialweave.core.internal.vault.SecretVaultImpl;
import org.socialweave.notify.internal.mail.MailNotifierAccess;
import org.socialweave.notify.internal.testing.TestSmtpServer;
import org.socialweave.notify.internal.testing.TestSmtpServer.Received;

/**
 * Notifications routed by preferences on a real database, delivered by the real e-mail notifier to
 * a real SMTP server (SubethaSMTP) in this JVM, which checks the password kept in the vault.
 */
public class NotificationRoutingTest extends DatabaseTestBase {

  private static final byte[] VAULT_KEY = new SecureRandom().generateSeed(32);
  private static TestDatabase emfDatabase;
  private static EntityManagerFactory emf;

  private TestSmtpServer smtp;
  private NotificationServiceImpl notifications;
  private Workspace ws;
  private User zhang;
  private User smith;

  /** The webhook channel as the router sees it (the webhooks bundle delivers it for real). */
  private final List<Notification> webhookCalls = new CopyOnWriteArrayList<>();

  @Before
  public void setUp() {
    if (emfDatabase != testDb) {
      if (emf != null) {
        emf.close();
      }
      emf =
          Persistence.createEntityManagerFactory(
              "socialweave.notify",
              Map.of(
                  "javax.persistence.nonJtaDataSource",
                  testDb.dataSource(),
                  "eclipselink.logging.level",
                  "SEVERE"));
      emfDatabase = testDb;
    }
    MutableClock clock = MutableClock.atNow();
    WorkspaceServiceImpl workspaces = new WorkspaceServiceImpl(db(), clock);
    UserServiceImpl users = new UserServiceImpl(db(), TestSecurityConfig.fast(), clock);
    ws = workspaces.create(unique("nt-"), "Notify", "Asia/Shanghai");
    zhang =
        users.create(
            unique("zhang"), "张伟", "zhang@brand.example", "a-long-password-1".toCharArray(), false);
    smith =
        users.create(
            unique("smith"),
            "Ann Smith",
            "ann@brand.example",
            "a-long-password-1".toCharArray(),
            false);
    SecretVaultImpl vault = new SecretVaultImpl(db(), VAULT_KEY, clock);
    vault.put(ws.id(), "smtp-password", "s3cret-smtp".toCharArray());

    smtp = TestSmtpServer.withLogin("mailer", "s3cret-smtp");

    notifications =
        new NotificationServiceImpl(
            NotificationServiceImpl.migrated(testDb.dataSource(), emf),
            idOrSlug -> workspaces.find(idOrSlug).map(Workspace::id),
            users::find,
            clock);
    notifications.addNotifier(
        MailNotifierAccess.create(
            "127.0.0.1",
            smtp.port(),
            "mailer",
            () -> vault.reveal(ws.id(), "smtp-password"),
            clock));
    notifications.addNotifier(
        new Notifier() {
          @Override
          public String channel() {
            return "webhook";
          }

          @Override
          public void send(Notification notification) {
            webhookCalls.add(notification);
          }
        });
  }

  @After
  public void stopSmtp() {
    smtp.close();
  }

  @AfterClass
  public static void closeEmf() {
    if (emf != null) {
      emf.close();
      emf = null;
      emfDatabase = null;
    }
  }

  private static Notification reminder(Locale locale) {
    boolean zh = locale.getLanguage().equals("zh");
    return new Notification(
        null,
        List.of(),
        zh ? "审批即将超时：法务" : "Approval due soon: Legal",
        zh ? "帖子等待您的决定。" : "A post awaits your decision.",
        URI.create("https://sw.example/approvals/1"),
        locale);
  }

  @Test
  public void eachMemberGetsTheirChannelsInTheirLanguage() throws Exception {
    notifications.setSettings(ws.id(), "*", List.of("email", "webhook"), "en", 0);
    notifications.setSettings(ws.id(), zhang.id(), List.of("email"), "zh", 0);

    int delivered =
        notifications.notifyUsers(
            ws.slug(), List.of(zhang.id(), smith.id()), NotificationRoutingTest::reminder);

    assertEquals("zh e-mail, en e-mail, en webhook", 3, delivered);
    Received toZhang = smtp.to("zhang@brand.example").get(0);
    assertEquals("【SocialWeave】审批即将超时：法务", toZhang.message().getSubject());
    String body = toZhang.body();
    assertTrue(body, body.contains("帖子等待您的决定。"));
    assertTrue(body, body.contains("打开链接：https://sw.example/approvals/1"));
    assertEquals("auto-generated", toZhang.message().getHeader("Auto-Submitted")[0]);
    assertNull("recipients are Bcc", toZhang.message().getHeader("To"));
    assertNull("and the Bcc header is not sent", toZhang.message().getHeader("Bcc"));
    assertEquals(2, smtp.received.size());
    assertEquals("noreply@sw.example", toZhang.envelopeFrom());
    Received toSmith = smtp.to("ann@brand.example").get(0);
    assertEquals("[SocialWeave] Approval due soon: Legal", toSmith.message().getSubject());

    assertEquals(1, webhookCalls.size());
    assertEquals(List.of(smith.id()), webhookCalls.get(0).recipients());
    assertEquals(ws.id(), webhookCalls.get(0).workspaceId());
  }

  @Test
  public void aWorkspaceWithoutSettingsUsesEveryChannelAndAMemberMayOptOut() {
    assertTrue(notifications.settings(ws.id(), "*").inherited());
    notifications.setSettings(ws.id(), smith.id(), List.of(), "en", 0);
    assertEquals(
        "only 张伟's e-mail and webhook",
        2,
        notifications.notifyUsers(
            ws.id(), List.of(zhang.id(), smith.id()), NotificationRoutingTest::reminder));
    assertEquals(List.of(zhang.id()), webhookCalls.get(0).recipients());
  }

  @Test
  public void aWrongSmtpPasswordIsANotificationFailure() {
    notifications.setSettings(ws.id(), "*", List.of("email"), "en", 0);
    notifications.addNotifier(
        MailNotifierAccess.create(
            "127.0.0.1", smtp.port(), "mailer", () -> "wrong".toCharArray(), MutableClock.atNow()));
    NotificationException e =
        assertThrows(
            NotificationException.class,
            () ->
                notifications.notifyUsers(
                    ws.id(), List.of(smith.id()), NotificationRoutingTest::reminder));
    assertTrue(e.getMessage(), e.getMessage().contains("email"));
  }

  @Test
  public void settingsAreCheckedAndVersioned() {
    NotificationSettings set = notifications.setSettings(ws.id(), "*", List.of("email"), "zh", 0);
    assertThrows(
        PreconditionFailedException.class,
        () -> notifications.setSettings(ws.id(), "*", List.of("webhook"), "zh", 0));
    notifications.setSettings(ws.id(), "*", List.of("webhook"), "zh", set.version());
    NotificationSettings mine = notifications.settings(ws.id(), zhang.id());
    assertTrue(mine.inherited());
    assertEquals(List.of("webhook"), mine.channels());
    assertThrows(
        ValidationException.class,
        () -> notifications.setSettings(ws.id(), "*", List.of("E-Mail!"), "zh", 0));
    assertThrows(
        ValidationException.class,
        () -> notifications.setSettings(ws.id(), "*", List.of("email"), "fr", 0));
  }
}
