package org.socialweave.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.content.Post;
import org.socialweave.api.content.PostService;

@Service
@Command(
    scope = "socialweave",
    name = "post-publish",
    description = "Publishes a post now on every channel it has not been published on yet")
public class PostPublishCommand extends SocialWeaveCommand {

  @Reference WorkspaceService workspaces;
  @Reference PostService posts;
  @Reference AuditLog auditLog;

  @Argument(index = 0, name = "workspace", description = "Workspace slug or id", required = true)
  @Completion(WorkspaceCompleter.class)
  String workspace;

  @Argument(index = 1, name = "post", description = "The post's id", required = true)
  String postId;

  @Override
  protected void run() throws Exception {
    Post post =
        audited(
            auditLog,
            "post-publish",
            "post/" + postId,
            ctx -> {
              Workspace w = CommandSupport.workspace(workspaces, workspace);
              ctx.workspaceId = w.id();
              return posts.publishNow(w.id(), postId, actor());
            });
    out()
        .println(
            "Post "
                + post.id()
                + " is "
                + post.status()
                + " on "
                + post.variants().size()
                + " channels");
  }
}
