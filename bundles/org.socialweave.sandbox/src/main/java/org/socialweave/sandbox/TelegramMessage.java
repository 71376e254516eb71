package org.socialweave.sandbox;

import java.time.Instant;

/**
 * A message the Telegram sandbox accepted.
 *
 * @param botToken the token of the bot that sent it
 * @param chatId the chat's numeric id
 * @param messageId the id the sandbox gave it, unique per chat
 * @param text the text as sent
 * @param parseMode the {@code parse_mode} sent, or {@code null}
 * @param date when it was accepted
 * @param deleted whether it was deleted since
 */
public record TelegramMessage(
    String botToken,
    long chatId,
    long messageId,
    String text,
    String parseMode,
    Instant date,
    boolean deleted) {

  /** The token is a secret even in a sandbox: never printed. */
  @Override
  public String toString() {
    return "TelegramMessage[chatId="
        + chatId
        + ", messageId="
        + messageId
        + ", text="
        + text
        + ", parseMode="
        + parseMode
        + ", date="
        + date
        + ", deleted="
        + deleted
        + "]";
  }
}
