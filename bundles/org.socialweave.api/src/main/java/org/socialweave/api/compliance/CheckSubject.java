package org.socialweave.api.compliance;

import java.util.List;
import org.socialweave.api.connector.NetworkDescriptor;

/**
 * What is checked: a post's (or variant's) text and the facts the checks need around it.
 *
 * @param text the text as the audience will read it; never {@code null}, may be empty. Finding
 *     spans are {@link String} indexes (UTF-16 code units) into this text
 * @param title a title (WeChat articles), or {@code null}; checked too, its findings carry spans
 *     into the title and {@link Finding#inTitle()}
 * @param network the network the text is for, or {@code null} for a text that is not yet bound to a
 *     network (then the platform rules are skipped)
 * @param sponsored whether the post is paid for or part of a KOL/KOC deal, so it must carry an
 *     advertising label
 * @param media the attached media; may be empty
 * @param language a BCP 47 language hint such as {@code zh-CN} or {@code en}, or {@code null}; for
 *     checks that want it (the platform's checks run whatever the language, since posts mix Chinese
 *     and English)
 */
public record CheckSubject(
    String text,
    String title,
    NetworkDescriptor network,
    boolean sponsored,
    List<MediaFact> media,
    String language) {

  public CheckSubject {
    if (text == null) {
      throw new IllegalArgumentException("text is required (it may be empty)");
    }
    media = media == null ? List.of() : List.copyOf(media);
  }

  /** A bare text, not bound to a network, not sponsored, without media. */
  public static CheckSubject ofText(String text) {
    return new CheckSubject(text, null, null, false, List.of(), null);
  }
}
