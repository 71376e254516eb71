package org.socialweave.webhooks.internal;

import java.util.List;

/**
 * The editable fields of a subscription; on an update, null fields keep their value.
 *
 * @param eventTypes names such as {@code published} or {@code post.published}
 */
public record WebhookChange(
    String url, List<String> eventTypes, Boolean active, String description) {}
