package org.socialweave.media.internal.rest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.media.MediaAsset;
import org.socialweave.api.media.MediaProblem;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;
import org.socialweave.api.security.StreamedUpload;
import org.socialweave.media.internal.MediaLibraryImpl;
import org.socialweave.media.internal.NetworkRegistry;

/**
 * The media library of a workspace. Uploads are the raw bytes as the body, of any declared type:
 * the type is sniffed from the content, so a wrong or missing {@code Content-Type} does not matter.
 */
@Component(service = MediaResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=socialweave)")
@Path("workspaces/{workspaceId}/media")
@Produces(MediaType.APPLICATION_JSON)
public class MediaResource {

  private final MediaLibraryImpl library;
  private final NetworkRegistry networks;

  @Activate
  public MediaResource(@Reference MediaLibraryImpl library, @Reference NetworkRegistry networks) {
    this.library = library;
    this.networks = networks;
  }

  /** 201 with a new asset; 200 with the existing one when the workspace has these bytes already. */
  @POST
  @Consumes(MediaType.WILDCARD)
  @RequiresPermission(Permission.CONTENT_EDIT)
  @StreamedUpload
  public Response upload(
      @PathParam("workspaceId") String workspaceId,
      @QueryParam("fileName") String fileName,
      @QueryParam("altText") String altText,
      InputStream body)
      throws IOException {
    MediaLibraryImpl.Upload upload = library.store(workspaceId, fileName, body, altText);
    MediaAsset asset = upload.asset();
    if (!upload.created()) {
      return Response.ok(asset).build();
    }
    return Response.created(URI.create("workspaces/" + workspaceId + "/media/" + asset.id()))
        .entity(asset)
        .build();
  }

  @GET
  @RequiresPermission(Permission.CONTENT_READ)
  public Page<MediaAsset> list(
      @PathParam("workspaceId") String workspaceId,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    return library.list(workspaceId, PageRequest.of(limit, cursor));
  }

  @GET
  @Path("{mediaId}")
  @RequiresPermission(Permission.CONTENT_READ)
  public MediaAsset get(
      @PathParam("workspaceId") String workspaceId, @PathParam("mediaId") String mediaId) {
    return library.get(workspaceId, mediaId);
  }

  /**
   * The bytes as uploaded, with the sniffed type; never interpreted by browsers as anything else.
   */
  @GET
  @Path("{mediaId}/content")
  @Produces(MediaType.WILDCARD)
  @RequiresPermission(Permission.CONTENT_READ)
  public Response content(
      @PathParam("workspaceId") String workspaceId, @PathParam("mediaId") String mediaId)
      throws IOException {
    MediaAsset asset = library.get(workspaceId, mediaId);
    InputStream in = library.open(workspaceId, mediaId);
    return file(in, asset.mimeType(), asset.sizeBytes(), asset.sha256())
        .header(
            "Content-Disposition",
            "inline; filename*=UTF-8''"
                + URLEncoder.encode(asset.fileName(), StandardCharsets.UTF_8).replace("+", "%20"))
        .build();
  }

  /** A JPEG of at most the configured size; 404 for videos and WebP/HEIC images. */
  @GET
  @Path("{mediaId}/thumbnail")
  @Produces(MediaType.WILDCARD)
  @RequiresPermission(Permission.CONTENT_READ)
  public Response thumbnail(
      @PathParam("workspaceId") String workspaceId, @PathParam("mediaId") String mediaId)
      throws IOException {
    InputStream in = library.thumbnail(workspaceId, mediaId);
    return file(in, "image/jpeg", -1, null).build();
  }

  @GET
  @Path("{mediaId}/problems")
  @RequiresPermission(Permission.CONTENT_READ)
  public Page<MediaProblem> problems(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("mediaId") String mediaId,
      @QueryParam("network") String network) {
    if (network == null || network.isBlank()) {
      throw new ValidationException("network", "the network to check against is required");
    }
    MediaAsset asset = library.get(workspaceId, mediaId);
    NetworkDescriptor descriptor =
        networks.find(network).orElseThrow(() -> new NotFoundException("network", network));
    return new Page<>(library.problems(asset, descriptor), null);
  }

  @DELETE
  @Path("{mediaId}")
  @RequiresPermission(Permission.CONTENT_EDIT)
  public Response delete(
      @PathParam("workspaceId") String workspaceId, @PathParam("mediaId") String mediaId)
      throws IOException {
    library.delete(workspaceId, mediaId);
    return Response.noContent().build();
  }

  private static Response.ResponseBuilder file(
      InputStream in, String type, long length, String etag) {
    StreamingOutput body =
        out -> {
          try (in) {
            in.transferTo(out);
          }
        };
    CacheControl cache = new CacheControl();
    cache.setPrivate(true);
    cache.setMaxAge(3600);
    Response.ResponseBuilder response =
        Response.ok(body, type)
            .cacheControl(cache)
            .header("X-Content-Type-Options", "nosniff")
            .header("Content-Security-Policy", "sandbox");
    if (length >= 0) {
      response.header("Content-Length", length);
    }
    if (etag != null) {
      response.tag(etag);
    }
    return response;
  }
}
