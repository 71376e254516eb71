package org.socialweave.links.internal;

/**
 * One redirect as the {@link ClickRecorder} keeps it: which link, when (epoch milliseconds, stored
 * as its hour only), why it counts as a bot (null for a person) and the Referer's host. No address
 * of the visitor is ever taken.
 */
record Click(String linkId, long atMillis, BotDetector.Reason botReason, String refererHost) {}
