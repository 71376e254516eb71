package org.socialweave.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;
import org.socialweave.api.audit.AuditEvent;
import org.socialweave.api.audit.AuditLog.Verification;
import org.socialweave.api.health.HealthIndicator;
import org.socialweave.api.health.HealthIndicator.HealthStatus;

public class AuditAndStatusCommandsTest extends CommandTestBase {

  private static HealthIndicator indicator(String name, HealthStatus status) {
    return new HealthIndicator() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public HealthStatus check() {
        return status;
      }
    };
  }

  @Test
  public void auditTailFiltersByWorkspaceSlug() throws Exception {
    workspaces.create("acme", "ACME", "UTC");
    audit.record(new AuditEvent("alice", "w1", "console:role-grant", "user:bob", null, "success"));
    audit.record(new AuditEvent("carol", null, "console:user-add", "user:dan", null, "success"));
    AuditTailCommand c = wire(new AuditTailCommand());
    c.auditLog = audit;
    c.workspaces = workspaces;
    c.workspace = "acme";
    c.count = 5;
    c.execute();
    assertEquals("w1", audit.lastTailWorkspace);
    assertEquals(5, audit.lastTailCount);
    assertTrue(output.text().contains("console:role-grant"));
    assertFalse(output.text().contains("console:user-add"));
  }

  @Test
  public void auditTailDefaultsToTwentyOfAllWorkspaces() throws Exception {
    AuditTailCommand c = wire(new AuditTailCommand());
    c.auditLog = audit;
    c.workspaces = workspaces;
    c.execute();
    assertEquals(null, audit.lastTailWorkspace);
    assertEquals(20, audit.lastTailCount);
    assertTrue(output.text().contains("no audit entries"));
  }

  @Test
  public void auditVerifyIntact() throws Exception {
    audit.verification = new Verification(true, 42, null, null);
    AuditVerifyCommand c = wire(new AuditVerifyCommand());
    c.auditLog = audit;
    c.execute();
    assertTrue(output.text().contains("Audit chain intact (42 entries checked)"));
  }

  @Test
  public void auditVerifyBrokenFailsTheCommand() {
    audit.verification = new Verification(false, 17, 17L, "hash mismatch");
    AuditVerifyCommand c = wire(new AuditVerifyCommand());
    c.auditLog = audit;
    String message = failure(c);
    assertEquals("Audit chain BROKEN at sequence 17: hash mismatch (17 entries checked)", message);
    assertTrue(output.text().contains(message));
  }

  @Test
  public void statusReportIsUpWhenEveryIndicatorIsUp() {
    boolean up =
        StatusCommand.report(
            output.stream,
            "0.1.0.SNAPSHOT",
            List.of(
                new StatusCommand.BundleLine(71, "org.socialweave.core", "0.1.0", "Active"),
                new StatusCommand.BundleLine(70, "org.socialweave.api", "0.1.0", "Resolved")),
            List.of(
                indicator("database", HealthStatus.up("H2 2.2.224")),
                indicator("vault", HealthStatus.up("key loaded"))));
    assertTrue(up);
    String text = output.text();
    assertTrue(text.contains("SocialWeave shell 0.1.0.SNAPSHOT"));
    assertTrue(text.contains("org.socialweave.core"));
    assertTrue(text.contains("Resolved"));
    assertTrue(text.contains("H2 2.2.224"));
    assertTrue(text.contains("Overall: UP"));
  }

  @Test
  public void statusReportIsDegradedButUpWhenAnIndicatorNeedsAttention() {
    boolean up =
        StatusCommand.report(
            output.stream,
            "0.1.0",
            List.of(),
            List.of(
                indicator("database", HealthStatus.up("ok")),
                indicator("publishing", HealthStatus.degraded("3 publish jobs overdue"))));
    assertTrue(up);
    assertTrue(output.text().contains("DEGRADED"));
    assertTrue(output.text().contains("3 publish jobs overdue"));
    assertTrue(output.text().contains("Overall: DEGRADED"));
  }

  @Test
  public void statusReportIsDownWhenAnIndicatorIsDownOrThrows() {
    HealthIndicator broken =
        new HealthIndicator() {
          @Override
          public String name() {
            return "broken";
          }

          @Override
          public HealthStatus check() {
            throw new IllegalStateException("boom");
          }
        };
    boolean up =
        StatusCommand.report(
            output.stream,
            "0.1.0",
            List.of(),
            List.of(indicator("database", HealthStatus.up("ok")), broken));
    assertFalse(up);
    assertTrue(output.text().contains("check failed: boom"));
    assertTrue(output.text().contains("Overall: DOWN"));
  }

  @Test
  public void statusReportIsDownWithoutIndicators() {
    assertFalse(StatusCommand.report(output.stream, "0.1.0", List.of(), List.of()));
    assertTrue(output.text().contains("no health indicators registered"));
    assertTrue(output.text().contains("Overall: DOWN"));
  }
}
