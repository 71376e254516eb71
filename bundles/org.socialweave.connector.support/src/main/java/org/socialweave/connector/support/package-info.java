/**
 * Helpers every network connector shares, written once and tested once: per-network text counting
 * and grapheme-safe truncation ({@link org.socialweave.connector.support.TextCounter}),
 * token-bucket rate limits per app and per account ({@link
 * org.socialweave.connector.support.RateLimiter}), bounded retries with jittered backoff that
 * honour server hints ({@link org.socialweave.connector.support.RetryPolicy}, {@link
 * org.socialweave.connector.support.RetryHints}), webhook signature checks and replay protection
 * ({@link org.socialweave.connector.support.WebhookSignatures}, {@link
 * org.socialweave.connector.support.ReplayGuard}) and WeChat's message encryption ({@link
 * org.socialweave.connector.support.WeChatMessageCrypto}). JDK only; time always comes from an
 * injected {@link java.time.Clock} and randomness from an injected {@link java.util.Random}.
 */
package org.socialweave.connector.support;
