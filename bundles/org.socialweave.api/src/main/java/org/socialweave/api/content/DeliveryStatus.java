package org.socialweave.api.content;

/** Where one variant (one channel of a post) stands in the publishing pipeline. */
public enum DeliveryStatus {
  /** Not scheduled yet. */
  DRAFT,
  /** Waiting for its time, or for a retry after a passing failure. */
  SCHEDULED,
  /** A node is sending it, or must reconcile with the network before it may send again. */
  PUBLISHING,
  /** Live on the network. */
  PUBLISHED,
  /** Stopped for good until a person acts; the variant's failure says why and what to do. */
  FAILED,
  /** Cancelled before it was sent. */
  CANCELLED
}
