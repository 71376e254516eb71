package org.socialweave.api.content;

/**
 * What one engagement fetch did.
 *
 * @param fetched published posts whose metrics were read and stored
 * @param failed posts the network answered with an error for (kept, retried later)
 * @param deferred posts left for a later run because the network's rate limit or quota was hit, or
 *     the run's bound was reached
 */
public record EngagementFetch(int fetched, int failed, int deferred) {}
