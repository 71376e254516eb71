package org.socialweave.media.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.socialweave.api.media.BlobStore.StoredBlob;

public class FileBlobStoreTest {

  @Rule public TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void blobsAreNamedByTheirSha256UnderTwoLevelsOfFolders() throws IOException {
    FileBlobStore store = new FileBlobStore(folder.getRoot().toPath());
    byte[] bytes = "hello media".getBytes();
    StoredBlob blob = store.put(new ByteArrayInputStream(bytes));
    String sha = HexFormat.of().formatHex(FileBlobStore.sha256().digest(bytes));
    assertEquals(sha, blob.key());
    assertEquals(bytes.length, blob.sizeBytes());
    Path file =
        folder
            .getRoot()
            .toPath()
            .resolve(sha.substring(0, 2))
            .resolve(sha.substring(2, 4))
            .resolve(sha);
    assertTrue(Files.isRegularFile(file));
    try (InputStream in = store.open(sha)) {
      assertArrayEquals(bytes, in.readAllBytes());
    }
    assertEquals("the same bytes again", blob, store.put(new ByteArrayInputStream(bytes)));
    assertEquals(0, store.temporaryFiles());
    assertTrue(store.delete(sha));
    assertFalse(store.exists(sha));
    assertFalse(store.delete(sha));
    assertThrows(NoSuchFileException.class, () -> store.open(sha));
  }

  @Test
  public void aFailingStreamLeavesNothingBehind() throws IOException {
    FileBlobStore store = new FileBlobStore(folder.getRoot().toPath());
    InputStream failing =
        new InputStream() {
          int left = 100_000;

          @Override
          public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
              throw new IOException("connection reset");
            }
            int n = Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 'x');
            left -= n;
            return n;
          }
        };
    assertThrows(IOException.class, () -> store.put(failing));
    assertEquals(0, store.temporaryFiles());
    try (var files = Files.walk(folder.getRoot().toPath())) {
      assertEquals("only the root and tmp folders", 2, files.count());
    }
  }

  @Test
  public void keysThatAreNotSha256AreRefusedSoNoPathEscapes() throws IOException {
    FileBlobStore store = new FileBlobStore(folder.getRoot().toPath());
    assertThrows(IllegalArgumentException.class, () -> store.open("../../etc/passwd"));
    assertThrows(IllegalArgumentException.class, () -> store.exists("ABC"));
  }

  @Test
  public void theDefaultDirectoryIsUnderKarafData() {
    assertEquals(
        Path.of("/opt/karaf/data/socialweave/blobs"),
        FileBlobStore.directory("", "/opt/karaf/data"));
    assertEquals(Path.of("/srv/blobs"), FileBlobStore.directory(" /srv/blobs ", "/opt/karaf/data"));
  }
}
