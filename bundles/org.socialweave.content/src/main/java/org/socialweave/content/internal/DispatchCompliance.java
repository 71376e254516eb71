package org.socialweave.content.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.socialweave.api.compliance.CheckReport;
import org.socialweave.api.compliance.CheckRun;
import org.socialweave.api.compliance.CheckRuns;
import org.socialweave.api.compliance.CheckSubject;
import org.socialweave.api.compliance.ComplianceService;
import org.socialweave.api.compliance.Finding;
import org.socialweave.api.compliance.PublishGate;
import org.socialweave.api.compliance.Severity;
import org.socialweave.api.connector.Connectors;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.content.Failure;
import org.socialweave.api.content.Post;
import org.socialweave.api.publish.PublishJob;

/**
 * The checks again at dispatch, on the exact text of the job: a word added to a list after the post
 * was scheduled stops it. An override of the revision covers the blocking findings that the checks
 * of that revision had found when the override was made; a blocking finding that is new since then
 * refuses the job. Every run is stored with the revision.
 */
@Component(service = PublishGate.class)
public class DispatchCompliance implements PublishGate {

  /** The failure kind the per-channel status shows. */
  public static final String KIND = "COMPLIANCE";

  static final String ACTOR = "system:publisher";

  private static final int LISTED = 5;

  private final PostServiceImpl posts;
  private final ComplianceService compliance;
  private final CheckRuns runs;
  private final Connectors connectors;

  @Activate
  public DispatchCompliance(
      @Reference PostServiceImpl posts,
      @Reference ComplianceService compliance,
      @Reference CheckRuns runs,
      @Reference Connectors connectors) {
    this.posts = posts;
    this.compliance = compliance;
    this.runs = runs;
    this.connectors = connectors;
  }

  @Override
  public Optional<Failure> refuse(PublishJob job) {
    Post post = posts.get(job.workspaceId(), job.postId());
    NetworkDescriptor network =
        connectors.find(job.network()).map(c -> c.descriptor()).orElse(null);
    CheckReport report =
        compliance.check(
            job.workspaceId(),
            new CheckSubject(job.text(), job.title(), network, post.sponsored(), List.of(), null));
    runs.record(
        job.workspaceId(),
        job.postId(),
        post.revision(),
        job.variantId(),
        job.network(),
        CheckRun.DISPATCH,
        report,
        ACTOR);
    if (!report.blocked()) {
      return Optional.empty();
    }
    Set<String> covered =
        OverrideCoverage.covered(
            posts, runs, job.workspaceId(), job.postId(), post.revision(), job.variantId(), false);
    List<String> reasons = new ArrayList<>();
    for (Finding f : report.findings()) {
      if (f.severity() == Severity.BLOCK && !covered.contains(OverrideCoverage.key(f))) {
        reasons.add(f.ruleId() + " \u201c" + f.matched() + "\u201d: " + f.explanationEn());
      }
    }
    for (String failed : report.failedChecks()) {
      reasons.add("the check " + failed + " failed to run");
    }
    if (reasons.isEmpty()) {
      return Optional.empty();
    }
    String message =
        "compliance: "
            + String.join("; ", reasons.subList(0, Math.min(LISTED, reasons.size())))
            + (reasons.size() > LISTED ? "; and " + (reasons.size() - LISTED) + " more" : "");
    return Optional.of(
        new Failure(
            KIND,
            null,
            message,
            "edit the post, or override the findings with a written reason (needs"
                + " COMPLIANCE_OVERRIDE), then retry"));
  }
}
