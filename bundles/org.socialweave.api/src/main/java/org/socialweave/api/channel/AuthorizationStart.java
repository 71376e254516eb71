package org.socialweave.api.channel;

import java.net.URI;
import java.time.Instant;

/**
 * A started OAuth connect: send the user's browser to {@code authorizationUrl}; the network sends
 * it back to {@code /api/v1/oauth/{network}/callback} before {@code expiresAt}.
 */
public record AuthorizationStart(URI authorizationUrl, String state, Instant expiresAt) {}
