package org.socialweave.media.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.socialweave.media.internal.TestMedia.box;
import static org.socialweave.media.internal.TestMedia.concat;
import static org.socialweave.media.internal.TestMedia.ftyp;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.Test;
import org.socialweave.media.internal.inspect.DamagedMediaException;
import org.socialweave.media.internal.inspect.Inspection;
import org.socialweave.media.internal.inspect.Inspector;
import org.socialweave.media.internal.inspect.MediaFormat;

/** Sniffing and measuring real files made by the test, whole, truncated and malformed. */
public class InspectionTest {

  private static Optional<MediaFormat> sniff(byte[] content) {
    return MediaFormat.sniff(
        Arrays.copyOf(content, Math.min(content.length, MediaFormat.HEAD_BYTES)));
  }

  private static Inspection inspect(byte[] content) throws IOException {
    MediaFormat format = sniff(content).orElseThrow();
    return Inspector.inspect(format, new ByteArrayInputStream(content), content.length, 320);
  }

  @Test
  public void formatsAreRecognisedByTheirBytes() {
    assertEquals(Optional.of(MediaFormat.PNG), sniff(TestMedia.png(3, 2)));
    assertEquals(Optional.of(MediaFormat.JPEG), sniff(TestMedia.image("jpeg", 3, 2)));
    assertEquals(Optional.of(MediaFormat.GIF), sniff(TestMedia.image("gif", 3, 2)));
    assertEquals(Optional.of(MediaFormat.WEBP), sniff(TestMedia.webp(3, 2)));
    assertEquals(Optional.of(MediaFormat.MP4), sniff(TestMedia.mp4(640, 360, 1000)));
    assertEquals(Optional.of(MediaFormat.MOV), sniff(TestMedia.mov(640, 360, 1000)));
    assertEquals(Optional.of(MediaFormat.HEIC), sniff(TestMedia.heic(4032, 3024)));
  }

  @Test
  public void audioOnlyAvifThreeGppTextAndEmptyContentAreNotTaken() {
    assertEquals(Optional.empty(), sniff(concat(ftyp("M4A ", "M4A ", "mp42"), box("mdat"))));
    assertEquals(Optional.empty(), sniff(concat(ftyp("avif", "avif", "mif1"), box("mdat"))));
    assertEquals(Optional.empty(), sniff(concat(ftyp("3gp4", "3gp4"), box("mdat"))));
    assertEquals(Optional.empty(), sniff("{\"name\":\"x\"}".getBytes()));
    assertEquals(Optional.empty(), sniff("<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes()));
    assertEquals(Optional.empty(), sniff(new byte[0]));
  }

  @Test
  public void imagesAreMeasuredAndGetAJpegThumbnailOfAtMostTheConfiguredSide() throws IOException {
    Inspection png = inspect(TestMedia.png(1200, 600));
    assertEquals(Integer.valueOf(1200), png.width());
    assertEquals(Integer.valueOf(600), png.height());
    assertNull(png.duration());
    BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(png.thumbnail()));
    assertEquals(320, thumbnail.getWidth());
    assertEquals(160, thumbnail.getHeight());
    assertEquals(MediaFormat.JPEG, sniff(png.thumbnail()).orElseThrow());

    Inspection jpeg = inspect(TestMedia.image("jpeg", 200, 300));
    assertEquals(Integer.valueOf(200), jpeg.width());
    BufferedImage small = ImageIO.read(new ByteArrayInputStream(jpeg.thumbnail()));
    assertEquals("small images are not enlarged", 300, small.getHeight());

    Inspection gif = inspect(TestMedia.image("gif", 64, 48));
    assertEquals(Integer.valueOf(48), gif.height());
    assertNotNull(gif.thumbnail());
  }

  @Test
  public void webpSizeComesFromItsHeaderWithoutThumbnail() throws IOException {
    Inspection webp = inspect(TestMedia.webp(1080, 1350));
    assertEquals(Integer.valueOf(1080), webp.width());
    assertEquals(Integer.valueOf(1350), webp.height());
    assertNull(webp.thumbnail());
  }

  @Test
  public void mp4DurationSizeAndCodecsComeFromTheBoxesWhereverMoovIs() throws IOException {
    Inspection mp4 = inspect(TestMedia.mp4(1920, 1080, 12_345));
    assertEquals(MediaFormat.MP4, mp4.format());
    assertEquals(Integer.valueOf(1920), mp4.width());
    assertEquals(Integer.valueOf(1080), mp4.height());
    assertEquals(Duration.ofMillis(12_345), mp4.duration());
    assertEquals("h264", mp4.videoCodec());
    assertEquals("aac", mp4.audioCodec());
    assertNull(mp4.thumbnail());

    Inspection mov = inspect(TestMedia.mov(720, 1280, 3_000));
    assertEquals(Duration.ofSeconds(3), mov.duration());
    assertEquals("hevc", mov.videoCodec());
    assertNull("no sound track", mov.audioCodec());
    assertEquals(Integer.valueOf(1280), mov.height());
  }

  @Test
  public void heicSizeComesFromItsImageSpatialExtents() throws IOException {
    Inspection heic = inspect(TestMedia.heic(4032, 3024));
    assertEquals(Integer.valueOf(4032), heic.width());
    assertEquals(Integer.valueOf(3024), heic.height());
  }

  @Test
  public void truncatedFilesAreDamaged() {
    byte[] mp4 = TestMedia.mp4(640, 360, 1000);
    assertDamaged(Arrays.copyOf(mp4, mp4.length - 10), "needs");
    byte[] png = TestMedia.png(400, 300);
    assertDamaged(Arrays.copyOf(png, png.length / 2), "");
    byte[] jpeg = TestMedia.image("jpeg", 400, 300);
    assertDamaged(Arrays.copyOf(jpeg, jpeg.length / 2), "");
    byte[] webp = TestMedia.webp(10, 10);
    assertDamaged(Arrays.copyOf(webp, webp.length - 4), "RIFF");
  }

  @Test
  public void malformedBoxesAreRefusedNotFollowed() {
    byte[] ftyp = ftyp("isom", "isom");
    // A box that claims to be smaller than its own header.
    byte[] tiny = ByteBuffer.allocate(8).putInt(4).put(TestMedia.ascii("moov")).array();
    assertDamaged(concat(ftyp, tiny), "smaller than its header");
    // A child that claims more than its parent holds.
    byte[] liar =
        ByteBuffer.allocate(16)
            .putInt(16)
            .put(TestMedia.ascii("moov"))
            .putInt(4096)
            .put(TestMedia.ascii("trak"))
            .array();
    assertDamaged(concat(ftyp, liar), "needs 4096 bytes");
    // Containers nested without end.
    byte[] nested = box("mvhd", new byte[100]);
    for (int i = 0; i < 20; i++) {
      nested = box("moov", nested);
    }
    assertDamaged(concat(ftyp, nested), "nested deeper");
    // A structure without a movie header or video.
    assertDamaged(concat(ftyp, box("mdat", new byte[16])), "no movie header");
    assertDamaged(
        concat(
            ftyp, box("moov", TestMedia.mvhd(1000, 5000), TestMedia.track("soun", "mp4a", 0, 0))),
        "no video track");
  }

  private static void assertDamaged(byte[] content, String detail) {
    DamagedMediaException e = assertThrows(DamagedMediaException.class, () -> inspect(content));
    assertTrue(e.getMessage(), e.getMessage().contains(detail));
    assertEquals(415, e.status());
  }
}
