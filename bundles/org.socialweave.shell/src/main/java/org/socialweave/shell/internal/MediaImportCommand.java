package org.socialweave.shell.internal;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.media.MediaAsset;
import org.socialweave.api.media.MediaLibrary;

@Service
@Command(
    scope = "socialweave",
    name = "media-import",
    description = "Adds an image or video file on this node to a workspace's media library")
public class MediaImportCommand extends SocialWeaveCommand {

  @Reference WorkspaceService workspaces;
  @Reference MediaLibrary media;
  @Reference AuditLog auditLog;

  @Argument(index = 0, name = "workspace", description = "Workspace slug or id", required = true)
  @Completion(WorkspaceCompleter.class)
  String workspace;

  @Argument(
      index = 1,
      name = "file",
      description = "Path of the file on this node",
      required = true)
  @Completion(FileCompleter.class)
  String file;

  @Option(name = "--alt", description = "The description for screen readers")
  String altText;

  @Override
  protected void run() throws Exception {
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      throw new CommandException("no such file: " + path);
    }
    MediaAsset asset =
        audited(
            auditLog,
            "media-import",
            "media/" + path.getFileName(),
            ctx -> {
              Workspace w = CommandSupport.workspace(workspaces, workspace);
              ctx.workspaceId = w.id();
              try (InputStream in = Files.newInputStream(path)) {
                MediaAsset stored =
                    media.upload(w.id(), path.getFileName().toString(), in, altText);
                ctx.target = "media/" + stored.id();
                return stored;
              }
            });
    out()
        .println(
            "Media "
                + asset.id()
                + ": "
                + asset.mimeType()
                + ", "
                + asset.sizeBytes()
                + " bytes"
                + (asset.width() == null ? "" : ", " + asset.width() + "x" + asset.height()));
  }
}
