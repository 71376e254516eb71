package org.socialweave.api.publish;

import java.time.Instant;

/**
 * One variant's outbox row as the dispatcher sees it after claiming it: what to send, and what
 * earlier attempts left behind.
 *
 * @param idempotencyKey stable across every attempt of this job; sent to networks that take one and
 *     used to find the post again on those that do not
 * @param text the variant's text as sent, with its tracked short links
 * @param link the post's link card as sent: its tracked short link, or {@code null}
 * @param attempt this attempt's number, 1-based
 * @param inDoubt whether an earlier attempt may have reached the network (a crash after sending, a
 *     lost answer): the dispatcher must reconcile before it sends again
 * @param firstSentAt when the first attempt that may have reached the network started, or {@code
 *     null}; posts older than this are not this job's
 * @param networkJobId the network's id of an asynchronous publish still being processed, or {@code
 *     null}
 */
public record PublishJob(
    String id,
    String workspaceId,
    String postId,
    String variantId,
    String channelId,
    String network,
    String idempotencyKey,
    String text,
    String title,
    String link,
    Instant dueAt,
    int attempt,
    boolean inDoubt,
    Instant firstSentAt,
    String networkJobId) {}
