package org.socialweave.content.internal.rest;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
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
import org.socialweave.api.approval.ApprovalRequest;
import org.socialweave.api.content.CalendarQuery;
import org.socialweave.api.content.Post;
import org.socialweave.api.content.PostDraft;
import org.socialweave.api.content.PostRevision;
import org.socialweave.api.content.PostService;
import org.socialweave.api.content.PostStatus;
import org.socialweave.api.content.Schedule;
import org.socialweave.api.error.IfMatch;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Caller;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;

/**
 * The posts of a workspace: compose, edit, the calendar, and the publishing commands (schedule,
 * publish now, cancel, retry one channel).
 */
@Component(service = PostResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=socialweave)")
@Path("workspaces/{workspaceId}/posts")
@Produces(MediaType.APPLICATION_JSON)
public class PostResource {

  /**
   * A post as the editor writes it.
   *
   * @param variantTexts texts written for single channels, by channel id
   * @param media media library asset ids of the master copy, in display order
   * @param variantMedia the media of single channels in place of the master's, by channel id
   *     ({@code []} drops the master's media there)
   * @param tags hashtags without their sign, written in each network's syntax
   * @param variantMentions handles to mention on single channels, by channel id
   * @param utmCampaign the {@code utm_campaign} of the post's tracked links, else the campaign's
   *     slug or the post id
   * @param sponsored a paid or KOL/KOC post, which must carry an advertising label; false when
   *     absent
   */
  public record PostBody(
      String campaignId,
      String text,
      String title,
      String link,
      List<String> channelIds,
      String timeZone,
      Map<String, String> variantTexts,
      List<String> media,
      Map<String, List<String>> variantMedia,
      List<String> tags,
      Map<String, List<String>> variantMentions,
      String utmCampaign,
      Boolean sponsored) {

    PostDraft draft() {
      return new PostDraft(
          campaignId,
          text,
          title,
          link,
          channelIds,
          timeZone,
          variantTexts,
          media,
          variantMedia,
          tags,
          variantMentions,
          utmCampaign,
          Boolean.TRUE.equals(sponsored));
    }
  }

  /**
   * When to publish: {@code scheduledAt} (an ISO-8601 instant), or {@code localTime} (wall clock,
   * e.g. {@code 2026-12-08T09:00}) in {@code timeZone}.
   */
  public record ScheduleBody(Instant scheduledAt, LocalDateTime localTime, String timeZone) {}

  private final PostService posts;

  @Activate
  public PostResource(@Reference PostService posts) {
    this.posts = posts;
  }

  @GET
  @RequiresPermission(Permission.CONTENT_READ)
  public Page<Post> list(
      @PathParam("workspaceId") String workspaceId,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("campaignId") String campaignId,
      @QueryParam("channelId") String channelId,
      @QueryParam("status") String status,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    CalendarQuery query =
        new CalendarQuery(
            instant("from", from), instant("to", to), campaignId, channelId, status(status));
    return posts.list(workspaceId, query, PageRequest.of(limit, cursor));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.CONTENT_EDIT)
  public Response create(
      @PathParam("workspaceId") String workspaceId,
      PostBody body,
      @Context SecurityContext security) {
    Post post = posts.create(workspaceId, required(body).draft(), actor(security));
    return Response.created(URI.create("workspaces/" + workspaceId + "/posts/" + post.id()))
        .entity(post)
        .tag(etag(post))
        .build();
  }

  @GET
  @Path("{postId}")
  @RequiresPermission(Permission.CONTENT_READ)
  public Response get(
      @PathParam("workspaceId") String workspaceId, @PathParam("postId") String postId) {
    return withTag(posts.get(workspaceId, postId));
  }

  @PUT
  @Path("{postId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.CONTENT_EDIT)
  public Response update(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("postId") String postId,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      PostBody body,
      @Context SecurityContext security) {
    PostDraft draft = required(body).draft();
    long expected = IfMatch.expectedVersion(ifMatch);
    return withTag(posts.update(workspaceId, postId, draft, expected, actor(security)));
  }

  @DELETE
  @Path("{postId}")
  @RequiresPermission(Permission.CONTENT_EDIT)
  public Response delete(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("postId") String postId,
      @Context SecurityContext security) {
    posts.delete(workspaceId, postId, actor(security));
    return Response.noContent().build();
  }

  @GET
  @Path("{postId}/revisions")
  @RequiresPermission(Permission.CONTENT_READ)
  public Map<String, List<PostRevision>> revisions(
      @PathParam("workspaceId") String workspaceId, @PathParam("postId") String postId) {
    return Map.of("items", posts.revisions(workspaceId, postId));
  }

  @POST
  @Path("{postId}/schedule")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.PUBLISH)
  public Response schedule(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("postId") String postId,
      ScheduleBody body,
      @Context SecurityContext security) {
    ScheduleBody when = required(body);
    Schedule schedule = new Schedule(when.scheduledAt(), when.localTime(), when.timeZone());
    return withTag(posts.schedule(workspaceId, postId, schedule, actor(security)));
  }

  @POST
  @Path("{postId}/submit")
  @RequiresPermission(Permission.CONTENT_EDIT)
  public Response submit(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("postId") String postId,
      @Context SecurityContext security) {
    Caller caller = (Caller) security.getUserPrincipal();
    ApprovalRequest request = posts.submit(workspaceId, postId, caller.userId());
    return Response.status(Response.Status.CREATED).entity(request).build();
  }

  /** Why the blocking findings of the post's current revision are acceptable. */
  public record OverrideBody(String reason) {}

  @POST
  @Path("{postId}/compliance-override")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.COMPLIANCE_OVERRIDE)
  public Response overrideCompliance(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("postId") String postId,
      OverrideBody body,
      @Context SecurityContext security) {
    return withTag(
        posts.overrideCompliance(workspaceId, postId, required(body).reason(), actor(security)));
  }

  @POST
  @Path("{postId}/publish")
  @RequiresPermission(Permission.PUBLISH)
  public Response publish(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("postId") String postId,
      @Context SecurityContext security) {
    return withTag(posts.publishNow(workspaceId, postId, actor(security)));
  }

  @POST
  @Path("{postId}/cancel")
  @RequiresPermission(Permission.PUBLISH)
  public Response cancel(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("postId") String postId,
      @Context SecurityContext security) {
    return withTag(posts.cancel(workspaceId, postId, actor(security)));
  }

  @POST
  @Path("{postId}/variants/{variantId}/retry")
  @RequiresPermission(Permission.PUBLISH)
  public Response retry(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("postId") String postId,
      @PathParam("variantId") String variantId,
      @Context SecurityContext security) {
    return withTag(posts.retry(workspaceId, postId, variantId, actor(security)));
  }

  private static <T> T required(T body) {
    if (body == null) {
      throw new ValidationException("body", "a JSON object is required");
    }
    return body;
  }

  private static String actor(SecurityContext security) {
    return security.getUserPrincipal() == null
        ? "anonymous"
        : security.getUserPrincipal().getName();
  }

  private static Response withTag(Post post) {
    return Response.ok(post).tag(etag(post)).build();
  }

  private static EntityTag etag(Post post) {
    return new EntityTag(IfMatch.tag(post.version()));
  }

  private static Instant instant(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new ValidationException(
          field, field + " must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
    }
  }

  private static PostStatus status(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return PostStatus.valueOf(value.strip());
    } catch (IllegalArgumentException e) {
      throw new ValidationException("status", "not a post status: " + value);
    }
  }
}
