package org.socialweave.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.audit.AuditLog.Verification;

@Service
@Command(
    scope = "socialweave",
    name = "audit-verify",
    description = "Recomputes the audit hash chain; fails if an entry was changed or removed")
public class AuditVerifyCommand extends SocialWeaveCommand {

  @Reference AuditLog auditLog;

  @Override
  protected void run() throws CommandException {
    Verification v = auditLog.verify();
    if (v.intact()) {
      out().println("Audit chain intact (" + v.entriesChecked() + " entries checked)");
      return;
    }
    String message =
        "Audit chain BROKEN at sequence "
            + v.firstBrokenSequence()
            + ": "
            + v.reason()
            + " ("
            + v.entriesChecked()
            + " entries checked)";
    out().println(message);
    throw new CommandException(message);
  }
}
