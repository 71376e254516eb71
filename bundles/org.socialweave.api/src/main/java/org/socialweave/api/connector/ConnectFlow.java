package org.socialweave.api.connector;

import java.util.List;

/**
 * How a network's channels are connected.
 *
 * @param method the network's flow
 * @param fields what the user types for the direct flows; empty for the redirect flows
 */
public record ConnectFlow(ConnectMethod method, List<ConnectField> fields) {

  public ConnectFlow {
    if (method == null) {
      throw new IllegalArgumentException("method is required");
    }
    fields = fields == null ? List.of() : List.copyOf(fields);
    if (method.isRedirect() != fields.isEmpty()) {
      throw new IllegalArgumentException(
          method + (method.isRedirect() ? " takes no fields" : " needs at least one field"));
    }
  }

  /** A redirect flow, {@link ConnectMethod#OAUTH2_PKCE} or {@link ConnectMethod#OAUTH2}. */
  public static ConnectFlow redirect(ConnectMethod method) {
    return new ConnectFlow(method, List.of());
  }
}
