package org.socialweave.links.internal.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.links.ClickCounts;
import org.socialweave.api.links.ClickQuery;
import org.socialweave.api.links.ClickStats;
import org.socialweave.api.links.LinkAttribution;
import org.socialweave.api.links.LinkService;
import org.socialweave.api.links.ShortLink;
import org.socialweave.api.links.Utm;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;

/** The short links of a workspace and their clicks. */
@Component(service = LinkResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=socialweave)")
@Path("workspaces/{workspaceId}/links")
@Produces(MediaType.APPLICATION_JSON)
public class LinkResource {

  /** The UTM parameters as sent; checked when the link is made. */
  public record UtmFields(
      String source, String medium, String campaign, String term, String content) {}

  /** A link to make: the target URL, its UTM parameters and what its clicks count for. */
  public record NewLink(String target, UtmFields utm, LinkAttribution attribution) {}

  /** A link with its clicks so far. */
  public record LinkDetail(ShortLink link, ClickCounts clicks) {}

  private final LinkService links;

  @Activate
  public LinkResource(@Reference LinkService links) {
    this.links = links;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.CONTENT_EDIT)
  public Response create(@PathParam("workspaceId") String workspaceId, NewLink body) {
    if (body == null || body.target() == null || body.target().isBlank()) {
      throw new ValidationException("target", "the target URL is required");
    }
    URI target;
    try {
      target = new URI(body.target().strip());
    } catch (URISyntaxException e) {
      throw new ValidationException("target", "the target is not a valid URL: " + e.getReason());
    }
    UtmFields u = body.utm();
    Utm utm =
        u == null ? Utm.NONE : new Utm(u.source(), u.medium(), u.campaign(), u.term(), u.content());
    ShortLink link = links.shorten(workspaceId, target, utm, body.attribution());
    return Response.created(URI.create("workspaces/" + link.workspaceId() + "/links/" + link.id()))
        .entity(link)
        .build();
  }

  @GET
  @RequiresPermission(Permission.CONTENT_READ)
  public Page<ShortLink> list(
      @PathParam("workspaceId") String workspaceId,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    return links.list(workspaceId, PageRequest.of(limit, cursor));
  }

  @GET
  @Path("clicks")
  @RequiresPermission(Permission.ANALYTICS_READ)
  public ClickStats clicks(
      @PathParam("workspaceId") String workspaceId,
      @QueryParam("linkId") String linkId,
      @QueryParam("campaignId") String campaignId,
      @QueryParam("postId") String postId,
      @QueryParam("channelId") String channelId,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    return links.clicks(
        workspaceId,
        new ClickQuery(
            linkId, campaignId, postId, channelId, instant("from", from), instant("to", to)));
  }

  @GET
  @Path("{linkId}")
  @RequiresPermission(Permission.CONTENT_READ)
  public LinkDetail get(
      @PathParam("workspaceId") String workspaceId, @PathParam("linkId") String linkId) {
    ShortLink link = links.get(workspaceId, linkId);
    ClickCounts clicks = links.clicks(workspaceId, ClickQuery.ofLink(link.id())).total();
    return new LinkDetail(link, clicks);
  }

  private static Instant instant(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new ValidationException(
          field, field + " must be an ISO-8601 instant such as 2026-01-31T16:00:00Z");
    }
  }
}
