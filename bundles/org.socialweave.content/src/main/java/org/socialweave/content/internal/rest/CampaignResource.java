package org.socialweave.content.internal.rest;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
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
import org.socialweave.api.content.Campaign;
import org.socialweave.api.content.CampaignDraft;
import org.socialweave.api.content.CampaignService;
import org.socialweave.api.content.CampaignStatus;
import org.socialweave.api.content.Kpi;
import org.socialweave.api.error.IfMatch;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;

/** The campaigns of a workspace; posts name one by {@code campaignId}. */
@Component(service = CampaignResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=socialweave)")
@Path("workspaces/{workspaceId}/campaigns")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {

  /** A campaign as its owner writes it; see {@link CampaignDraft}. */
  public record CampaignBody(
      String name,
      String objective,
      Kpi kpi,
      BigDecimal targetValue,
      LocalDate startsOn,
      LocalDate deadline,
      String ownerId,
      List<String> channelIds,
      List<String> tags,
      CampaignStatus status,
      String budgetId) {

    CampaignDraft draft() {
      return new CampaignDraft(
          name,
          objective,
          kpi,
          targetValue,
          startsOn,
          deadline,
          ownerId,
          channelIds,
          tags,
          status,
          budgetId);
    }
  }

  private final CampaignService campaigns;

  @Activate
  public CampaignResource(@Reference CampaignService campaigns) {
    this.campaigns = campaigns;
  }

  @GET
  @RequiresPermission(Permission.CONTENT_READ)
  public Page<Campaign> list(
      @PathParam("workspaceId") String workspaceId,
      @QueryParam("status") String status,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    return campaigns.list(workspaceId, status(status), PageRequest.of(limit, cursor));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.CONTENT_EDIT)
  public Response create(
      @PathParam("workspaceId") String workspaceId,
      CampaignBody body,
      @Context SecurityContext security) {
    Campaign campaign =
        campaigns.create(workspaceId, required(body).draft(), RestSupport.actor(security));
    return Response.created(URI.create("workspaces/" + workspaceId + "/campaigns/" + campaign.id()))
        .entity(campaign)
        .tag(etag(campaign))
        .build();
  }

  @GET
  @Path("{campaignId}")
  @RequiresPermission(Permission.CONTENT_READ)
  public Response get(
      @PathParam("workspaceId") String workspaceId, @PathParam("campaignId") String campaignId) {
    Campaign campaign = campaigns.get(workspaceId, campaignId);
    return Response.ok(campaign).tag(etag(campaign)).build();
  }

  @PUT
  @Path("{campaignId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.CONTENT_EDIT)
  public Response update(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("campaignId") String campaignId,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      CampaignBody body,
      @Context SecurityContext security) {
    CampaignDraft draft = required(body).draft();
    long expected = IfMatch.expectedVersion(ifMatch);
    Campaign campaign =
        campaigns.update(workspaceId, campaignId, draft, expected, RestSupport.actor(security));
    return Response.ok(campaign).tag(etag(campaign)).build();
  }

  @DELETE
  @Path("{campaignId}")
  @RequiresPermission(Permission.CONTENT_EDIT)
  public Response delete(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("campaignId") String campaignId,
      @Context SecurityContext security) {
    campaigns.delete(workspaceId, campaignId, RestSupport.actor(security));
    return Response.noContent().build();
  }

  private static CampaignBody required(CampaignBody body) {
    if (body == null) {
      throw new ValidationException("body", "a JSON object is required");
    }
    return body;
  }

  private static EntityTag etag(Campaign campaign) {
    return new EntityTag(IfMatch.tag(campaign.version()));
  }

  private static CampaignStatus status(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return CampaignStatus.valueOf(value.strip());
    } catch (IllegalArgumentException e) {
      throw new ValidationException("status", "not a campaign status: " + value);
    }
  }
}
