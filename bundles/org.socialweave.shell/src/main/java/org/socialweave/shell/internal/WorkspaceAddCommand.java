package org.socialweave.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.audit.AuditLog;

@Service
@Command(scope = "socialweave", name = "workspace-add", description = "Creates a workspace")
public class WorkspaceAddCommand extends SocialWeaveCommand {

  static final String DEFAULT_TIME_ZONE = "Asia/Shanghai";

  @Reference WorkspaceService workspaces;
  @Reference AuditLog auditLog;

  @Argument(index = 0, name = "slug", description = "URL-safe short name", required = true)
  String slug;

  @Argument(index = 1, name = "name", description = "Display name", required = true)
  String name;

  @Option(
      name = "--time-zone",
      aliases = "-z",
      description = "IANA time zone of the workspace (default Asia/Shanghai)")
  @Completion(TimeZoneCompleter.class)
  String timeZone = DEFAULT_TIME_ZONE;

  @Override
  protected void run() throws Exception {
    Workspace w =
        audited(
            auditLog,
            "workspace-add",
            "workspace:" + slug,
            ctx -> {
              Workspace created = workspaces.create(slug, name, timeZone);
              ctx.workspaceId = created.id();
              return created;
            });
    out().println("Created workspace " + w.slug() + " (id " + w.id() + ", " + w.timeZone() + ")");
  }
}
