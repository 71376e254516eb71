package org.socialweave.media.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.Workspace;
import org.socialweave.api.connector.MediaRef;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.media.MediaAsset;
import org.socialweave.api.media.MediaTooLargeException;
import org.socialweave.api.media.UnsupportedMediaException;
import org.socialweave.core.internal.identity.WorkspaceServiceImpl;
import org.socialweave.core.internal.testing.DatabaseTestBase;
import org.socialweave.core.internal.testing.MutableClock;
import org.socialweave.core.internal.testing.TestDatabase;

/**
 * The library on a real database (H2, and PostgreSQL in the postgres profile) and a real filesystem
 * blob store, with media files the test makes.
 */
public class MediaLibraryImplTest extends DatabaseTestBase {

  private static final long LIMIT = 200_000;

  private static TestDatabase emfDatabase;
  private static EntityManagerFactory emf;

  @Rule public TemporaryFolder folder = new TemporaryFolder();

  private FileBlobStore blobs;
  private MediaLibraryImpl library;
  private WorkspaceServiceImpl workspaces;
  private Workspace ws;

  @AfterClass
  public static void closeUnit() {
    if (emf != null) {
      emf.close();
      emf = null;
    }
  }

  @Before
  public void setUp() throws IOException {
    if (emfDatabase != testDb) {
      if (emf != null) {
        emf.close();
      }
      emf =
          Persistence.createEntityManagerFactory(
              "socialweave.media",
              Map.of(
                  "javax.persistence.nonJtaDataSource",
                  testDb.dataSource(),
                  "eclipselink.logging.level",
                  "SEVERE"));
      emfDatabase = testDb;
    }
    MutableClock clock = MutableClock.atNow();
    workspaces = new WorkspaceServiceImpl(db(), clock);
    ws = workspaces.create(unique("media-"), "Media", "Asia/Shanghai");
    blobs = new FileBlobStore(folder.getRoot().toPath());
    library = newLibrary(blobs);
  }

  private MediaLibraryImpl newLibrary(FileBlobStore store) {
    return new MediaLibraryImpl(
        MediaLibraryImpl.migrated(testDb.dataSource(), emf),
        store,
        idOrSlug -> workspaces.find(idOrSlug).map(Workspace::id),
        new MediaLibraryImpl.Settings(LIMIT, 320),
        MutableClock.atNow());
  }

  private MediaAsset upload(String workspace, String name, byte[] bytes) throws IOException {
    return library.upload(workspace, name, new ByteArrayInputStream(bytes), null);
  }

  /** Every blob file, whatever folder it is in (the temporary folder excluded). */
  private Set<String> blobFiles() throws IOException {
    Set<String> names = new HashSet<>();
    try (var files = Files.walk(folder.getRoot().toPath())) {
      files
          .filter(Files::isRegularFile)
          .filter(f -> !f.getParent().getFileName().toString().equals("tmp"))
          .forEach(f -> names.add(f.getFileName().toString()));
    }
    return names;
  }

  private long rows() {
    return testDb.count("sw_media_asset");
  }

  @Test
  public void anUploadIsMeasuredStoredAndReadBack() throws IOException {
    byte[] png = TestMedia.png(800, 600);
    MediaAsset asset =
        library.upload(ws.slug(), "banner.png", new ByteArrayInputStream(png), " Our banner ");
    assertEquals(ws.id(), asset.workspaceId());
    assertEquals("image/png", asset.mimeType());
    assertEquals(png.length, asset.sizeBytes());
    assertEquals(Integer.valueOf(800), asset.width());
    assertEquals(Integer.valueOf(600), asset.height());
    assertEquals("Our banner", asset.altText());
    assertEquals(asset, library.get(ws.id(), asset.id()));
    try (InputStream in = library.open(ws.id(), asset.id())) {
      assertArrayEquals(png, in.readAllBytes());
    }
    try (InputStream in = library.thumbnail(ws.id(), asset.id())) {
      assertEquals(320, ImageIO.read(in).getWidth());
    }
    MediaRef ref = library.ref(ws.id(), asset.id());
    assertEquals("image/png", ref.mimeType());
    assertEquals(Integer.valueOf(600), ref.height());
    assertEquals("Our banner", ref.altText());
    for (int i = 0; i < 2; i++) {
      try (InputStream in = ref.content().open()) {
        assertArrayEquals("every open is a fresh stream", png, in.readAllBytes());
      }
    }
  }

  @Test
  public void theTypeComesFromTheBytesNotFromTheFileName() throws IOException {
    MediaAsset liar = upload(ws.id(), "holiday.mp4", TestMedia.image("jpeg", 40, 30));
    assertEquals("image/jpeg", liar.mimeType());
    assertEquals("holiday.mp4", liar.fileName());
    MediaAsset video = upload(ws.id(), "cover.jpg", TestMedia.mp4(1080, 1920, 15_000));
    assertEquals("video/mp4", video.mimeType());
    assertEquals(Duration.ofSeconds(15), video.duration());
    assertEquals("h264", video.videoCodec());
    assertEquals("aac", video.audioCodec());
    assertThrows(NotFoundException.class, () -> library.thumbnail(ws.id(), video.id()));
    MediaAsset unnamed = upload(ws.id(), null, TestMedia.webp(30, 20));
    assertEquals("upload.webp", unnamed.fileName());
  }

