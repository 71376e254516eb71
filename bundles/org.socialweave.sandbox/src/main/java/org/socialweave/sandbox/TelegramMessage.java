package org.socialweave.sandbox;

import java.time.Instant;
import java.util.List;

/**
 * A message the Telegram sandbox accepted.
 *
 * @param botToken the token of the bot that sent it
 * @param chatId the chat's numeric id
 * @param messageId the id the sandbox gave it, unique per chat
 * @param text the text as sent; a photo's caption, empty without one
 * @param parseMode the {@code parse_mode} sent, or {@code null}
 * @param date when it was accepted
 * @param deleted whether it was deleted since
 * @param photos the photo uploaded with {@code sendPhoto} or {@code sendMediaGroup}, empty for a
 *     text message
 * @param mediaGroupId the album the message belongs to ({@code sendMediaGroup}), or {@code null}
 * @param replyToMessageId the message it replies to ({@code reply_parameters}), or {@code null}
 */
public record TelegramMessage(
    String botToken,
    long chatId,
    long messageId,
    String text,
    String parseMode,
    Instant date,
    boolean deleted,
    List<TelegramPhoto> photos,
    String mediaGroupId,
    Long replyToMessageId) {

  public TelegramMessage {
    photos = List.copyOf(photos);
  }

  /** A text message. */
  public TelegramMessage(
      String botToken,
      long chatId,
      long messageId,
      String text,
      String parseMode,
      Instant date,
      boolean deleted) {
    this(botToken, chatId, messageId, text, parseMode, date, deleted, List.of(), null, null);
  }

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
        + ", photos="
        + photos
        + ", mediaGroupId="
        + mediaGroupId
        + ", replyToMessageId="
        + replyToMessageId
        + "]";
  }
}
