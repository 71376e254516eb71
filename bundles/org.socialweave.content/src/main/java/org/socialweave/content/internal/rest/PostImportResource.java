package org.socialweave.content.internal.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.ws.rs.Consumes;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.content.ImportReport;
import org.socialweave.api.content.PostImportService;
import org.socialweave.api.error.SocialWeaveException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;

/**
 * Posts from a CSV file: {@code ?dryRun=true} (the default) answers every row's errors and saves
 * nothing; {@code ?dryRun=false} imports the whole file or, with any error, nothing (422).
 */
@Component(service = PostImportResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=socialweave)")
@Path("workspaces/{workspaceId}/posts/imports")
@Produces(MediaType.APPLICATION_JSON)
public class PostImportResource {

  static final String TEXT_CSV = "text/csv";

  private final PostImportService imports;

  @Activate
  public PostImportResource(@Reference PostImportService imports) {
    this.imports = imports;
  }

  /**
   * @param charset the file's character set; else the {@code charset} of the Content-Type; else
   *     detected (UTF-8 when valid, else GB18030/GBK)
   */
  @POST
  // Any type reaches the method, so that authentication answers 401/403 before the type is
  // checked (JAX-RS would answer 415 before the security filter runs); csvType refuses the rest.
  @Consumes({TEXT_CSV, MediaType.WILDCARD})
  @RequiresPermission(Permission.CONTENT_EDIT)
  public ImportReport importCsv(
      @PathParam("workspaceId") String workspaceId,
      @QueryParam("dryRun") String dryRun,
      @QueryParam("charset") String charset,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream body,
      @Context SecurityContext security) {
    MediaType type = csvType(contentType);
    boolean preview = flag(dryRun);
    String named =
        charset != null && !charset.isBlank()
            ? charset
            : type.getParameters().get(MediaType.CHARSET_PARAMETER);
    return imports.importCsv(workspaceId, read(body), named, preview, RestSupport.actor(security));
  }

  /** Reads one byte over the limit, so the service can refuse an oversized file by its size. */
  private static byte[] read(InputStream body) {
    if (body == null) {
      return new byte[0];
    }
    try (body) {
      return body.readNBytes(PostImportService.MAX_BYTES + 1);
    } catch (IOException e) {
      // The REST layer's body limit shows up here as its own IOException, mapped to 413.
      throw new UncheckedIOException(e);
    }
  }

  private static boolean flag(String dryRun) {
    if (dryRun == null || dryRun.isBlank()) {
      return true;
    }
    return switch (dryRun.strip()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ValidationException("dryRun", "dryRun is true or false");
    };
  }

  /** The body's declared type: a body that does not say it is CSV (JSON, none) is refused here. */
  private static MediaType csvType(String contentType) {
    MediaType type = null;
    if (contentType != null) {
      try {
        type = MediaType.valueOf(contentType);
      } catch (IllegalArgumentException e) {
        type = null;
      }
    }
    if (type == null || !type.isCompatible(MediaType.valueOf(TEXT_CSV)) || type.isWildcardType()) {
      throw new SocialWeaveException(
          415,
          "unsupported-media-type",
          "Unsupported media type",
          "send the file as " + TEXT_CSV + " (optionally with its charset)");
    }
    return type;
  }
}
