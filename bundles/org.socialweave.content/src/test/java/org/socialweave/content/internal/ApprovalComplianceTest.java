package org.socialweave.content.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.compliance.CheckRun;
import org.socialweave.api.content.Post;
import org.socialweave.api.content.PostDraft;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.SocialWeaveException;

/**
 * The checks again when an approver approves, on the exact revision under review (real database):
 * each variant's run is stored with the revision, and a blocking finding that is new since the
 * submission refuses the approval.
 */
public class ApprovalComplianceTest extends ContentTestBase {

  private ApprovalCompliance gate;

  @Before
  public void wireGate() {
    gate = new ApprovalCompliance(posts, checkRuns);
    approvals.enabled = true;
  }

  private Post submitted(String text) {
    Post post =
        posts.create(
            ws.id(), new PostDraft(null, text, null, null, List.of(x, weibo), null, Map.of()), "e");
    posts.submit(ws.id(), post.id(), "editor1");
    clock.advance(Duration.ofSeconds(1));
    return post;
  }

  private List<CheckRun> approvalRuns(Post post) {
    return checkRuns.ofRevision(ws.id(), post.id(), post.revision()).stream()
        .filter(r -> r.stage().equals(CheckRun.APPROVAL))
        .toList();
  }

  @Test
  public void anApprovalStoresACheckRunPerVariantWithTheRevisionAndTheApprover() {
    Post post = submitted("新品咖啡");
    gate.beforeApproval(ws.id(), post.id(), 1, "approver1");
    List<CheckRun> runs = approvalRuns(post);
    assertEquals(2, runs.size());
    assertTrue(runs.stream().allMatch(r -> r.revision() == 1 && !r.blocked()));
    assertEquals("approver1", runs.get(0).actor());
  }

  @Test
  public void aWordBlockedAfterTheSubmissionRefusesTheApprovalAndTheBlockedRunIsKept() {
    Post post = submitted("新品咖啡上市");
    checks.block("咖啡");
    SocialWeaveException refused =
        assertThrows(
            SocialWeaveException.class,
            () -> gate.beforeApproval(ws.id(), post.id(), 1, "approver1"));
    assertEquals(409, refused.status());
    assertEquals(ApprovalCompliance.BLOCKED, refused.type());
    assertTrue(refused.getMessage(), refused.getMessage().contains("\u201c咖啡\u201d"));
    assertTrue(refused.getMessage(), refused.getMessage().contains("override"));
    assertEquals(2, approvalRuns(post).size());
    assertTrue(approvalRuns(post).stream().allMatch(CheckRun::blocked));
  }

  @Test
  public void anOverrideCoversWhatTheSubmissionFoundButNotAWordBlockedAfterIt() {
    Post post =
        posts.create(
            ws.id(),
            new PostDraft(
                null, "全网" + BlockedTerm.TERM + "咖啡", null, null, List.of(x), null, Map.of()),
            "e");
    posts.overrideCompliance(ws.id(), post.id(), "Quoted from the award citation", "lawyer");
    clock.advance(Duration.ofSeconds(1));
    posts.submit(ws.id(), post.id(), "editor1");
    clock.advance(Duration.ofSeconds(1));
    gate.beforeApproval(ws.id(), post.id(), 1, "approver1");

    checks.block("咖啡");
    SocialWeaveException refused =
        assertThrows(
            SocialWeaveException.class,
            () -> gate.beforeApproval(ws.id(), post.id(), 1, "approver2"));
    assertTrue(refused.getMessage(), refused.getMessage().contains("\u201c咖啡\u201d"));
    assertTrue(
        "the accepted finding is not named again",
        !refused.getMessage().contains("\u201c" + BlockedTerm.TERM + "\u201d"));
  }

  @Test
  public void aRevisionThePostHasMovedPastIsNotApproved() {
    Post post = submitted("新品咖啡");
    Post edited =
        posts.update(
            ws.id(),
            post.id(),
            new PostDraft(null, "新品咖啡 v2", null, null, List.of(x, weibo), null, Map.of()),
            post.version(),
            "e");
    assertEquals(2, edited.revision());
    ConflictException e =
        assertThrows(
            ConflictException.class, () -> gate.beforeApproval(ws.id(), post.id(), 1, "approver1"));
    assertTrue(e.getMessage(), e.getMessage().contains("revision 1 is under review"));
    assertEquals(List.of(), approvalRuns(edited));
  }
}
