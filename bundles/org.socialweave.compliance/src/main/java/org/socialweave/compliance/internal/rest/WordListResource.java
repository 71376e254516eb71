package org.socialweave.compliance.internal.rest;

import java.util.Locale;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
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
import org.socialweave.api.compliance.ComplianceService;
import org.socialweave.api.compliance.Severity;
import org.socialweave.api.compliance.WordList;
import org.socialweave.api.error.IfMatch;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.SocialWeaveException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Caller;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;

/**
 * A workspace's sensitive-word lists. Words travel as plain text, one per line: {@code PUT} imports
 * (creates the list, or replaces an existing one whose ETag is sent in {@code If-Match}), {@code
 * GET .../words} exports.
 */
@Component(service = WordListResource.class)
@JaxrsResource
@JaxrsApplicationSelect(CheckResource.APPLICATION)
@Path("workspaces/{workspaceId}/wordlists")
@Produces(MediaType.APPLICATION_JSON)
public class WordListResource {

  static final String TEXT = MediaType.TEXT_PLAIN + ";charset=utf-8";

  private final ComplianceService compliance;

  @Activate
  public WordListResource(@Reference ComplianceService compliance) {
    this.compliance = compliance;
  }

  @GET
  @RequiresPermission(Permission.CONTENT_READ)
  public Page<WordList> list(
      @PathParam("workspaceId") String workspaceId,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    return compliance.wordLists(workspaceId, PageRequest.of(limit, cursor));
  }

  @GET
  @Path("{name}")
  @RequiresPermission(Permission.CONTENT_READ)
  public Response get(
      @PathParam("workspaceId") String workspaceId, @PathParam("name") String name) {
    WordList list = compliance.wordList(workspaceId, name);
    return Response.ok(list).tag(tag(list)).build();
  }

  @GET
  @Path("{name}/words")
  @Produces(TEXT)
  @RequiresPermission(Permission.CONTENT_READ)
  public Response export(
      @PathParam("workspaceId") String workspaceId, @PathParam("name") String name) {
    String words = compliance.exportWordList(workspaceId, name);
    return Response.ok(words, TEXT)
        .header("Content-Disposition", "attachment; filename=\"" + name + ".txt\"")
        .build();
  }

  // No @Consumes: JAX-RS would answer 415 before the security filter runs, so an anonymous caller
  // would learn the media type before being refused. The type is checked here instead.
  @PUT
  @Path("{name}")
  @RequiresPermission(Permission.WORKSPACE_UPDATE)
  public Response put(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("name") String name,
      @QueryParam("severity") String severity,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @Context SecurityContext security,
      String body) {
    if (contentType == null
        || !MediaType.valueOf(contentType).isCompatible(MediaType.TEXT_PLAIN_TYPE)
        || MediaType.valueOf(contentType).isWildcardType()) {
      throw new SocialWeaveException(
          415,
          "unsupported-media-type",
          "Unsupported media type",
          "a word list is plain text (Content-Type: text/plain), one word per line");
    }
    Long expected = null;
    boolean exists = exists(workspaceId, name);
    if (ifMatch != null || exists) {
      expected = IfMatch.expectedVersion(ifMatch);
    }
    WordList list =
        compliance.importWordList(
            workspaceId, name, severity(severity), body, expected, actor(security));
    return Response.status(exists ? Response.Status.OK : Response.Status.CREATED)
        .entity(list)
        .tag(tag(list))
        .build();
  }

  @DELETE
  @Path("{name}")
  @RequiresPermission(Permission.WORKSPACE_UPDATE)
  public Response delete(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("name") String name,
      @Context SecurityContext security) {
    compliance.deleteWordList(workspaceId, name, actor(security));
    return Response.noContent().build();
  }

  private boolean exists(String workspaceId, String name) {
    try {
      compliance.wordList(workspaceId, name);
      return true;
    } catch (NotFoundException e) {
      // A missing workspace is reported by the import itself.
      return false;
    }
  }

  private static Severity severity(String value) {
    if (value == null || value.isBlank()) {
      return Severity.WARN;
    }
    try {
      return Severity.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ValidationException("severity", "severity is BLOCK, WARN or INFO, was " + value);
    }
  }

  private static String actor(SecurityContext security) {
    return security.getUserPrincipal() instanceof Caller caller ? caller.userId() : null;
  }

  private static EntityTag tag(WordList list) {
    return new EntityTag(IfMatch.tag(list.version()));
  }
}
