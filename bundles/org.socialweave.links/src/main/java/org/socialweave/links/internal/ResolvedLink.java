package org.socialweave.links.internal;

/**
 * What the redirector needs of a link, cached by code: where to send the visitor ({@code location},
 * ASCII, ready for the header) and the link whose click it is. The click's attribution is the
 * link's own, joined in when its counter row is made.
 */
record ResolvedLink(String linkId, String location) {}
