package org.socialweave.media.internal.inspect;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * JPEG, PNG and GIF through the JDK's ImageIO: the size from the header, then one decode of the
 * first frame, subsampled so that even a huge image costs little memory, which proves the file is
 * whole and gives the thumbnail. A decode that fails or warns of a premature end is damage.
 */
public final class ImageInspector {

  /** Larger images are refused before decoding: a decompression bomb costs nothing then. */
  public static final long MAX_PIXELS = 200_000_000L;

  private ImageInspector() {}

  public static Inspection read(MediaFormat format, InputStream in, int thumbnailPixels)
      throws IOException {
    try (ImageInputStream input = ImageIO.createImageInputStream(in)) {
      Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.name());
      if (input == null || !readers.hasNext()) {
        throw new IOException("the JDK has no ImageIO reader for " + format);
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(input, true, true);
        int width;
        int height;
        try {
          width = reader.getWidth(0);
          height = reader.getHeight(0);
        } catch (IIOException | IndexOutOfBoundsException e) {
          throw new DamagedMediaException(format, "unreadable header");
        }
        if (width < 1 || height < 1) {
          throw new DamagedMediaException(format, "no picture size");
        }
        if ((long) width * height > MAX_PIXELS) {
          throw new org.socialweave.api.media.UnsupportedMediaException(
              "images larger than " + MAX_PIXELS / 1_000_000 + " megapixels are not taken");
        }
        BufferedImage decoded = decode(format, reader, Math.max(width, height), thumbnailPixels);
        byte[] thumbnail = decoded == null ? null : jpeg(scale(decoded, thumbnailPixels));
        return Inspection.still(format, width, height, thumbnail);
      } finally {
        reader.dispose();
      }
    }
  }

  /**
   * @return the first frame, or {@code null} when the JDK cannot decode this variant (CMYK JPEG):
   *     the header was sound, so the image is kept without a thumbnail
   */
  private static BufferedImage decode(
      MediaFormat format, ImageReader reader, int longerSide, int thumbnailPixels)
      throws IOException {
    AtomicReference<String> warning = new AtomicReference<>();
    reader.addIIOReadWarningListener((source, message) -> warning.compareAndSet(null, message));
    ImageReadParam param = reader.getDefaultReadParam();
    int period = Math.max(1, longerSide / (thumbnailPixels * 2));
    param.setSourceSubsampling(period, period, 0, 0);
    BufferedImage image;
    try {
      image = reader.read(0, param);
    } catch (IIOException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("Unsupported Image Type")) {
        return null;
      }
      throw new DamagedMediaException(format, "the picture data cannot be decoded");
    } catch (IOException | RuntimeException e) {
      throw new DamagedMediaException(format, "the picture data cannot be decoded");
    }
    if (warning.get() != null) {
      throw new DamagedMediaException(format, warning.get());
    }
    return image;
  }

  private static BufferedImage scale(BufferedImage source, int longerSide) {
    double factor =
        Math.min(1.0, (double) longerSide / Math.max(source.getWidth(), source.getHeight()));
    int width = Math.max(1, (int) Math.round(source.getWidth() * factor));
    int height = Math.max(1, (int) Math.round(source.getHeight() * factor));
    BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = target.createGraphics();
    try {
      // Transparent pixels become white rather than JPEG's black.
      g.setColor(java.awt.Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(source, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return target;
  }

  private static byte[] jpeg(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(image, "jpeg", out)) {
      throw new IOException("the JDK has no JPEG writer");
    }
    return out.toByteArray();
  }
}
