package org.socialweave.content.internal.rest;

import java.net.URI;
import java.util.List;
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
import javax.ws.rs.core.EntityTag;
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
import org.socialweave.api.content.Post;
import org.socialweave.api.content.PostService;
import org.socialweave.api.content.Template;
import org.socialweave.api.content.TemplateDraft;
import org.socialweave.api.content.TemplateFill;
import org.socialweave.api.content.TemplateService;
import org.socialweave.api.error.IfMatch;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;

/**
 * The post templates of a workspace: a template fills a new post draft, or creates the post; its
 * text may name snippets as {@code {{snippet:<name>}}}.
 */
@Component(service = TemplateResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=socialweave)")
@Path("workspaces/{workspaceId}/templates")
@Produces(MediaType.APPLICATION_JSON)
public class TemplateResource {

  /** A template as its author writes it; see {@link TemplateDraft}. */
  public record TemplateBody(
      String name,
      String text,
      String title,
      String link,
      List<String> channelIds,
      List<String> tags,
      String campaignId) {

    TemplateDraft draft() {
      return new TemplateDraft(name, text, title, link, channelIds, tags, campaignId);
    }
  }

  /** What a post made from a template may set: its time zone, else the workspace's. */
  public record FillBody(String timeZone) {}

  private final TemplateService templates;
  private final PostService posts;

  @Activate
  public TemplateResource(@Reference TemplateService templates, @Reference PostService posts) {
    this.templates = templates;
    this.posts = posts;
  }

  @GET
  @RequiresPermission(Permission.CONTENT_READ)
  public Page<Template> list(
      @PathParam("workspaceId") String workspaceId,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    return templates.list(workspaceId, PageRequest.of(limit, cursor));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.CONTENT_EDIT)
  public Response create(
      @PathParam("workspaceId") String workspaceId,
      TemplateBody body,
      @Context SecurityContext security) {
    Template t = templates.create(workspaceId, required(body).draft(), RestSupport.actor(security));
    return Response.created(URI.create("workspaces/" + workspaceId + "/templates/" + t.id()))
        .entity(t)
        .tag(etag(t.version()))
        .build();
  }

  @GET
  @Path("{templateId}")
  @RequiresPermission(Permission.CONTENT_READ)
  public Response get(
      @PathParam("workspaceId") String workspaceId, @PathParam("templateId") String templateId) {
    Template t = templates.get(workspaceId, templateId);
    return Response.ok(t).tag(etag(t.version())).build();
  }

  @PUT
  @Path("{templateId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.CONTENT_EDIT)
  public Response update(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("templateId") String templateId,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      TemplateBody body,
      @Context SecurityContext security) {
    TemplateDraft draft = required(body).draft();
    long expected = IfMatch.expectedVersion(ifMatch);
    Template t =
        templates.update(workspaceId, templateId, draft, expected, RestSupport.actor(security));
    return Response.ok(t).tag(etag(t.version())).build();
  }

  @DELETE
  @Path("{templateId}")
  @RequiresPermission(Permission.CONTENT_EDIT)
  public Response delete(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("templateId") String templateId,
      @Context SecurityContext security) {
    templates.delete(workspaceId, templateId, RestSupport.actor(security));
    return Response.noContent().build();
  }

  /** The post draft the template fills in, snippets expanded; nothing is saved. */
  @GET
  @Path("{templateId}/draft")
  @RequiresPermission(Permission.CONTENT_READ)
  public TemplateFill draft(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("templateId") String templateId,
      @QueryParam("timeZone") String timeZone) {
    return templates.fill(workspaceId, templateId, timeZone);
  }

  /** Creates a post from the template. */
  @POST
  @Path("{templateId}/posts")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.CONTENT_EDIT)
  public Response createPost(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("templateId") String templateId,
      FillBody body,
      @Context SecurityContext security) {
    TemplateFill fill =
        templates.fill(workspaceId, templateId, body == null ? null : body.timeZone());
    Post post = posts.create(workspaceId, fill.draft(), RestSupport.actor(security));
    return Response.created(URI.create("workspaces/" + workspaceId + "/posts/" + post.id()))
        .entity(post)
        .tag(etag(post.version()))
        .build();
  }

  static <T> T required(T body) {
    if (body == null) {
      throw new ValidationException("body", "a JSON object is required");
    }
    return body;
  }

  static EntityTag etag(long version) {
    return new EntityTag(IfMatch.tag(version));
  }
}
