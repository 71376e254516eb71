package org.socialweave.content.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.socialweave.api.approval.ApprovalGate;
import org.socialweave.api.compliance.CheckRun;
import org.socialweave.api.compliance.CheckRuns;
import org.socialweave.api.compliance.Finding;
import org.socialweave.api.compliance.Severity;
import org.socialweave.api.content.Post;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.SocialWeaveException;
import org.socialweave.content.internal.PostServiceImpl.VariantReport;

/**
 * The checks again when a verdict approves, on the exact revision under review: every variant's run
 * is stored with the revision (stage {@code approval}), and a blocking finding that the revision's
 * override did not accept (one new since the submission, such as a word added to a list) refuses
 * the approval with a 409 {@code approval-blocked}.
 */
@Component(service = ApprovalGate.class)
public class ApprovalCompliance implements ApprovalGate {

  static final String BLOCKED = "approval-blocked";
  private static final int LISTED = 10;

  private final PostServiceImpl posts;
  private final CheckRuns runs;

  @Activate
  public ApprovalCompliance(@Reference PostServiceImpl posts, @Reference CheckRuns runs) {
    this.posts = posts;
    this.runs = runs;
  }

  @Override
  public void beforeApproval(String workspaceId, String postId, int revision, String actor) {
    Post post = posts.get(workspaceId, postId);
    if (post.revision() != revision) {
      throw new ConflictException(
          "the post was edited after it was submitted (revision "
              + revision
              + " is under review, the post is at "
              + post.revision()
              + "); submit it again");
    }
    List<String> reasons = new ArrayList<>();
    for (VariantReport checked : posts.checkVariants(workspaceId, post, CheckRun.APPROVAL, actor)) {
      String network = checked.variant().network();
      Set<String> covered =
          OverrideCoverage.covered(
              posts, runs, workspaceId, postId, revision, checked.variant().id(), true);
      for (Finding f : checked.report().findings()) {
        if (f.severity() == Severity.BLOCK && !covered.contains(OverrideCoverage.key(f))) {
          reasons.add(PostServiceImpl.describe(network, f));
        }
      }
      for (String failed : checked.report().failedChecks()) {
        reasons.add(network + " check " + failed + " failed to run");
      }
    }
    if (!reasons.isEmpty()) {
      throw new SocialWeaveException(
          409,
          BLOCKED,
          "Approval refused by the content checks",
          "revision "
              + revision
              + " has blocking findings that no override accepted: "
              + String.join("; ", reasons.subList(0, Math.min(LISTED, reasons.size())))
              + (reasons.size() > LISTED ? "; and " + (reasons.size() - LISTED) + " more" : "")
              + ". Nothing was approved; the post's editor fixes the text and submits it again, or"
              + " overrides the findings with a written reason (needs COMPLIANCE_OVERRIDE).");
    }
  }
}
