package org.socialweave.shell.internal;

import java.util.Map;
import java.util.TreeMap;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.links.ClickCounts;
import org.socialweave.api.links.ClickQuery;
import org.socialweave.api.links.ClickStats;
import org.socialweave.api.links.LinkService;
import org.socialweave.api.links.ShortLink;

@Service
@Command(
    scope = "socialweave",
    name = "link-stats",
    description =
        "Human and bot clicks of a workspace's short links, per link, post, channel, campaign")
public class LinkStatsCommand extends SocialWeaveCommand {

  @Reference WorkspaceService workspaces;
  @Reference LinkService links;

  @Argument(index = 0, name = "workspace", description = "Workspace slug or id", required = true)
  @Completion(WorkspaceCompleter.class)
  String workspace;

  @Option(name = "--post-id", description = "Only clicks of this post")
  String postId;

  @Option(name = "--channel-id", description = "Only clicks of this channel")
  String channelId;

  @Option(name = "--campaign-id", description = "Only clicks of this campaign")
  String campaignId;

  @Override
  protected void run() {
    Workspace w = CommandSupport.workspace(workspaces, workspace);
    ClickStats stats =
        links.clicks(w.id(), new ClickQuery(null, campaignId, postId, channelId, null, null));
    Map<String, ShortLink> byId = new TreeMap<>();
    for (ShortLink link : CommandSupport.all(page -> links.list(w.id(), page))) {
      byId.put(link.id(), link);
    }
    ShellTable table = new ShellTable().emptyTableText("no clicks in " + w.slug());
    table.column("Group");
    table.column("Id");
    table.column("Human").alignRight();
    table.column("Bot").alignRight();
    table.column("Short URL / target").maxSize(70);
    new TreeMap<>(stats.byLink())
        .forEach(
            (id, counts) -> {
              ShortLink link = byId.get(id);
              row(
                  table,
                  "link",
                  id,
                  counts,
                  link == null ? "-" : link.shortUrl() + " -> " + link.target());
            });
    new TreeMap<>(stats.byPost()).forEach((id, counts) -> row(table, "post", id, counts, ""));
    new TreeMap<>(stats.byChannel()).forEach((id, counts) -> row(table, "channel", id, counts, ""));
    new TreeMap<>(stats.byCampaign())
        .forEach((id, counts) -> row(table, "campaign", id, counts, ""));
    table.print(out());
    out()
        .println(
            "Total: " + stats.total().human() + " human, " + stats.total().bot() + " bot clicks");
  }

  private static void row(
      ShellTable table, String group, String id, ClickCounts counts, String what) {
    table.addRow().addContent(group, id, counts.human(), counts.bot(), what);
  }
}
