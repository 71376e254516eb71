package org.socialweave.approval.internal;

import java.util.List;
import java.util.Map;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import org.junit.AfterClass;
import org.junit.Before;
import org.socialweave.api.User;
import org.socialweave.api.Workspace;
import org.socialweave.api.approval.ApprovalDecision;
import org.socialweave.api.approval.ApprovalDecision.Verdict;
import org.socialweave.api.approval.ApprovalPolicy;
import org.socialweave.api.approval.ApprovalStage;
import org.socialweave.api.approval.ApprovalStage.Rule;
import org.socialweave.api.security.Role;
import org.socialweave.core.internal.audit.AuditLogImpl;
import org.socialweave.core.internal.identity.UserServiceImpl;
import org.socialweave.core.internal.identity.WorkspaceServiceImpl;
import org.socialweave.core.internal.testing.DatabaseTestBase;
import org.socialweave.core.internal.testing.MutableClock;
import org.socialweave.core.internal.testing.TestDatabase;
import org.socialweave.core.internal.testing.TestSecurityConfig;

/**
 * An approval service on a real database (H2, and PostgreSQL in the postgres profile) with the
 * core's real users and memberships, and a workspace with an editor, two approvers and a viewer
 * named for the legal stage.
 */
public abstract class ApprovalTestBase extends DatabaseTestBase {

  private static TestDatabase emfDatabase;
  private static EntityManagerFactory emf;

  protected MutableClock clock;
  protected ApprovalServiceImpl approvals;
  protected AuditLogImpl audit;
  protected RecordedGate gate;
  protected WorkspaceServiceImpl workspaces;
  protected UserServiceImpl users;
  protected Workspace ws;
  protected User editor;
  protected User approver;
  protected User secondApprover;
  protected User legal;

  /** The campaigns that exist, as the content bundle would answer. */
  protected final java.util.Set<String> campaigns = new java.util.HashSet<>();

  @Before
  public void setUp() {
    if (emfDatabase != testDb) {
      if (emf != null) {
        emf.close();
      }
      emf =
          Persistence.createEntityManagerFactory(
              "socialweave.approval",
              Map.of(
                  "javax.persistence.nonJtaDataSource",
                  testDb.dataSource(),
                  "eclipselink.logging.level",
                  "SEVERE"));
      emfDatabase = testDb;
    }
    clock = MutableClock.atNow();
    workspaces = new WorkspaceServiceImpl(db(), clock);
    users = new UserServiceImpl(db(), TestSecurityConfig.fast(), clock);
    ws = workspaces.create(unique("ap-"), "Approval", "Asia/Shanghai");
    editor = member(Role.EDITOR);
    approver = member(Role.APPROVER);
    secondApprover = member(Role.APPROVER);
    legal = member(Role.VIEWER);
    audit = new AuditLogImpl(db(), clock);
    approvals =
        new ApprovalServiceImpl(
            ApprovalServiceImpl.migrated(testDb.dataSource(), emf),
            ApprovalServiceImpl.directory(workspaces, users, (w, c) -> campaigns.contains(c)),
            audit,
            clock);
    gate = new RecordedGate();
    approvals.gate = gate;
  }

  @AfterClass
  public static void closeEmf() {
    if (emf != null) {
      emf.close();
      emf = null;
      emfDatabase = null;
    }
  }

  protected User member(Role role) {
    User u = users.create(unique("u"), "User", null, "a-long-password-1".toCharArray(), false);
    workspaces.grant(ws.id(), u.id(), role);
    return u;
  }

  protected ApprovalPolicy twoStages(Rule firstRule) {
    return approvals.setPolicy(
        ws.id(),
        new ApprovalPolicy(
            null,
            true,
            List.of(
                new ApprovalStage("Brand 品牌", Role.APPROVER, List.of(), firstRule, 24, List.of()),
                new ApprovalStage("Legal 法务", null, List.of(legal.id()), Rule.ANY, 48, List.of())),
            0),
        0);
  }

  /** Turns approval on with these stages over the policy at {@code version}. */
  protected ApprovalPolicy policy(long version, ApprovalStage... stages) {
    return approvals.setPolicy(
        ws.id(), new ApprovalPolicy(null, true, List.of(stages), version), version);
  }

  protected static ApprovalDecision verdict(Verdict v, String comment) {
    return new ApprovalDecision(0, null, null, v, comment, null, null, null, null);
  }
}
