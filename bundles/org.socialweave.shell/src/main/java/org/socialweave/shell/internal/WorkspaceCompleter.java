package org.socialweave.shell.internal;

import java.util.List;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;

/** Completes workspace slugs and ids; every command accepts either. */
@Service
public class WorkspaceCompleter extends CandidatesCompleter {

  @Reference WorkspaceService workspaces;

  @Override
  List<String> candidates() {
    TreeSet<String> names = new TreeSet<>();
    for (Workspace w : CommandSupport.all(workspaces::list)) {
      names.add(w.slug());
      names.add(w.id());
    }
    return List.copyOf(names);
  }
}
