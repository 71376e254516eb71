package org.socialweave.api.content;

import java.util.Collection;

/**
 * Where a post stands, derived from its variants: a post with one published and one failed channel
 * is {@link #PARTIALLY_PUBLISHED}, never simply failed.
 */
public enum PostStatus {
  DRAFT,
  SCHEDULED,
  PUBLISHING,
  PUBLISHED,
  PARTIALLY_PUBLISHED,
  FAILED,
  CANCELLED;

  /** The post's status from its variants' delivery states. */
  public static PostStatus of(Collection<DeliveryStatus> variants) {
    if (variants.isEmpty() || variants.stream().allMatch(s -> s == DeliveryStatus.DRAFT)) {
      return DRAFT;
    }
    if (variants.contains(DeliveryStatus.PUBLISHING)) {
      return PUBLISHING;
    }
    boolean anyPublished = variants.contains(DeliveryStatus.PUBLISHED);
    boolean anyFailed = variants.contains(DeliveryStatus.FAILED);
    if (variants.contains(DeliveryStatus.SCHEDULED)) {
      return anyPublished ? PUBLISHING : SCHEDULED;
    }
    if (anyPublished) {
      return variants.stream().allMatch(s -> s == DeliveryStatus.PUBLISHED)
          ? PUBLISHED
          : PARTIALLY_PUBLISHED;
    }
    return anyFailed ? FAILED : CANCELLED;
  }
}
