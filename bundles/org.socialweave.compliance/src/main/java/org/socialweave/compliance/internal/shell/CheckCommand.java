package org.socialweave.compliance.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.socialweave.api.compliance.CheckReport;
import org.socialweave.api.compliance.CheckSubject;
import org.socialweave.api.compliance.ComplianceService;
import org.socialweave.api.compliance.Finding;
import org.socialweave.api.error.SocialWeaveException;

@Service
@Command(
    scope = "socialweave",
    name = "check",
    description = "Checks a text against the content rules and prints the findings")
public class CheckCommand implements Action {

  @Reference Session session;
  @Reference ComplianceService compliance;

  @Argument(index = 0, name = "text", description = "The text to check", required = true)
  String text;

  @Option(name = "--workspace", description = "Also match this workspace's word lists")
  @Completion(WorkspaceCompleter.class)
  String workspace;

  @Option(name = "--sponsored", description = "The post is paid for: it needs an ad label")
  boolean sponsored;

  @Override
  public Object execute() throws Exception {
    CheckSubject subject = new CheckSubject(text, null, null, sponsored, null, null);
    CheckReport report;
    try {
      report = workspace == null ? compliance.check(subject) : compliance.check(workspace, subject);
    } catch (SocialWeaveException e) {
      throw new CommandException(e.title() + ": " + e.getMessage());
    }
    ShellTable table = new ShellTable().emptyTableText("no findings");
    table.column("Severity");
    table.column("Span");
    table.column("Matched");
    table.column("Rule");
    table.column("Review");
    table.column("Why").maxSize(70);
    for (Finding f : report.findings()) {
      table
          .addRow()
          .addContent(
              f.severity(),
              f.start() + "-" + f.end(),
              f.matched(),
              f.ruleId(),
              f.needsReview() ? "yes" : "",
              f.explanationEn());
    }
    table.print(session.getConsole());
    session
        .getConsole()
        .printf(
            "%s: %d block, %d warn, %d info in %d us%s%n",
            report.blocked() ? "BLOCKED" : "ok",
            report.blockCount(),
            report.warnCount(),
            report.infoCount(),
            report.elapsedMicros(),
            report.failedChecks().isEmpty() ? "" : "; failed checks: " + report.failedChecks());
    return null;
  }
}
