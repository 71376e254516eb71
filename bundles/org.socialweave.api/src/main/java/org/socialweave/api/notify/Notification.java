package org.socialweave.api.notify;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A message for people, such as an SLA reminder or an alert.
 *
 * @param recipients addresses in the form the channel understands (e-mail addresses for {@code
 *     email}, nothing or receiver names for {@code webhook})
 * @param link where the recipient can act on it, or null
 * @param locale the language the text is written in
 */
public record Notification(
    String workspaceId,
    List<String> recipients,
    String subject,
    String text,
    URI link,
    Locale locale) {

  public Notification {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    recipients = recipients == null ? List.of() : List.copyOf(recipients);
    locale = locale == null ? Locale.ENGLISH : locale;
  }
}
