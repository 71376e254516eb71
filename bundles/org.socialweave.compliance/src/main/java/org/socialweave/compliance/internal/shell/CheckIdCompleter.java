package org.socialweave.compliance.internal.shell;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.socialweave.api.compliance.ComplianceService;

/** Completes the ids of the checks installed now. */
@Service
public class CheckIdCompleter implements Completer {

  @Reference ComplianceService compliance;

  @Override
  public int complete(Session session, CommandLine commandLine, List<String> candidates) {
    return new StringsCompleter(compliance.checks()).complete(session, commandLine, candidates);
  }
}
