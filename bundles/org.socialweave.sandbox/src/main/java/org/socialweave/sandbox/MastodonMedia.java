package org.socialweave.sandbox;

/**
 * A media attachment the Mastodon sandbox accepted with {@code POST /api/v2/media}.
 *
 * @param id the attachment id, a numeric string as Mastodon's
 * @param mimeType the {@code Content-Type} of the uploaded {@code file} part
 * @param sizeBytes the size of the uploaded file
 * @param description the {@code description} (alt text) sent, or {@code null}
 */
public record MastodonMedia(String id, String mimeType, long sizeBytes, String description) {}
