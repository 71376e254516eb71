package org.socialweave.api.content;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A post as it goes to one channel: the master copy adapted to the network, or a text written for
 * it, and where its delivery stands.
 *
 * @param text the text that will be (or was) sent
 * @param customText whether {@code text} was written for this channel rather than adapted
 * @param length the text's length by the network's own counting
 * @param maxLength the network's limit in the same unit
 * @param warnings what the adaptation changed or found (over the limit, ...), for people
 * @param attempts how many times the pipeline tried to send it
 * @param failure why it failed, when {@link #status()} is {@link DeliveryStatus#FAILED} or when a
 *     retry is waiting; else {@code null}
 * @param media the media asset ids this channel gets, in display order: the master's, or the
 *     channel's own when {@code customMedia}
 * @param mentions the handles mentioned on this channel (rendered into {@code text})
 * @param shortLinks the tracked short link that replaced each link of the text, and the one the
 *     post's link card is sent as, by original URL
 */
public record PostVariant(
    String id,
    String channelId,
    String network,
    String text,
    boolean customText,
    int length,
    int maxLength,
    List<String> warnings,
    DeliveryStatus status,
    Instant scheduledAt,
    int attempts,
    String platformPostId,
    URI url,
    Instant publishedAt,
    Failure failure,
    List<String> media,
    boolean customMedia,
    List<String> mentions,
    Map<String, String> shortLinks) {

  public PostVariant {
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
    media = media == null ? List.of() : List.copyOf(media);
    mentions = mentions == null ? List.of() : List.copyOf(mentions);
    shortLinks = shortLinks == null ? Map.of() : Map.copyOf(shortLinks);
  }
}
