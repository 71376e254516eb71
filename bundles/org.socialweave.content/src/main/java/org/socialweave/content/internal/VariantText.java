package org.socialweave.content.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.connector.TextLimit;
import org.socialweave.connector.support.TextCounter;
import org.socialweave.content.internal.persistence.PostEntity;
import org.socialweave.content.internal.persistence.VariantEntity;

/**
 * A variant's text for its network: the text written for the channel as it is, or the master copy
 * cut to the network's limit by the network's own counting (with a warning saying so).
 *
 * @param fits whether the text is within the limit; a written text over it cannot be scheduled
 */
record VariantText(String text, int length, int maxLength, boolean fits, List<String> warnings) {

  static final String ELLIPSIS = "…";

  static VariantText adapt(String master, String custom, NetworkDescriptor network) {
    return adapt(master, custom, "", List.of(), network);
  }

  /**
   * A stored variant as its network gets it: links replaced by their short links, the channel's
   * mentions and the post's tags in the network's syntax after the text (those the text already has
   * are not repeated), then the short link of the post's link card where the network's connector
   * writes the card into the text ({@link NetworkSyntax#cardInText}), so it is counted as the
   * network counts it; then adapted as {@link #adapt(String, String, NetworkDescriptor)} does,
   * keeping the mentions, tags and card whole when the master copy is cut.
   */
  static VariantText of(PostEntity post, VariantEntity variant, NetworkDescriptor network) {
    Map<String, String> shortLinks = JsonColumns.map(variant.shortLinks);
    String master = TextLinks.replace(post.body, shortLinks);
    String custom =
        variant.customText == null ? null : TextLinks.replace(variant.customText, shortLinks);
    String base = custom != null ? custom : master;
    NetworkSyntax syntax = NetworkSyntax.of(network.id());
    List<String> notes = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    Set<String> present = new HashSet<>();
    NetworkSyntax.MENTION
        .matcher(base)
        .results()
        .forEach(r -> present.add(r.group().toLowerCase(Locale.ROOT)));
    NetworkSyntax.HASHTAG
        .matcher(base)
        .results()
        .forEach(r -> present.add(r.group().toLowerCase(Locale.ROOT)));
    for (String handle : JsonColumns.list(variant.mentions)) {
      addOnce(tokens, present, "@" + handle);
    }
    List<String> tags = JsonColumns.list(post.tags);
    if (syntax.hashtags()) {
      tags.forEach(tag -> addOnce(tokens, present, "#" + tag));
    } else if (!tags.isEmpty()) {
      notes.add(
          "The post's tags are left out on "
              + network.nameEn()
              + ": "
              + syntax.whyNoHashtags()
              + ".");
    }
    String suffix =
        tokens.isEmpty() ? "" : (base.isBlank() ? "" : "\n\n") + String.join(" ", tokens);
    String card = cardLink(post, shortLinks);
    boolean withMedia = !PostEnrichment.media(post, variant).isEmpty();
    if (card != null && syntax.cardInText(withMedia) && !base.contains(card)) {
      // The connectors append it after a blank line too; with it in the text they do not again.
      suffix += (base.isBlank() && suffix.isEmpty() ? "" : "\n\n") + card;
    }
    VariantText text = adapt(master, custom, suffix, notes, network);
    return text.withCountWarnings(syntax, network);
  }

  /**
   * The link card as the variant sends it: its tracked short link, or the link itself for a variant
   * minted before cards were tracked; {@code null} without a card.
   */
  static String cardLink(PostEntity post, Map<String, String> shortLinks) {
    return post.link == null ? null : shortLinks.getOrDefault(post.link, post.link);
  }

  private static void addOnce(List<String> tokens, Set<String> present, String token) {
    if (present.add(token.toLowerCase(Locale.ROOT))) {
      tokens.add(token);
    }
  }

  /** Warnings for more hashtags or mentions than the network allows; they block scheduling. */
  private VariantText withCountWarnings(NetworkSyntax syntax, NetworkDescriptor network) {
    List<String> problems = syntax.countProblems(text, network.nameEn());
    if (problems.isEmpty()) {
      return this;
    }
    List<String> more = new ArrayList<>(warnings);
    more.addAll(problems);
    return new VariantText(text, length, maxLength, false, more);
  }

  private static VariantText adapt(
      String master, String custom, String suffix, List<String> notes, NetworkDescriptor network) {
    TextLimit limit = network.text();
    List<String> warnings = new ArrayList<>(notes);
    String text = (custom != null ? custom : master) + suffix;
    if (custom == null && !TextCounter.fits(text, limit)) {
      text = cut(master, suffix, limit);
      warnings.add(
          "The master copy was cut to fit "
              + network.nameEn()
              + "'s limit of "
              + limit.maxLength()
              + "; write a text for this channel to choose the words yourself.");
    }
    int length = TextCounter.length(text, limit);
    boolean fits = TextCounter.fits(text, limit);
    if (!fits) {
      warnings.add(
          "The text is "
              + length
              + " long by "
              + network.nameEn()
              + "'s counting; the limit is "
              + limit.maxLength()
              + (limit.hasByteLimit() ? " (and " + limit.maxUtf8Bytes() + " UTF-8 bytes)" : "")
              + ".");
    }
    return new VariantText(text, length, limit.maxLength(), fits, warnings);
  }

  /**
   * The longest prefix of {@code text} that fits with an ellipsis and {@code suffix} appended,
   * never inside a character.
   */
  private static String cut(String text, String suffix, TextLimit limit) {
    for (int budget = limit.maxLength() - 1; budget > 0; budget--) {
      TextLimit smaller =
          new TextLimit(budget, limit.counting(), limit.maxUtf8Bytes(), limit.urlLength());
      String candidate =
          text.substring(0, TextCounter.truncationPoint(text, smaller)).stripTrailing()
              + ELLIPSIS
              + suffix;
      if (TextCounter.fits(candidate, limit)) {
        return candidate;
      }
    }
    return suffix.strip();
  }
}
