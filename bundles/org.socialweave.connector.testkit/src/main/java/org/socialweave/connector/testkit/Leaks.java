package org.socialweave.connector.testkit;

import static org.junit.Assert.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.socialweave.api.connector.ConnectorException;

/** The one check that a connector's failure shows none of the channel's secrets. */
public final class Leaks {

  private Leaks() {}

  /**
   * Fails when any of {@code secrets} ({@code null}s ignored) appears in the failure's stack text
   * (its message and every cause's), its network message or its raw answer.
   */
  public static void assertRevealsNone(ConnectorException failure, String... secrets) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    for (String text :
        new String[] {trace.toString(), failure.networkMessage(), failure.rawResponse()}) {
      for (String secret : secrets) {
        assertFalse(
            "a secret leaked into: " + text,
            text != null && secret != null && text.contains(secret));
      }
    }
  }
}
