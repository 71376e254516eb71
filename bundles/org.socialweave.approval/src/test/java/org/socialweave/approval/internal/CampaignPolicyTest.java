package org.socialweave.approval.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;
import org.socialweave.api.approval.ApprovalPolicy;
import org.socialweave.api.approval.ApprovalRequest;
import org.socialweave.api.approval.ApprovalStage;
import org.socialweave.api.approval.ApprovalStage.Rule;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.PreconditionFailedException;
import org.socialweave.api.security.Role;

/** A campaign's own approval policy overrides the workspace's for the campaign's posts. */
public class CampaignPolicyTest extends ApprovalTestBase {

  private ApprovalPolicy legalOnly(boolean enabled) {
    return new ApprovalPolicy(
        null,
        enabled,
        List.of(new ApprovalStage("Legal 法务", null, List.of(legal.id()), Rule.ANY, 8, List.of())),
        0);
  }

  @Test
  public void aCampaignWithoutItsOwnPolicyFollowsTheWorkspace() {
    campaigns.add("c1");
    twoStages(Rule.ANY);
    ApprovalPolicy inherited = approvals.campaignPolicy(ws.id(), "c1");
    assertNull(inherited.campaignId());
    assertEquals(0, inherited.version());
    assertEquals(2, inherited.stages().size());
    ApprovalRequest r = approvals.open(ws.id(), "p1", "c1", 1, editor.id());
    assertEquals("Brand 品牌", r.stageName());
  }

  @Test
  public void theCampaignsPolicyGovernsItsPostsAndNoOthers() {
    campaigns.add("c2");
    ApprovalPolicy own = approvals.setCampaignPolicy(ws.id(), "c2", legalOnly(true), 0);
    assertEquals("c2", own.campaignId());
    assertTrue(own.version() > 0);
    assertFalse("the workspace has approval off", approvals.policy(ws.id()).enabled());
    assertTrue(approvals.publishable(ws.id(), "p-outside", null, 1));
    assertFalse(approvals.publishable(ws.id(), "p2", "c2", 1));
    assertThrows(
        ConflictException.class, () -> approvals.open(ws.id(), "p-outside", 1, editor.id()));

    ApprovalRequest r = approvals.open(ws.id(), "p2", "c2", 1, editor.id());
    assertEquals("Legal 法务", r.stageName());
    r =
        approvals.decide(
            ws.id(),
            r.id(),
            legal.id(),
            new org.socialweave.api.approval.ApprovalDecision(
                0,
                null,
                null,
                org.socialweave.api.approval.ApprovalDecision.Verdict.APPROVE,
                null,
                null,
                null,
                null,
                null));
    assertEquals(ApprovalRequest.Status.APPROVED, r.status());
    assertTrue(approvals.publishable(ws.id(), "p2", "c2", 1));
  }

  @Test
  public void aCampaignCanTurnApprovalOffAndGiveItsPolicyBack() {
    campaigns.add("c3");
    twoStages(Rule.ANY);
    ApprovalPolicy off = approvals.setCampaignPolicy(ws.id(), "c3", legalOnly(false), 0);
    assertTrue(approvals.publishable(ws.id(), "p3", "c3", 1));
    assertThrows(
        PreconditionFailedException.class,
        () -> approvals.setCampaignPolicy(ws.id(), "c3", legalOnly(true), 0));
    approvals.setCampaignPolicy(ws.id(), "c3", legalOnly(true), off.version());
    approvals.deleteCampaignPolicy(ws.id(), "c3");
    assertEquals(2, approvals.policy(ws.id(), "c3").stages().size());
    assertThrows(NotFoundException.class, () -> approvals.deleteCampaignPolicy(ws.id(), "c3"));
  }

  @Test
  public void anUnknownCampaignIsNotFoundAndStagesAreChecked() {
    assertThrows(NotFoundException.class, () -> approvals.campaignPolicy(ws.id(), "nope"));
    assertThrows(
        NotFoundException.class,
        () -> approvals.setCampaignPolicy(ws.id(), "nope", legalOnly(true), 0));
    campaigns.add("c4");
    assertThrows(
        org.socialweave.api.error.ValidationException.class,
        () ->
            approvals.setCampaignPolicy(
                ws.id(),
                "c4",
                new ApprovalPolicy(
                    null,
                    true,
                    List.of(
                        new ApprovalStage("x", Role.APPROVER, List.of(), Rule.ANY, 0, List.of())),
                    0),
                0));
  }
}
