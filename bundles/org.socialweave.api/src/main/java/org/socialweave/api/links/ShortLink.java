package org.socialweave.api.links;

import java.net.URI;
import java.time.Instant;

/**
 * A short link: {@code shortUrl} ({@code <publicBaseUrl>/s/<code>}) redirects to {@code target},
 * which already carries the UTM parameters. Links never change once minted, so that a code printed
 * in a published post always leads where it led on the day it went out.
 */
public record ShortLink(
    String id,
    String workspaceId,
    String code,
    URI shortUrl,
    URI target,
    Utm utm,
    LinkAttribution attribution,
    Instant createdAt) {}
