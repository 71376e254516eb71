package org.socialweave.content.internal.rest;

import java.util.List;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.compliance.CheckRun;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;
import org.socialweave.content.internal.PostServiceImpl;

/**
 * The stored check runs of one revision of a post (at submit, schedule and dispatch), each with its
 * findings, the check ids, the word list versions and its place in the audit chain.
 */
@Component(service = PostChecksResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=socialweave)")
@Path("workspaces/{workspaceId}/posts/{postId}/revisions/{revision}/checks")
@Produces(MediaType.APPLICATION_JSON)
public class PostChecksResource {

  private final PostServiceImpl posts;

  @Activate
  public PostChecksResource(@Reference PostServiceImpl posts) {
    this.posts = posts;
  }

  @GET
  @RequiresPermission(Permission.CONTENT_READ)
  public Map<String, List<CheckRun>> list(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("postId") String postId,
      @PathParam("revision") String revision) {
    return Map.of("items", posts.checkRuns(workspaceId, postId, revision));
  }
}