  @Test
  public void contentWeDoNotRecogniseIsRefusedAndNothingIsStored() throws IOException {
    long before = rows();
    for (byte[] garbage :
        new byte[][] {"{}".getBytes(), "<html><script>".getBytes(), new byte[0], new byte[5000]}) {
      UnsupportedMediaException e =
          assertThrows(UnsupportedMediaException.class, () -> upload(ws.id(), "x.png", garbage));
      assertEquals(415, e.status());
    }
    byte[] mp4 = TestMedia.mp4(640, 360, 1000);
    assertThrows(
        UnsupportedMediaException.class,
        () -> upload(ws.id(), "cut.mp4", Arrays.copyOf(mp4, mp4.length - 20)));
    assertEquals(before, rows());
    assertEquals("the damaged upload's blob went again", Set.of(), blobFiles());
    assertEquals(0, blobs.temporaryFiles());
  }

  @Test
  public void theSizeLimitIsEnforcedWhileStreamingAndNothingIsKept() throws IOException {
    byte[] head = TestMedia.png(10, 10);
    InputStream endless =
        new InputStream() {
          long served;

          @Override
          public int read() {
            return served < head.length ? head[(int) served++] : (int) (served++ & 0x7F);
          }

          @Override
          public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
              b[off + i] = (byte) read();
            }
            return len;
          }
        };
    MediaTooLargeException e =
        assertThrows(
            MediaTooLargeException.class, () -> library.upload(ws.id(), "big.png", endless, null));
    assertEquals(413, e.status());
    assertEquals(Set.of(), blobFiles());
    assertEquals(0, blobs.temporaryFiles());
    assertEquals(0, library.list(ws.id(), PageRequest.first(10)).items().size());
  }

  @Test
  public void theSameBytesAreOneAssetPerWorkspaceAndOneBlobOverall() throws IOException {
    byte[] png = TestMedia.png(50, 50);
    MediaLibraryImpl.Upload first =
        library.store(ws.id(), "a.png", new ByteArrayInputStream(png), null);
    MediaLibraryImpl.Upload again =
        library.store(ws.id(), "b.png", new ByteArrayInputStream(png), null);
    assertTrue(first.created());
    assertFalse(again.created());
    assertEquals(first.asset(), again.asset());

    Workspace other = workspaces.create(unique("other-"), "Other", "UTC");
    MediaAsset elsewhere = upload(other.id(), "c.png", png);
    assertNotEquals(first.asset().id(), elsewhere.id());
    assertEquals(first.asset().sha256(), elsewhere.sha256());
    assertEquals("content and thumbnail, once each", 2, blobFiles().size());

    library.delete(ws.id(), first.asset().id());
    assertThrows(NotFoundException.class, () -> library.get(ws.id(), first.asset().id()));
    assertTrue("still used by the other workspace", blobs.exists(elsewhere.sha256()));
    library.delete(other.id(), elsewhere.id());
    assertEquals(Set.of(), blobFiles());
  }

  @Test
  public void workspacesSeeOnlyTheirOwnMediaPageByPage() throws IOException {
    for (int i = 0; i < 5; i++) {
      upload(ws.id(), "p" + i + ".png", TestMedia.png(10 + i, 10));
    }
    Workspace other = workspaces.create(unique("other-"), "Other", "UTC");
    MediaAsset foreign = upload(other.id(), "f.png", TestMedia.png(99, 99));
    assertThrows(NotFoundException.class, () -> library.get(ws.id(), foreign.id()));
    assertThrows(NotFoundException.class, () -> library.delete(ws.id(), foreign.id()));
    Page<MediaAsset> first = library.list(ws.id(), PageRequest.first(3));
    assertEquals(3, first.items().size());
    Page<MediaAsset> second = library.list(ws.id(), PageRequest.of(3, first.nextCursor()));
    assertEquals(2, second.items().size());
    assertNull(second.nextCursor());
    assertThrows(
        NotFoundException.class, () -> library.list("no-such-workspace", PageRequest.first(3)));
  }

  @Test
  public void fileNamesAndAltTextsAreBounded() {
    byte[] png = TestMedia.png(5, 5);
    ValidationException name =
        assertThrows(ValidationException.class, () -> upload(ws.id(), "x".repeat(300), png));
    assertEquals("fileName", name.field());
    ValidationException alt =
        assertThrows(
            ValidationException.class,
            () ->
                library.upload(ws.id(), "a.png", new ByteArrayInputStream(png), "a".repeat(1501)));
    assertEquals("altText", alt.field());
  }

  @Test
  public void assetsSurviveANewLibraryOnTheSameDatabaseAndStore() throws IOException {
    MediaAsset asset = upload(ws.id(), "keep.mov", TestMedia.mov(1280, 720, 2_500));
    MediaAsset reread =
        newLibrary(new FileBlobStore(folder.getRoot().toPath())).get(ws.id(), asset.id());
    assertEquals(asset, reread);
    assertEquals("video/quicktime", reread.mimeType());
    assertEquals(Duration.ofMillis(2_500), reread.duration());
    assertEquals("hevc", reread.videoCodec());
    assertNull(reread.audioCodec());
    Path stored = blobs.path(asset.sha256());
    assertTrue(Files.isRegularFile(stored));
  }
}
