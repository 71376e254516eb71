package org.socialweave.api.connector;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.socialweave.api.error.ValidationException;

/**
 * One post to publish on one channel: the channel's adapted variant of a post. Built from user
 * input, so broken invariants raise {@link ValidationException} naming the field.
 *
 * @param idempotencyKey the publish job's key, stable across retries; at most {@value
 *     #MAX_IDEMPOTENCY_KEY_LENGTH} characters. Sent to the network where it has such a handle
 *     ({@link Operation#IDEMPOTENCY_KEY}); otherwise used to reconcile with {@link
 *     PlatformConnector#fetchPost}
 * @param text the text, never {@code null} (may be empty when there are media or a link)
 * @param media the media in display order; may be empty
 * @param link an absolute http(s) link to attach, or {@code null}
 * @param title a title where the network has one (a WeChat article, a video), or {@code null}
 * @param threadParts parts published after this post, each replying to the one before; empty for a
 *     single post
 * @param inReplyTo the network's id of a post this one replies to, or {@code null}
 * @param options network-specific options the connector documents (e.g. Mastodon {@code
 *     visibility}); unknown ones are ignored. May be empty
 */
public record PublishRequest(
    String idempotencyKey,
    String text,
    List<MediaRef> media,
    URI link,
    String title,
    List<Part> threadParts,
    String inReplyTo,
    Map<String, String> options) {

  public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

  /**
   * A later part of a thread.
   *
   * @param text the text, never {@code null}
   * @param media the media of this part; may be empty
   */
  public record Part(String text, List<MediaRef> media) {
    public Part {
      text = text == null ? "" : text;
      media = copyMedia(media);
      if (text.isBlank() && media.isEmpty()) {
        throw new ValidationException("threadParts", "a thread part needs text or media");
      }
    }
  }

  public PublishRequest {
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      throw new ValidationException("idempotencyKey", "an idempotency key is required");
    }
    if (idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw new ValidationException(
          "idempotencyKey",
          "an idempotency key has at most " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
    }
    text = text == null ? "" : text;
    media = copyMedia(media);
    if (link != null) {
      String scheme = link.getScheme();
      if (!link.isAbsolute()
          || link.getHost() == null
          || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
        throw new ValidationException("link", "the link must be an absolute http(s) URL: " + link);
      }
    }
    if (text.isBlank() && media.isEmpty() && link == null) {
      throw new ValidationException("text", "a post needs text, media or a link");
    }
    if (title != null && title.isBlank()) {
      title = null;
    }
    if (threadParts == null) {
      threadParts = List.of();
    } else {
      for (Part part : threadParts) {
        if (part == null) {
          throw new ValidationException("threadParts", "thread parts must not be null");
        }
      }
      threadParts = List.copyOf(threadParts);
    }
    if (inReplyTo != null && inReplyTo.isBlank()) {
      throw new ValidationException("inReplyTo", "inReplyTo must be null or a post id");
    }
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  /** A plain text post. */
  public static PublishRequest text(String idempotencyKey, String text) {
    return new PublishRequest(
        idempotencyKey, text, List.of(), null, null, List.of(), null, Map.of());
  }

  /** A builder for posts with more than text. */
  public static Builder builder(String idempotencyKey) {
    return new Builder(idempotencyKey);
  }

  /**
   * The operations a connector must support to publish this request, so it can be refused before
   * sending: compare with {@link NetworkDescriptor#operations()}.
   */
  public Set<Operation> requiredOperations() {
    Set<Operation> required = EnumSet.noneOf(Operation.class);
    List<MediaRef> all = new ArrayList<>(media);
    threadParts.forEach(p -> all.addAll(p.media()));
    if (!text.isBlank() || threadParts.stream().anyMatch(p -> !p.text().isBlank())) {
      required.add(Operation.PUBLISH_TEXT);
    }
    if (all.stream().anyMatch(m -> !m.isVideo())) {
      required.add(Operation.PUBLISH_IMAGE);
    }
    if (all.stream().anyMatch(MediaRef::isVideo)) {
      required.add(Operation.PUBLISH_VIDEO);
    }
    if (link != null) {
      required.add(Operation.PUBLISH_LINK);
    }
    if (!threadParts.isEmpty()) {
      required.add(Operation.PUBLISH_THREAD);
    }
    return Collections.unmodifiableSet(required);
  }

  static List<MediaRef> copyMedia(List<MediaRef> media) {
    if (media == null) {
      return List.of();
    }
    for (MediaRef ref : media) {
      if (ref == null) {
        throw new ValidationException("media", "media must not contain null");
      }
    }
    return List.copyOf(media);
  }

  /** Builds a {@link PublishRequest}; validation happens in {@link #build()}. */
  public static final class Builder {
    private final String idempotencyKey;
    private String text = "";
    private final List<MediaRef> media = new ArrayList<>();
    private URI link;
    private String title;
    private final List<Part> threadParts = new ArrayList<>();
    private String inReplyTo;
    private Map<String, String> options = Map.of();

    private Builder(String idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
    }

    public Builder text(String value) {
      this.text = value;
      return this;
    }

    public Builder media(MediaRef value) {
      this.media.add(value);
      return this;
    }

    public Builder link(URI value) {
      this.link = value;
      return this;
    }

    public Builder title(String value) {
      this.title = value;
      return this;
    }

    public Builder threadPart(Part value) {
      this.threadParts.add(value);
      return this;
    }

    public Builder inReplyTo(String value) {
      this.inReplyTo = value;
      return this;
    }

    public Builder options(Map<String, String> value) {
      this.options = value;
      return this;
    }

    public PublishRequest build() {
      return new PublishRequest(
          idempotencyKey, text, media, link, title, threadParts, inReplyTo, options);
    }
  }
}
