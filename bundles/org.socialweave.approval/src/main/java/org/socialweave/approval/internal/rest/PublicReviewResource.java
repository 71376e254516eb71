package org.socialweave.approval.internal.rest;

import java.time.Instant;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.approval.ApprovalDecision;
import org.socialweave.api.approval.ApprovalRequest;
import org.socialweave.api.compliance.CheckSubject;
import org.socialweave.api.compliance.ComplianceService;
import org.socialweave.api.compliance.Finding;
import org.socialweave.api.content.Post;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;
import org.socialweave.approval.internal.ReviewLinks;
import org.socialweave.approval.internal.ReviewLinks.Grant;
import org.socialweave.approval.internal.persistence.ReviewLinkEntity;

/**
 * What an external reviewer opens: the revision under review with its findings, and the verdict.
 * The signed token in the path is the only credential; these are the API's only unauthenticated
 * endpoints that touch content.
 */
@Component(service = PublicReviewResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=socialweave)")
@Path("review/{token}")
@Produces(MediaType.APPLICATION_JSON)
public class PublicReviewResource {

  /** One channel's text of the revision and what the checks say about it. */
  public record VariantView(
      String channelId, String network, String text, List<Finding> findings) {}

  /** The revision under review as the external reviewer sees it. */
  public record ReviewView(
      String reviewer,
      String email,
      String postId,
      int revision,
      int stage,
      String stageName,
      ApprovalRequest.Status status,
      Instant expiresAt,
      Instant decidedAt,
      String title,
      String text,
      List<Finding> findings,
      List<VariantView> variants) {}

  /** A verdict; a comment may point at a span of one channel's text. */
  public record VerdictBody(
      ApprovalDecision.Verdict verdict,
      String comment,
      Integer spanStart,
      Integer spanEnd,
      String channelId) {}

  /** What the reviewer sees after deciding. */
  public record VerdictView(ApprovalRequest.Status status, int stage, Instant decidedAt) {}

  private final ReviewLinks links;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  private volatile ComplianceService compliance;

  @Activate
  public PublicReviewResource(@Reference ReviewLinks links) {
    this.links = links;
  }

  @GET
  @RequiresPermission(Permission.PUBLIC)
  public ReviewView review(@PathParam("token") String token) {
    Grant grant = links.open(token);
    ReviewLinkEntity link = grant.link();
    Post p = grant.post();
    return new ReviewView(
        link.name,
        link.email,
        p.id(),
        link.revision,
        link.stage,
        grant.request().stage() == link.stage ? grant.request().stageName() : null,
        grant.request().status(),
        link.expiresAt,
        link.decidedAt,
        p.title(),
        p.text(),
        findings(p, p.text(), p.title()),
        p.variants().stream()
            .map(
                v ->
                    new VariantView(
                        v.channelId(), v.network(), v.text(), findings(p, v.text(), null)))
            .toList());
  }

  @POST
  @Path("verdict")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.PUBLIC)
  public VerdictView verdict(@PathParam("token") String token, VerdictBody body) {
    Grant grant = links.open(token);
    if (body == null) {
      throw new ValidationException("body", "a JSON object is required");
    }
    if (body.channelId() != null
        && grant.post().variants().stream()
            .noneMatch(v -> v.channelId().equals(body.channelId()))) {
      throw new ValidationException("channelId", "the post has no variant for that channel");
    }
    ApprovalRequest after =
        links.decide(
            grant,
            new ApprovalDecision(
                0,
                null,
                null,
                body.verdict(),
                body.comment(),
                body.spanStart(),
                body.spanEnd(),
                body.channelId(),
                null),
            null);
    return new VerdictView(after.status(), after.stage(), Instant.now());
  }

  private List<Finding> findings(Post post, String text, String title) {
    ComplianceService checks = compliance;
    if (checks == null || text == null) {
      return List.of();
    }
    return checks
        .check(
            post.workspaceId(),
            new CheckSubject(text, title, null, post.sponsored(), List.of(), null))
        .findings();
  }
}
