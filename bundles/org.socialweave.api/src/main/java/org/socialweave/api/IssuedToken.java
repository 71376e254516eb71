package org.socialweave.api;

/** A freshly created API token together with its secret, which is never retrievable again. */
public record IssuedToken(ApiToken token, String secret) {

  @Override
  public String toString() {
    return "IssuedToken[" + token + ", secret=***]";
  }
}
