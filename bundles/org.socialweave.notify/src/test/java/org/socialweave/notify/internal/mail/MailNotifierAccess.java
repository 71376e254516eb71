package org.socialweave.notify.internal.mail;

import java.time.Clock;
import java.util.function.Supplier;

/** Builds e-mail notifiers for tests in other packages, without STARTTLS (the test server). */
public final class MailNotifierAccess {

  private MailNotifierAccess() {}

  public static MailNotifier create(
      String host, int port, String username, Supplier<char[]> password, Clock clock) {
    return new MailNotifier(
        new MailNotifier.Settings(
            host, port, false, false, username, password, "SocialWeave <noreply@sw.example>", 5),
        clock);
  }
}
