package org.socialweave.webhooks.internal;

/** The answer to a create or a secret rotation: the only time the signing secret is shown. */
public record WebhookWithSecret(Webhook webhook, String secret) {}
