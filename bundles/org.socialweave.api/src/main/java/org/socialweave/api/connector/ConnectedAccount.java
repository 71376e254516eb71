package org.socialweave.api.connector;

import java.util.Map;

/**
 * An account as the network names it, with the credentials to act for it: the outcome of a connect
 * flow and of a credentials check.
 *
 * @param accountId the network's stable id of the account (user id, open id, DID, chat id)
 * @param displayName the name people see (screen name, handle, chat title)
 * @param credentials the credentials to store in the vault
 * @param settings per-channel settings the connector needs later (instance URL, chat id, PDS host)
 */
public record ConnectedAccount(
    String accountId, String displayName, Credentials credentials, Map<String, String> settings) {

  public ConnectedAccount {
    ChannelContext.requireText("accountId", accountId);
    ChannelContext.requireText("displayName", displayName);
    if (credentials == null) {
      throw new IllegalArgumentException("credentials are required");
    }
    settings = settings == null ? Map.of() : Map.copyOf(settings);
  }

  @Override
  public String toString() {
    return "ConnectedAccount[" + accountId + ", " + displayName + ", " + credentials + "]";
  }
}
