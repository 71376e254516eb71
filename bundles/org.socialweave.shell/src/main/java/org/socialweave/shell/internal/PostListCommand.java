package org.socialweave.shell.internal;

import java.time.Instant;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.content.CalendarQuery;
import org.socialweave.api.content.Post;
import org.socialweave.api.content.PostService;
import org.socialweave.api.content.PostStatus;
import org.socialweave.api.content.PostVariant;

@Service
@Command(
    scope = "socialweave",
    name = "post-list",
    description = "Lists the posts of a workspace with each channel's publishing status")
public class PostListCommand extends SocialWeaveCommand {

  @Reference WorkspaceService workspaces;
  @Reference PostService posts;

  @Argument(index = 0, name = "workspace", description = "Workspace slug or id", required = true)
  @Completion(WorkspaceCompleter.class)
  String workspace;

  @Option(name = "--status", description = "Only posts in this status (DRAFT, SCHEDULED, ...)")
  PostStatus status;

  @Option(name = "--from", description = "Scheduled at or after this ISO-8601 instant")
  String from;

  @Option(name = "--to", description = "Scheduled before this ISO-8601 instant")
  String to;

  @Override
  protected void run() {
    Workspace w = CommandSupport.workspace(workspaces, workspace);
    CalendarQuery query =
        new CalendarQuery(
            from == null ? null : Instant.parse(from),
            to == null ? null : Instant.parse(to),
            null,
            null,
            status);
    ShellTable table = new ShellTable().emptyTableText("no posts in " + w.slug());
    table.column("ID");
    table.column("Scheduled");
    table.column("Status");
    table.column("Channel");
    table.column("Delivery");
    table.column("URL or reason").maxSize(60);
    for (Post p : CommandSupport.all(page -> posts.list(w.id(), query, page))) {
      if (p.variants().isEmpty()) {
        table.addRow().addContent(p.id(), orDash(p.scheduledAt()), p.status(), "-", "-", "-");
      }
      for (PostVariant v : p.variants()) {
        String detail =
            v.url() != null
                ? v.url().toString()
                : v.failure() != null ? v.failure().kind() + ": " + v.failure().message() : "-";
        table
            .addRow()
            .addContent(
                p.id(),
                orDash(p.scheduledAt()),
                p.status(),
                v.network() + " " + v.channelId(),
                v.status(),
                detail);
      }
    }
    table.print(out());
  }

  private static Object orDash(Object value) {
    return value == null ? "-" : value;
  }
}
