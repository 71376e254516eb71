package org.socialweave.shell.internal;

import java.util.List;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.channel.Channel;
import org.socialweave.api.channel.ChannelService;

/** Completes channel ids of every workspace. */
@Service
public class ChannelCompleter extends CandidatesCompleter {

  @Reference WorkspaceService workspaces;
  @Reference ChannelService channels;

  @Override
  List<String> candidates() {
    TreeSet<String> ids = new TreeSet<>();
    for (Workspace w : CommandSupport.all(workspaces::list)) {
      for (Channel c : CommandSupport.all(page -> channels.list(w.id(), page))) {
        ids.add(c.id());
      }
    }
    return List.copyOf(ids);
  }
}
