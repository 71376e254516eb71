package org.socialweave.shell.internal;

import java.net.URI;
import java.net.URISyntaxException;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.links.LinkAttribution;
import org.socialweave.api.links.LinkService;
import org.socialweave.api.links.ShortLink;
import org.socialweave.api.links.Utm;

@Service
@Command(
    scope = "socialweave",
    name = "link-create",
    description = "Makes a tracked short link (the same arguments give the same link again)")
public class LinkCreateCommand extends SocialWeaveCommand {

  @Reference WorkspaceService workspaces;
  @Reference LinkService links;
  @Reference AuditLog auditLog;

  @Argument(index = 0, name = "workspace", description = "Workspace slug or id", required = true)
  @Completion(WorkspaceCompleter.class)
  String workspace;

  @Argument(index = 1, name = "target", description = "Absolute http(s) URL", required = true)
  String target;

  @Option(name = "--source", description = "utm_source, e.g. weibo")
  String source;

  @Option(name = "--medium", description = "utm_medium, e.g. social")
  String medium;

  @Option(name = "--campaign", description = "utm_campaign")
  String campaign;

  @Option(name = "--term", description = "utm_term")
  String term;

  @Option(name = "--content", description = "utm_content")
  String content;

  @Option(name = "--campaign-id", description = "Campaign the clicks count for")
  String campaignId;

  @Option(name = "--post-id", description = "Post the clicks count for")
  String postId;

  @Option(name = "--variant-id", description = "Variant the clicks count for")
  String variantId;

  @Option(name = "--channel-id", description = "Channel the clicks count for")
  String channelId;

  @Override
  protected void run() throws Exception {
    Workspace w = CommandSupport.workspace(workspaces, workspace);
    URI uri;
    try {
      uri = new URI(target);
    } catch (URISyntaxException e) {
      throw new ValidationException("target", "not a valid URL: " + e.getReason());
    }
    Utm utm = new Utm(source, medium, campaign, term, content);
    LinkAttribution attribution = new LinkAttribution(campaignId, postId, variantId, channelId);
    ShortLink link =
        audited(
            auditLog,
            "link-create",
            "link:" + target,
            ctx -> {
              ctx.workspaceId = w.id();
              ShortLink made = links.shorten(w.id(), uri, utm, attribution);
              ctx.target = "link:" + made.id();
              return made;
            });
    out().println(link.shortUrl() + " -> " + link.target() + " (id " + link.id() + ")");
  }
}
