package org.socialweave.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Base of our completers: subclasses list candidates, a {@link StringsCompleter} matches them. */
abstract class CandidatesCompleter implements Completer {

  abstract List<String> candidates();

  @Override
  public int complete(Session session, CommandLine commandLine, List<String> candidates) {
    StringsCompleter delegate = new StringsCompleter();
    try {
      delegate.getStrings().addAll(candidates());
    } catch (RuntimeException e) {
      // Completion must never break the console: offer nothing instead.
    }
    return delegate.complete(session, commandLine, candidates);
  }
}
