package org.socialweave.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.media.MediaAsset;
import org.socialweave.api.media.MediaLibrary;

@Service
@Command(
    scope = "socialweave",
    name = "media-list",
    description = "Lists the media library of a workspace: type, size, dimensions, duration")
public class MediaListCommand extends SocialWeaveCommand {

  @Reference WorkspaceService workspaces;
  @Reference MediaLibrary media;

  @Argument(index = 0, name = "workspace", description = "Workspace slug or id", required = true)
  @Completion(WorkspaceCompleter.class)
  String workspace;

  @Override
  protected void run() {
    Workspace w = CommandSupport.workspace(workspaces, workspace);
    ShellTable table = new ShellTable().emptyTableText("no media in " + w.slug());
    table.column("ID");
    table.column("File").maxSize(40);
    table.column("Type");
    table.column("Bytes").alignRight();
    table.column("Size");
    table.column("Duration");
    table.column("Codecs");
    for (MediaAsset m : CommandSupport.all(page -> media.list(w.id(), page))) {
      table
          .addRow()
          .addContent(
              m.id(),
              m.fileName(),
              m.mimeType(),
              m.sizeBytes(),
              m.width() == null ? "-" : m.width() + "x" + m.height(),
              m.duration() == null ? "-" : m.duration().toMillis() / 1000.0 + " s",
              m.videoCodec() == null
                  ? "-"
                  : m.videoCodec() + (m.audioCodec() == null ? "" : "/" + m.audioCodec()));
    }
    table.print(out());
  }
}
