package org.socialweave.compliance.internal.shell;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.socialweave.api.PageRequest;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;

/** Completes workspace slugs (the first page of workspaces; the commands take ids too). */
@Service
public class WorkspaceCompleter implements Completer {

  @Reference WorkspaceService workspaces;

  @Override
  public int complete(Session session, CommandLine commandLine, List<String> candidates) {
    StringsCompleter delegate = new StringsCompleter();
    try {
      for (Workspace w : workspaces.list(PageRequest.first(PageRequest.MAX_LIMIT)).items()) {
        delegate.getStrings().add(w.slug());
      }
    } catch (RuntimeException e) {
      // Completion must never break the console: offer nothing instead.
    }
    return delegate.complete(session, commandLine, candidates);
  }
}
