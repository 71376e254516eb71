package org.socialweave.shell.internal;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.error.SocialWeaveException;

/**
 * Base of every {@code socialweave:*} command: output to the session console, errors from the API
 * turned into one line (a {@link CommandException}, so the shell prints no stack trace and scripts
 * see the failure), and audited state changes.
 */
abstract class SocialWeaveCommand implements Action {

  @Reference Session session;

  /** Where the command prints; the session console unless a test sets it. */
  PrintStream out;

  /** Who runs the command; the JAAS subject of the session unless a test sets it. */
  String actor;

  @Override
  public final Object execute() throws Exception {
    try {
      run();
      return null;
    } catch (SocialWeaveException e) {
      throw new CommandException(CommandSupport.message(e));
    }
  }

  /** The command's work; throws {@link SocialWeaveException} or {@link CommandException}. */
  protected abstract void run() throws Exception;

  protected PrintStream out() {
    return out != null ? out : session.getConsole();
  }

  protected String actor() {
    return actor != null ? actor : CommandSupport.currentActor();
  }

  /** Runs a state change and audits it as {@code console:<name>} with this session's actor. */
  protected <T> T audited(
      AuditLog auditLog, String name, String target, CommandSupport.AuditedOperation<T> operation)
      throws Exception {
    return CommandSupport.audited(auditLog, actor(), "console:" + name, target, operation);
  }
}
