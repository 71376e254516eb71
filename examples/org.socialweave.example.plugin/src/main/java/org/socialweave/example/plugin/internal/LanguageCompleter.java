package org.socialweave.example.plugin.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the value of {@code --lang}: {@code zh} or {@code en}. */
@Service
public class LanguageCompleter implements Completer {

  List<String> candidates() {
    return Greeter.LANGUAGES;
  }

  @Override
  public int complete(Session session, CommandLine commandLine, List<String> candidates) {
    StringsCompleter delegate = new StringsCompleter();
    delegate.getStrings().addAll(candidates());
    return delegate.complete(session, commandLine, candidates);
  }
}
