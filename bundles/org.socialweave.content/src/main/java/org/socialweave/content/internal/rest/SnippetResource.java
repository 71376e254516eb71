package org.socialweave.content.internal.rest;

import java.net.URI;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.content.Snippet;
import org.socialweave.api.content.SnippetDraft;
import org.socialweave.api.content.TemplateService;
import org.socialweave.api.error.IfMatch;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;

/**
 * The reusable snippets of a workspace, named in texts as {@code {{snippet:<name>}}} and expanded
 * when a post is saved.
 */
@Component(service = SnippetResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=socialweave)")
@Path("workspaces/{workspaceId}/snippets")
@Produces(MediaType.APPLICATION_JSON)
public class SnippetResource {

  /** A snippet as its author writes it; see {@link SnippetDraft}. */
  public record SnippetBody(String name, String text) {
    SnippetDraft draft() {
      return new SnippetDraft(name, text);
    }
  }

  private final TemplateService templates;

  @Activate
  public SnippetResource(@Reference TemplateService templates) {
    this.templates = templates;
  }

  @GET
  @RequiresPermission(Permission.CONTENT_READ)
  public Page<Snippet> list(
      @PathParam("workspaceId") String workspaceId,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    return templates.listSnippets(workspaceId, PageRequest.of(limit, cursor));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.CONTENT_EDIT)
  public Response create(
      @PathParam("workspaceId") String workspaceId,
      SnippetBody body,
      @Context SecurityContext security) {
    Snippet s =
        templates.createSnippet(
            workspaceId, TemplateResource.required(body).draft(), RestSupport.actor(security));
    return Response.created(URI.create("workspaces/" + workspaceId + "/snippets/" + s.id()))
        .entity(s)
        .tag(TemplateResource.etag(s.version()))
        .build();
  }

  /** A snippet by its id or its name. */
  @GET
  @Path("{snippetId}")
  @RequiresPermission(Permission.CONTENT_READ)
  public Response get(
      @PathParam("workspaceId") String workspaceId, @PathParam("snippetId") String snippetId) {
    Snippet s = templates.getSnippet(workspaceId, snippetId);
    return Response.ok(s).tag(TemplateResource.etag(s.version())).build();
  }

  @PUT
  @Path("{snippetId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.CONTENT_EDIT)
  public Response update(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("snippetId") String snippetId,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      SnippetBody body,
      @Context SecurityContext security) {
    SnippetDraft draft = TemplateResource.required(body).draft();
    long expected = IfMatch.expectedVersion(ifMatch);
    Snippet s =
        templates.updateSnippet(
            workspaceId, snippetId, draft, expected, RestSupport.actor(security));
    return Response.ok(s).tag(TemplateResource.etag(s.version())).build();
  }

  @DELETE
  @Path("{snippetId}")
  @RequiresPermission(Permission.CONTENT_EDIT)
  public Response delete(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("snippetId") String snippetId,
      @Context SecurityContext security) {
    templates.deleteSnippet(workspaceId, snippetId, RestSupport.actor(security));
    return Response.noContent().build();
  }
}
