package org.socialweave.sandbox;

import java.net.URI;
import java.util.Map;

/**
 * One event the WeChat sandbox pushed to an account's message URL, exactly as sent, with what the
 * receiver answered. A test can replay it (same query, same body) to check replay protection.
 *
 * @param url the full URL called, query included
 * @param query the query parameters: {@code signature}, {@code timestamp}, {@code nonce}, {@code
 *     openid} and, in safe mode, {@code encrypt_type=aes} and {@code msg_signature}
 * @param body the raw XML body sent (the {@code <Encrypt>} envelope in safe mode)
 * @param plainXml the event before encryption
 * @param status the receiver's HTTP status, or 0 when it could not be reached
 * @param response the receiver's answer body, or empty
 */
public record WeChatPush(
    URI url, Map<String, String> query, byte[] body, String plainXml, int status, String response) {

  public WeChatPush {
    query = Map.copyOf(query);
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }
}
