package org.socialweave.webhooks.internal.shell;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.socialweave.api.PageRequest;
import org.socialweave.webhooks.internal.Webhook;
import org.socialweave.webhooks.internal.WebhookServiceImpl;

/** Completes the ids of the webhooks of the workspace typed before (the first argument). */
@Service
public class WebhookIdCompleter implements Completer {

  @Reference WebhookServiceImpl webhooks;

  @Override
  public int complete(Session session, CommandLine commandLine, List<String> candidates) {
    StringsCompleter delegate = new StringsCompleter();
    String[] words = commandLine.getArguments();
    if (words.length > 1) {
      try {
        for (Webhook w :
            webhooks.list(words[1], PageRequest.first(PageRequest.MAX_LIMIT)).items()) {
          delegate.getStrings().add(w.id());
        }
      } catch (RuntimeException e) {
        // An unknown workspace or a database away: offer nothing, never break the console.
      }
    }
    return delegate.complete(session, commandLine, candidates);
  }
}
