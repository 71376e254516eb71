package org.socialweave.media.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * Real media files made in the test: images written by ImageIO, and ISO base media files (MP4, MOV,
 * HEIC) assembled box by box as the specification lays them out, with no media data beyond what the
 * structure needs.
 */
final class TestMedia {

  private TestMedia() {}

  static byte[] image(String format, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.ORANGE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLUE);
    g.fillOval(width / 4, height / 4, width / 2, height / 2);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] png(int width, int height) {
    return image("png", width, height);
  }

  /** A lossless WebP header (RIFF, VP8L chunk) of the given size; the pixel data is filler. */
  static byte[] webp(int width, int height) {
    byte[] data = new byte[5 + 16];
    data[0] = 0x2F;
    int bits = (width - 1) | (height - 1) << 14;
    ByteBuffer.wrap(data, 1, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(bits);
    ByteBuffer b = ByteBuffer.allocate(12 + 8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(ascii("RIFF")).putInt(4 + 8 + data.length).put(ascii("WEBP"));
    b.put(ascii("VP8L")).putInt(data.length).put(data);
    return b.array();
  }

  // ---- ISO base media

  static byte[] box(String type, byte[]... children) {
    int size = 8 + Arrays.stream(children).mapToInt(c -> c.length).sum();
    ByteBuffer b = ByteBuffer.allocate(size);
    b.putInt(size).put(ascii(type));
    for (byte[] child : children) {
      b.put(child);
    }
    return b.array();
  }

  static byte[] ftyp(String major, String... compatible) {
    ByteBuffer b = ByteBuffer.allocate(8 + 4 * compatible.length);
    b.put(ascii(major)).putInt(0x200);
    for (String brand : compatible) {
      b.put(ascii(brand));
    }
    return box("ftyp", b.array());
  }

  static byte[] mvhd(long timescale, long duration) {
    ByteBuffer b = ByteBuffer.allocate(100);
    b.putInt(0).putInt(0).putInt(0).putInt((int) timescale).putInt((int) duration);
    b.putInt(0x00010000).putShort((short) 0x0100); // rate 1.0, volume 1.0; the rest zero
    return box("mvhd", b.array());
  }

  static byte[] tkhd(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(84);
    b.putInt(0x00000003); // version 0, enabled and in movie
    b.position(4 + 20 + 16 + 36);
    b.putInt(width << 16).putInt(height << 16);
    return box("tkhd", b.array());
  }

  static byte[] hdlr(String handler) {
    ByteBuffer b = ByteBuffer.allocate(25);
    b.putInt(0).putInt(0).put(ascii(handler));
    return box("hdlr", b.array());
  }

  static byte[] stsd(String sampleEntry, int width, int height) {
    ByteBuffer entry = ByteBuffer.allocate(78);
    entry.putInt(78).put(ascii(sampleEntry));
    entry.position(8 + 24);
    entry.putShort((short) width).putShort((short) height);
    ByteBuffer b = ByteBuffer.allocate(8 + 78);
    b.putInt(0).putInt(1).put(entry.array());
    return box("stsd", b.array());
  }

  static byte[] track(String handler, String codec, int width, int height) {
    return box(
        "trak",
        tkhd(width, height),
        box(
            "mdia",
            box("mdhd", new byte[24]),
            hdlr(handler),
            box("minf", box("stbl", stsd(codec, width, height), box("stts", new byte[8])))));
  }

  /** An MP4 with an H.264 video track and an AAC sound track, {@code mdat} before {@code moov}. */
  static byte[] mp4(int width, int height, long millis) {
    return concat(
        ftyp("isom", "isom", "iso2", "avc1", "mp41"),
        box("free"),
        box("mdat", new byte[512]),
        box(
            "moov",
            mvhd(1000, millis),
            track("vide", "avc1", width, height),
            track("soun", "mp4a", 0, 0)));
  }

  static byte[] mov(int width, int height, long millis) {
    return concat(
        ftyp("qt  ", "qt  "),
        box("moov", mvhd(600, millis * 600 / 1000), track("vide", "hvc1", width, height)),
        box("mdat", new byte[64]));
  }

  static byte[] heic(int width, int height) {
    ByteBuffer ispe = ByteBuffer.allocate(12);
    ispe.putInt(0).putInt(width).putInt(height);
    byte[] meta =
        box("meta", new byte[4], hdlr("pict"), box("iprp", box("ipco", box("ispe", ispe.array()))));
    return concat(ftyp("heic", "mif1", "heic"), meta, box("mdat", new byte[32]));
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
