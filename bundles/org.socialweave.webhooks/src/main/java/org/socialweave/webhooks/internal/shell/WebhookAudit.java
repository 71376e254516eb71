package org.socialweave.webhooks.internal.shell;

import org.apache.karaf.shell.api.console.Session;
import org.socialweave.api.audit.AuditEvent;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.error.SocialWeaveException;

/** Audits a console command's state change the way the REST API audits its calls. */
final class WebhookAudit {

  private WebhookAudit() {}

  /** Runs {@code change}, then records its outcome for the shell's user. */
  static <T> T audited(
      AuditLog audit,
      Session session,
      String workspace,
      String action,
      String target,
      java.util.function.Supplier<T> change) {
    Object user = session.get("USER");
    String actor = user == null ? "console" : user.toString();
    try {
      T result = change.get();
      audit.record(new AuditEvent(actor, workspace, action, target, null, "success"));
      return result;
    } catch (SocialWeaveException e) {
      audit.record(new AuditEvent(actor, workspace, action, target, null, "failure:" + e.status()));
      throw e;
    }
  }
}
