package org.socialweave.compliance.internal.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.socialweave.api.compliance.CheckSetting;
import org.socialweave.api.compliance.CheckSettings;
import org.socialweave.api.compliance.ComplianceService;
import org.socialweave.api.compliance.Severity;
import org.socialweave.api.error.SocialWeaveException;

@Service
@Command(
    scope = "socialweave",
    name = "check-settings",
    description =
        "Shows a workspace's content check settings, or changes them: enable or disable a check,"
            + " set its severity or a parameter")
public class CheckSettingsCommand implements Action {

  @Reference Session session;
  @Reference ComplianceService compliance;

  @Argument(index = 0, name = "workspace", description = "Workspace id or slug", required = true)
  @Completion(WorkspaceCompleter.class)
  String workspace;

  @Option(name = "--enable", description = "Check id to enable", multiValued = true)
  @Completion(CheckIdCompleter.class)
  List<String> enable;

  @Option(name = "--disable", description = "Check id to disable", multiValued = true)
  @Completion(CheckIdCompleter.class)
  List<String> disable;

  @Option(
      name = "--severity",
      description = "checkId=BLOCK|WARN|INFO, or checkId=default for the check's own",
      multiValued = true)
  List<String> severity;

  @Option(
      name = "--param",
      description = "checkId.name=value (words separated by '|'; an empty value for the default)",
      multiValued = true)
  List<String> param;

  @Option(
      name = "--reset",
      description = "Check id to put back to its defaults",
      multiValued = true)
  @Completion(CheckIdCompleter.class)
  List<String> reset;

  @Override
  public Object execute() throws Exception {
    try {
      CheckSettings current = compliance.checkSettings(workspace);
      if (changesNothing()) {
        print(current);
        return null;
      }
      Map<String, Draft> drafts = new LinkedHashMap<>();
      for (CheckSetting s : current.checks()) {
        drafts.put(s.checkId(), new Draft(s));
      }
      each(enable, id -> draft(drafts, id).enabled = true);
      each(disable, id -> draft(drafts, id).enabled = false);
      for (String pair : nonNull(severity)) {
        String[] kv = split(pair, '=', "--severity checkId=WARN");
        draft(drafts, kv[0]).severity =
            "default".equalsIgnoreCase(kv[1])
                ? null
                : Severity.valueOf(kv[1].toUpperCase(Locale.ROOT));
      }
      for (String pair : nonNull(param)) {
        String[] kv = split(pair, '=', "--param checkId.name=value");
        int dot = kv[0].lastIndexOf('.');
        if (dot <= 0) {
          throw new CommandException("--param needs checkId.name=value, was " + pair);
        }
        Draft d = draft(drafts, kv[0].substring(0, dot));
        String name = kv[0].substring(dot + 1);
        if (kv[1].isEmpty()) {
          d.parameters.remove(name);
        } else {
          d.parameters.put(name, kv[1].replace('|', '\n'));
        }
      }
      each(reset, id -> drafts.put(id, new Draft(null)));
      List<CheckSettings.Change> changes = new ArrayList<>();
      drafts.forEach(
          (id, d) ->
              changes.add(new CheckSettings.Change(id, d.enabled, d.severity, d.parameters)));
      print(compliance.replaceCheckSettings(workspace, changes, current.version(), "console"));
    } catch (SocialWeaveException e) {
      throw new CommandException(e.title() + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new CommandException("a severity is BLOCK, WARN, INFO or default: " + e.getMessage());
    }
    return null;
  }

  /** One check's settings as the command edits them. */
  private static final class Draft {
    Boolean enabled = true;
    Severity severity;
    Map<String, String> parameters = new HashMap<>();

    Draft(CheckSetting s) {
      if (s != null) {
        enabled = s.enabled();
        severity = s.severity();
        parameters.putAll(s.parameters());
      }
    }
  }

  private interface IdAction {
    void apply(String id) throws CommandException;
  }

  private boolean changesNothing() {
    return nonNull(enable).isEmpty()
        && nonNull(disable).isEmpty()
        && nonNull(severity).isEmpty()
        && nonNull(param).isEmpty()
        && nonNull(reset).isEmpty();
  }

  private static void each(List<String> ids, IdAction action) throws CommandException {
    for (String id : nonNull(ids)) {
      action.apply(id);
    }
  }

  private static Draft draft(Map<String, Draft> drafts, String id) throws CommandException {
    Draft d = drafts.get(id);
    if (d == null) {
      throw new CommandException("no check " + id + "; installed: " + drafts.keySet());
    }
    return d;
  }

  private static String[] split(String pair, char separator, String usage) throws CommandException {
    int at = pair.indexOf(separator);
    if (at <= 0) {
      throw new CommandException("expected " + usage + ", was " + pair);
    }
    return new String[] {pair.substring(0, at), pair.substring(at + 1)};
  }

  private static List<String> nonNull(List<String> values) {
    return values == null ? List.of() : values;
  }

  private void print(CheckSettings settings) {
    ShellTable table = new ShellTable().emptyTableText("no checks installed");
    table.column("Check");
    table.column("Enabled");
    table.column("Severity");
    table.column("Parameters").maxSize(60);
    table.column("Installed");
    for (CheckSetting s : settings.checks()) {
      List<String> params = new ArrayList<>();
      s.parameterTypes()
          .forEach(
              p ->
                  params.add(
                      p.name()
                          + "="
                          + s.parameters()
                              .getOrDefault(p.name(), p.defaultValue())
                              .replace('\n', '|')));
      table
          .addRow()
          .addContent(
              s.checkId(),
              s.enabled() ? "yes" : "no",
              s.severity() == null ? "(own)" : s.severity(),
              String.join(", ", params),
              s.registered() ? "yes" : "no");
    }
    table.print(session.getConsole());
    session.getConsole().printf("version %d%n", settings.version());
  }
}
