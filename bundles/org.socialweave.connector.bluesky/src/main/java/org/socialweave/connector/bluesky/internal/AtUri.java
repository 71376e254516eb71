package org.socialweave.connector.bluesky.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A record's address, {@code at://<did>/<collection>/<rkey>}: what this connector uses as the
 * platform id of posts and comments.
 */
record AtUri(String repo, String collection, String rkey) {

  private static final Pattern FORM =
      Pattern.compile(
          "at://(did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-])/([a-zA-Z0-9.-]{3,317})/([a-zA-Z0-9_~.:-]{1,512})");

  /** The URI, or {@code null} when {@code value} is not a record URI with a DID authority. */
  static AtUri parse(String value) {
    if (value == null) {
      return null;
    }
    Matcher m = FORM.matcher(value.trim());
    return m.matches() ? new AtUri(m.group(1), m.group(2), m.group(3)) : null;
  }

  @Override
  public String toString() {
    return "at://" + repo + "/" + collection + "/" + rkey;
  }
}
