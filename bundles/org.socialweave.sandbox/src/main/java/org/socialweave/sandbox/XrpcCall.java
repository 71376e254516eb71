package org.socialweave.sandbox;

import java.util.List;
import java.util.Map;

/**
 * One XRPC call the Bluesky sandbox received, as it arrived, with its answer. Credentials are never
 * kept: not the {@code Authorization} header, and not the {@code password} of {@code createSession}
 * (replaced by {@code <redacted>}).
 *
 * @param method {@code GET} or {@code POST}
 * @param pds the PDS host the call was addressed to ({@code
 *     <sandbox>/bluesky/pds/<host>/xrpc/...}), or {@code null} for the entryway ({@code
 *     <sandbox>/bluesky/xrpc/...})
 * @param nsid the method, e.g. {@code com.atproto.repo.createRecord}
 * @param params the query parameters, every value of a repeated one in order
 * @param contentType the request's {@code Content-Type}, or {@code null}
 * @param body the body as UTF-8 text for JSON bodies (password redacted), {@code null} for others
 * @param bodyBytes the body's size in bytes
 * @param did the account the call was authenticated as, or {@code null}
 * @param status the HTTP status answered; {@code 0} when the connection was dropped
 * @param error the XRPC {@code error} name answered, or {@code null} for a success
 */
public record XrpcCall(
    String method,
    String pds,
    String nsid,
    Map<String, List<String>> params,
    String contentType,
    String body,
    int bodyBytes,
    String did,
    int status,
    String error) {

  public XrpcCall {
    params = params == null ? Map.of() : Map.copyOf(params);
  }
}
