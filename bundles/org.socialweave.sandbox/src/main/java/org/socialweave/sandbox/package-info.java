/**
 * A local simulator of the networks' HTTP APIs for connector tests and demos: {@link
 * org.socialweave.sandbox.Sandbox} starts it on 127.0.0.1, {@link
 * org.socialweave.sandbox.TelegramSandbox} speaks the Telegram Bot API wire format, records the
 * messages it accepted (to assert exactly-once) and injects faults per bot token ({@link
 * org.socialweave.sandbox.Fault}); {@link org.socialweave.sandbox.MastodonSandbox} does the same
 * for Mastodon instances, per access token, and {@link org.socialweave.sandbox.WeChatSandbox} for
 * WeChat Official Accounts (errcode envelopes, asynchronous publish jobs, signed and encrypted
 * event pushes); {@link org.socialweave.sandbox.WeiboSandbox} simulates Weibo's OAuth 2.0 consent
 * and API v2 with its error envelope and hourly limits. {@link
 * org.socialweave.sandbox.BlueskySandbox} is a Bluesky PDS (XRPC, sessions as JWTs, records
 * validated by {@link org.socialweave.sandbox.Lexicons} against the AT Protocol Lexicons the bundle
 * ships), with faults per account.
 */
package org.socialweave.sandbox;
