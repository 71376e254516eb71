package org.socialweave.links.internal;

/**
 * One redirect as the request thread hands it to the {@link ClickRecorder}: what the link counts
 * for, when (epoch milliseconds, stored as its hour only) and the raw Referer, reduced to its host
 * by the writer. No address of the visitor is ever taken.
 */
record Click(ResolvedLink link, long atMillis, BotDetector.Reason botReason, String referer) {}
