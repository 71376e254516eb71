package org.socialweave.api.content;

/**
 * Why a variant failed, and what a person can do about it.
 *
 * @param kind an {@link org.socialweave.api.connector.ErrorKind} name, or {@code CHANNEL} when the
 *     channel itself is gone or needs a reconnect
 * @param networkCode the network's own code, or {@code null}
 * @param message the network's reason or ours
 * @param action what to do next, for people (reconnect, shorten the text, retry)
 */
public record Failure(String kind, String networkCode, String message, String action) {}
