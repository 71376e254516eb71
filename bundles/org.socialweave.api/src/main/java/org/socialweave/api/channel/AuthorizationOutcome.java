package org.socialweave.api.channel;

/**
 * How an OAuth callback ended, and where to send the browser next.
 *
 * @param channel the connected channel, or {@code null} when the connect failed
 * @param returnTo the console path the user started from (a relative path, never another site)
 * @param error a short reason when the connect failed, e.g. the network's {@code access_denied}
 */
public record AuthorizationOutcome(Channel channel, String returnTo, String error) {}
