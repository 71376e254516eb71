package org.socialweave.api.connector;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a connector tells the platform about its network: identity, limits and capabilities. The
 * REST API, the console and the publishing checks read it; nothing switches on network names.
 *
 * @param id stable lower-case identifier, the value of {@link PlatformConnector#NETWORK_PROPERTY}
 *     (e.g. {@code "weibo"}); letters, digits, {@code -} and {@code _}, starting with a letter
 * @param nameZh display name in Chinese (e.g. {@code "微博"})
 * @param nameEn display name in English (e.g. {@code "Weibo"})
 * @param text the limit on a post's text
 * @param captionLimit the limit on text that accompanies media when it differs from {@code text}
 *     (Telegram captions: 1024), or {@code null} when {@code text} applies
 * @param media what media a post may carry; {@link MediaRules#NONE} for text-only networks
 * @param rateLimits the documented rate limits and quotas; may be empty
 * @param operations what the connector can do; never empty
 */
public record NetworkDescriptor(
    String id,
    String nameZh,
    String nameEn,
    TextLimit text,
    TextLimit captionLimit,
    MediaRules media,
    List<RateLimit> rateLimits,
    Set<Operation> operations) {

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

  public NetworkDescriptor {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "id must be lower-case letters, digits, '-' or '_', starting with a letter: " + id);
    }
    if (nameZh == null || nameZh.isBlank() || nameEn == null || nameEn.isBlank()) {
      throw new IllegalArgumentException("nameZh and nameEn are required");
    }
    if (text == null || media == null) {
      throw new IllegalArgumentException("text and media are required");
    }
    rateLimits = rateLimits == null ? List.of() : List.copyOf(rateLimits);
    operations = copyOperations(operations);
    if (operations.contains(Operation.PUBLISH_IMAGE) && media.maxImages() == 0) {
      throw new IllegalArgumentException("PUBLISH_IMAGE needs media.maxImages > 0");
    }
    if (operations.contains(Operation.PUBLISH_VIDEO) && media.maxVideos() == 0) {
      throw new IllegalArgumentException("PUBLISH_VIDEO needs media.maxVideos > 0");
    }
  }

  private static Set<Operation> copyOperations(Collection<Operation> operations) {
    if (operations == null || operations.isEmpty()) {
      throw new IllegalArgumentException("a connector must support at least one operation");
    }
    for (Operation operation : operations) {
      if (operation == null) {
        throw new IllegalArgumentException("operations must not contain null");
      }
    }
    return Collections.unmodifiableSet(EnumSet.copyOf(operations));
  }

  /** Whether the connector supports {@code operation}. */
  public boolean supports(Operation operation) {
    return operations.contains(operation);
  }

  /** The text limit for a post with or without media. */
  public TextLimit textLimit(boolean withMedia) {
    return withMedia && captionLimit != null ? captionLimit : text;
  }
}
