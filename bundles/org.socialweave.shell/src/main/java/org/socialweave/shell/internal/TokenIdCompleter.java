package org.socialweave.shell.internal;

import java.time.Instant;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.socialweave.api.ApiToken;
import org.socialweave.api.TokenService;
import org.socialweave.api.WorkspaceService;

/** Completes the ids of API tokens that are still active, in any workspace. */
@Service
public class TokenIdCompleter extends CandidatesCompleter {

  @Reference WorkspaceService workspaces;
  @Reference TokenService tokens;

  @Override
  List<String> candidates() {
    Instant now = Instant.now();
    return CommandSupport.all(workspaces::list).stream()
        .flatMap(w -> CommandSupport.all(page -> tokens.list(w.id(), page)).stream())
        .filter(t -> t.isActive(now))
        .map(ApiToken::id)
        .toList();
  }
}
