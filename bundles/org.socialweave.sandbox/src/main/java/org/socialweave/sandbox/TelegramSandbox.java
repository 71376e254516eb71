package org.socialweave.sandbox;

import java.util.List;

/**
 * The simulated Telegram Bot API under {@code <baseUrl>/bot<token>/<method>}: {@code getMe}, {@code
 * sendMessage} (JSON, form or query parameters), {@code sendPhoto} and {@code sendMediaGroup}
 * ({@code multipart/form-data} uploads; photos by {@code file_id} or URL are not simulated) and
 * {@code deleteMessage} (one message, also one of an album), {@code getUpdates} (short polling with
 * {@code offset} and {@code limit}; refused with 409 while a webhook is set), {@code setWebhook}
 * and {@code deleteWebhook} (the URL is only remembered) and {@code reply_parameters} on {@code
 * sendMessage}, with Telegram's {@code {"ok":...}} envelope, status codes and error descriptions.
 * Photos are recorded by size and content type; their pixels are not read. Thread-safe.
 */
public interface TelegramSandbox {

  /** The longest text {@code sendMessage} takes, in UTF-16 code units after entity parsing. */
  int MAX_MESSAGE_LENGTH = 4096;

  /** The longest photo caption, in UTF-16 code units after entity parsing. */
  int MAX_CAPTION_LENGTH = 1024;

  /** The most items {@code sendMediaGroup} takes; it needs at least 2. */
  int MAX_MEDIA_GROUP_SIZE = 10;

  /** Registers a bot; calls with any other token answer 401 Unauthorized. */
  void addBot(String token, String username);

  /**
   * Registers a chat the bots may post to; {@code username} (without {@code @}) makes it public and
   * addressable as {@code @username}, {@code null} keeps it private.
   */
  void addChat(long chatId, String username);

  /** Revokes a bot's token, as BotFather's {@code /revoke} does: later calls with it answer 401. */
  void revoke(String token);

  /** The next {@code times} calls with {@code token} (known or not) play {@code fault}. */
  void inject(String token, Fault fault, int times);

  /** Drops the faults still queued for {@code token}. */
  void clearFaults(String token);

  /**
   * A user {@code fromUsername} sends {@code text} to the bot in chat {@code chatId}: a positive id
   * is the user's private chat with the bot (made on first use), a negative one a chat added with
   * {@link #addChat}. The message becomes an update for {@code getUpdates} and can be replied to.
   *
   * @return the message's id in the chat
   */
  long receive(String token, long chatId, String fromUsername, String text);

  /** Every message accepted for {@code token}, oldest first, deleted ones included. */
  List<TelegramMessage> messages(String token);

  /** How many HTTP calls reached the Telegram routes, whatever their token or answer. */
  long requestCount();

  /** How many HTTP calls reached the Telegram routes with {@code token}. */
  long requestCount(String token);

  /** Forgets bots, chats, messages, updates, webhooks, faults and counters. */
  void reset();
}
