package org.socialweave.shell.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.audit.AuditEvent;
import org.socialweave.api.connector.MediaRef;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.media.MediaAsset;
import org.socialweave.api.media.MediaLibrary;
import org.socialweave.api.media.MediaProblem;
import org.socialweave.api.media.UnsupportedMediaException;

/** The console's side of the media commands: lookups, what they send, print and audit. */
public class MediaCommandsTest extends CommandTestBase {

  @Rule public TemporaryFolder folder = new TemporaryFolder();

  /**
   * Keeps what the commands upload and answers it as stored; refuses content that does not start
   * with "IMG" as the real library refuses what it does not recognise. The real library's own
   * behaviour is tested in the media bundle.
   */
  static final class RecordingLibrary implements MediaLibrary {
    final List<MediaAsset> assets = new ArrayList<>();
    final List<byte[]> contents = new ArrayList<>();

    @Override
    public MediaAsset upload(String workspaceId, String fileName, InputStream content, String alt)
        throws IOException {
      byte[] bytes = content.readAllBytes();
      if (bytes.length < 3 || !new String(bytes, 0, 3).equals("IMG")) {
        throw new UnsupportedMediaException("not an image or video we recognise");
      }
      MediaAsset asset =
          new MediaAsset(
              "m" + (assets.size() + 1),
              workspaceId,
              fileName,
              "image/png",
              bytes.length,
              "0".repeat(64),
              640,
              480,
              null,
              null,
              null,
              alt,
              Fakes.T0);
      assets.add(asset);
      contents.add(bytes);
      return asset;
    }

    @Override
    public Page<MediaAsset> list(String workspaceId, PageRequest page) {
      return new Page<>(
          assets.stream().filter(a -> a.workspaceId().equals(workspaceId)).toList(), null);
    }

    @Override
    public MediaAsset get(String workspaceId, String mediaId) {
      throw new UnsupportedOperationException("not used by the commands");
    }

    @Override
    public void delete(String workspaceId, String mediaId) {
      throw new UnsupportedOperationException("not used by the commands");
    }

    @Override
    public InputStream open(String workspaceId, String mediaId) {
      throw new UnsupportedOperationException("not used by the commands");
    }

    @Override
    public InputStream thumbnail(String workspaceId, String mediaId) {
      throw new UnsupportedOperationException("not used by the commands");
    }

    @Override
    public MediaRef ref(String workspaceId, String mediaId) {
      throw new UnsupportedOperationException("not used by the commands");
    }

    @Override
    public List<MediaProblem> problems(MediaAsset asset, NetworkDescriptor network) {
      throw new UnsupportedOperationException("not used by the commands");
    }
  }

  private final RecordingLibrary library = new RecordingLibrary();

  @Before
  public void seed() {
    workspaces.create("acme", "ACME", "UTC");
  }

  private MediaImportCommand importing(Path file, String alt) {
    MediaImportCommand c = wire(new MediaImportCommand());
    c.workspaces = workspaces;
    c.media = library;
    c.auditLog = audit;
    c.workspace = "acme";
    c.file = file.toString();
    c.altText = alt;
    return c;
  }

  @Test
  public void importSendsTheFileWithItsNameAndAuditsTheNewMedia() throws Exception {
    Path file = folder.newFile("banner.png").toPath();
    Files.write(file, "IMG-bytes".getBytes());
    importing(file, "Winter launch").execute();

    assertEquals("banner.png", library.assets.get(0).fileName());
    assertEquals("Winter launch", library.assets.get(0).altText());
    assertArrayEquals("IMG-bytes".getBytes(), library.contents.get(0));
    assertTrue(output.text(), output.text().contains("Media m1: image/png, 9 bytes, 640x480"));
    assertEquals(
        new AuditEvent(ACTOR, "w1", "console:media-import", "media/m1", null, "success"),
        audit.last());
  }

  @Test
  public void importOfAMissingOrUnrecognisedFileFailsInOneLine() throws Exception {
    assertTrue(
        failure(importing(folder.getRoot().toPath().resolve("nope.png"), null))
            .contains("no such file"));
    Path text = folder.newFile("notes.png").toPath();
    Files.writeString(text, "hello");
    String message = failure(importing(text, null));
    assertTrue(message, message.contains("not an image or video we recognise"));
    assertTrue(audit.last().outcome().startsWith("failure:"));
  }

  @Test
  public void listShowsEachAssetsTypeSizeAndDuration() throws Exception {
    library.assets.add(
        new MediaAsset(
            "m9",
            "w1",
            "clip.mp4",
            "video/mp4",
            123,
            "1".repeat(64),
            1080,
            1920,
            Duration.ofMillis(15_500),
            "h264",
            "aac",
            null,
            Fakes.T0));
    MediaListCommand c = wire(new MediaListCommand());
    c.workspaces = workspaces;
    c.media = library;
    c.workspace = "acme";
    c.execute();
    String text = output.text();
    assertTrue(text, text.contains("clip.mp4") && text.contains("1080x1920"));
    assertTrue(text, text.contains("15.5 s") && text.contains("h264/aac"));
  }
}
