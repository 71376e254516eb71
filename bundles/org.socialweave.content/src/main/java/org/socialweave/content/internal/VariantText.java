package org.socialweave.content.internal;

import java.util.ArrayList;
import java.util.List;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.connector.TextLimit;
import org.socialweave.connector.support.TextCounter;

/**
 * A variant's text for its network: the text written for the channel as it is, or the master copy
 * cut to the network's limit by the network's own counting (with a warning saying so).
 *
 * @param fits whether the text is within the limit; a written text over it cannot be scheduled
 */
record VariantText(String text, int length, int maxLength, boolean fits, List<String> warnings) {

  static final String ELLIPSIS = "…";

  static VariantText adapt(String master, String custom, NetworkDescriptor network) {
    TextLimit limit = network.text();
    List<String> warnings = new ArrayList<>();
    String text = custom != null ? custom : master;
    if (custom == null && !TextCounter.fits(text, limit)) {
      text = cut(text, limit);
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

  /** The longest prefix that fits with an ellipsis appended, never inside a character. */
  private static String cut(String text, TextLimit limit) {
    for (int budget = limit.maxLength() - 1; budget > 0; budget--) {
      TextLimit smaller =
          new TextLimit(budget, limit.counting(), limit.maxUtf8Bytes(), limit.urlLength());
      String candidate =
          text.substring(0, TextCounter.truncationPoint(text, smaller)).stripTrailing() + ELLIPSIS;
      if (TextCounter.fits(candidate, limit)) {
        return candidate;
      }
    }
    return "";
  }
}
