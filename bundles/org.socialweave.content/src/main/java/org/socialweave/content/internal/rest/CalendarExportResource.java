package org.socialweave.content.internal.rest;

import java.time.Clock;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.content.CampaignService;
import org.socialweave.api.content.Post;
import org.socialweave.api.content.PostService;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;
import org.socialweave.content.internal.CalendarExport;

/**
 * The calendar of {@code [from, to)} as a file: {@code export.csv} (one row per post) or {@code
 * export.ics} (iCalendar, one event per post, for calendar applications).
 */
@Component(service = CalendarExportResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=socialweave)")
@Path("workspaces/{workspaceId}/posts/export.{format}")
public class CalendarExportResource {

  static final String TEXT_CALENDAR = "text/calendar; charset=UTF-8";
  static final String TEXT_CSV = "text/csv; charset=UTF-8";

  private final WorkspaceService workspaces;
  private final CalendarExport export;

  @Activate
  public CalendarExportResource(
      @Reference WorkspaceService workspaces,
      @Reference PostService posts,
      @Reference CampaignService campaigns) {
    this.workspaces = workspaces;
    this.export = new CalendarExport(posts, campaigns);
  }

  /**
   * @param format {@code csv} or {@code ics}
   * @param from the first instant (ISO-8601), inclusive
   * @param to the last instant, exclusive, at most 366 days after {@code from}
   * @param campaignId only the posts of this campaign, when given
   */
  @GET
  @Produces({"text/csv", "text/calendar", "*/*"})
  @RequiresPermission(Permission.CONTENT_READ)
  public Response export(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("format") String format,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("campaignId") String campaignId) {
    if (!"csv".equals(format) && !"ics".equals(format)) {
      throw new NotFoundException("export format", format);
    }
    Workspace ws =
        workspaces
            .find(workspaceId)
            .orElseThrow(() -> new NotFoundException("workspace", workspaceId));
    List<Post> calendar =
        export.posts(
            ws.id(),
            RestSupport.instant("from", from),
            RestSupport.instant("to", to),
            campaignId == null || campaignId.isBlank() ? null : campaignId.strip());
    String file = ws.slug() + "-calendar." + format;
    String body =
        "csv".equals(format)
            ? export.csv(ws.id(), calendar)
            : export.ics(ws.slug(), calendar, Clock.systemUTC().instant());
    return Response.ok(body)
        .type("csv".equals(format) ? TEXT_CSV : TEXT_CALENDAR)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
        .build();
  }
}
