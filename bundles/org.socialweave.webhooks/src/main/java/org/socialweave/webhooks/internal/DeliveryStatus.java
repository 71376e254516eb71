package org.socialweave.webhooks.internal;

/** Where a delivery stands. */
public enum DeliveryStatus {
  /** Waiting for its next attempt. */
  PENDING,
  /** A worker holds the lease and is sending it. */
  DELIVERING,
  /** The receiver answered 2xx. */
  DELIVERED,
  /** Given up: attempts exhausted, the subscription is gone (410) or the URL is refused. */
  FAILED
}
