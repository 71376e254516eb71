package org.socialweave.notify.internal.mail;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.socialweave.notify.mail.cfg}; without that file there is no e-mail channel. */
@ObjectClassDefinition(name = "SocialWeave e-mail notifications")
public @interface MailConfig {

  String PID = "org.socialweave.notify.mail";

  @AttributeDefinition(description = "SMTP server host name")
  String host() default "localhost";

  @AttributeDefinition(description = "SMTP port: 587 for submission with STARTTLS, 465 is not used")
  int port() default 587;

  @AttributeDefinition(
      description = "Upgrade the connection with STARTTLS when the server offers it")
  boolean startTls() default true;

  @AttributeDefinition(
      description =
          "Refuse to send when the server does not offer STARTTLS (keep on in production)")
  boolean startTlsRequired() default true;

  @AttributeDefinition(description = "SMTP user name; empty for a server without authentication")
  String username() default "";

  @AttributeDefinition(
      description =
          "The workspace (id or slug) whose vault holds the SMTP password, with passwordSecret")
  String passwordWorkspace() default "";

  @AttributeDefinition(description = "The name of the vault secret holding the SMTP password")
  String passwordSecret() default "smtp-password";

  @AttributeDefinition(description = "The sender, e.g. SocialWeave <noreply@example.com>")
  String from() default "SocialWeave <noreply@localhost>";

  @AttributeDefinition(description = "Connect, read and write timeout, seconds")
  int timeoutSeconds() default 10;
}
