package org.socialweave.links.internal;

/**
 * What the redirector needs of a link, cached by code: where to send the visitor ({@code location},
 * ASCII, ready for the header) and what the click counts for.
 */
record ResolvedLink(
    String linkId,
    String workspaceId,
    String campaignId,
    String postId,
    String channelId,
    String location) {}
