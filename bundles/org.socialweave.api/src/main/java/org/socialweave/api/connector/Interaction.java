package org.socialweave.api.connector;

import java.time.Instant;

/**
 * A comment, direct message or mention, normalised across networks for the inbox and listening.
 *
 * @param kind comment, direct message or mention
 * @param platformId the network's id of this interaction; unique per channel and kind
 * @param platformPostId the network's id of the post it is about, or {@code null} (DMs)
 * @param conversationId the network's id of the thread or conversation it belongs to, or {@code
 *     null}
 * @param inReplyToId the network's id of the interaction or post it answers, or {@code null}
 * @param author who wrote it
 * @param text the text as plain text, never {@code null} (empty for stickers or media only)
 * @param createdAt when the network received it
 */
public record Interaction(
    Kind kind,
    String platformId,
    String platformPostId,
    String conversationId,
    String inReplyToId,
    Author author,
    String text,
    Instant createdAt) {

  /** What sort of interaction it is. */
  public enum Kind {
    COMMENT,
    DM,
    MENTION
  }

  /**
   * The account that wrote an interaction.
   *
   * @param platformId the network's id of the account
   * @param handle the account's handle without a leading {@code @}, or {@code null}
   * @param displayName the account's display name, or {@code null}
   */
  public record Author(String platformId, String handle, String displayName) {
    public Author {
      ChannelContext.requireText("author.platformId", platformId);
    }
  }

  public Interaction {
    if (kind == null) {
      throw new IllegalArgumentException("kind is required");
    }
    ChannelContext.requireText("platformId", platformId);
    if (author == null || createdAt == null) {
      throw new IllegalArgumentException("author and createdAt are required");
    }
    text = text == null ? "" : text;
  }
}
