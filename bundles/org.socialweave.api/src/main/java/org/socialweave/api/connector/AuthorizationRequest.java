package org.socialweave.api.connector;

import java.net.URI;

/**
 * What an OAuth redirect carries to the network: where to come back, the {@code state} that binds
 * the callback to the user who started it, and the PKCE {@code code_challenge} (S256 of the
 * verifier the platform keeps; {@code null} for {@link ConnectMethod#OAUTH2}).
 */
public record AuthorizationRequest(URI redirectUri, String state, String codeChallenge) {

  public AuthorizationRequest {
    if (redirectUri == null) {
      throw new IllegalArgumentException("redirectUri is required");
    }
    ChannelContext.requireText("state", state);
  }
}
