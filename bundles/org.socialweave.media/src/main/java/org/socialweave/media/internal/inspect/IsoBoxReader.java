package org.socialweave.media.internal.inspect;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Reads what we need from an ISO base media file (MP4, MOV, HEIC) in one forward pass: the movie
 * header's duration, each track's kind, display size and codec, or a HEIC image's size. Only the
 * small boxes it understands are read into memory (at most {@value #MAX_LEAF_BYTES} bytes each);
 * media data and sample tables are skipped, so the file is never held in memory wherever the {@code
 * moov} box sits. A box that claims more than its parent holds, a file that ends inside a box,
 * nesting deeper than {@value #MAX_DEPTH} or more than {@value #MAX_BOXES} boxes is refused as
 * damaged.
 */
public final class IsoBoxReader {

  static final int MAX_DEPTH = 10;
  static final int MAX_BOXES = 100_000;
  static final int MAX_LEAF_BYTES = 4096;

  private static final Set<String> CONTAINERS =
      Set.of("moov", "trak", "mdia", "minf", "stbl", "iprp", "ipco", "edts");
  private static final Set<String> LEAVES = Set.of("mvhd", "tkhd", "mdhd", "hdlr", "stsd", "ispe");

  /** Sample entry four-character codes to the codec names the API shows. */
  private static final Map<String, String> CODECS =
      Map.ofEntries(
          Map.entry("avc1", "h264"),
          Map.entry("avc3", "h264"),
          Map.entry("hvc1", "hevc"),
          Map.entry("hev1", "hevc"),
          Map.entry("av01", "av1"),
          Map.entry("vp08", "vp8"),
          Map.entry("vp09", "vp9"),
          Map.entry("mp4v", "mpeg4"),
          Map.entry("apcn", "prores"),
          Map.entry("apch", "prores"),
          Map.entry("apcs", "prores"),
          Map.entry("apco", "prores"),
          Map.entry("ap4h", "prores"),
          // mp4a is nearly always AAC; MP3 in MP4 (object type 0x6B) is rare enough to name so.
          Map.entry("mp4a", "aac"),
          Map.entry("Opus", "opus"),
          Map.entry(".mp3", "mp3"),
          Map.entry("ac-3", "ac3"),
          Map.entry("ec-3", "eac3"),
          Map.entry("fLaC", "flac"),
          Map.entry("alac", "alac"),
          Map.entry("lpcm", "pcm"),
          Map.entry("sowt", "pcm"),
          Map.entry("twos", "pcm"));

  private final MediaFormat format;
  private final InputStream in;
  private long position;
  private int boxes;

  private long movieTimescale;
  private long movieDuration = -1;
  private Track track;
  private Track video;
  private Track audio;
  private int imageWidth;
  private int imageHeight;

  private static final class Track {
    String handler;
    int width;
    int height;
    String codec;
    int entryWidth;
    int entryHeight;
  }

  private IsoBoxReader(MediaFormat format, InputStream in) {
    this.format = format;
    this.in = in;
  }

  /**
   * @param size the file's length in bytes
   * @throws DamagedMediaException when the structure is broken or what we need is missing
   */
  public static Inspection read(MediaFormat format, InputStream in, long size) throws IOException {
    IsoBoxReader reader = new IsoBoxReader(format, in);
    reader.boxes(size, 0);
    return format == MediaFormat.HEIC ? reader.image() : reader.movie();
  }

  private Inspection movie() {
    if (movieDuration < 0) {
      throw damaged("no movie header (moov/mvhd)");
    }
    if (movieTimescale <= 0) {
      throw damaged("the movie header has no timescale");
    }
    if (video == null) {
      throw damaged("no video track");
    }
    int width = video.width > 0 ? video.width : video.entryWidth;
    int height = video.height > 0 ? video.height : video.entryHeight;
    if (width <= 0 || height <= 0) {
      throw damaged("the video track has no picture size");
    }
    if (movieDuration / movieTimescale > Duration.ofDays(366).toSeconds()) {
      throw damaged("a duration of more than a year");
    }
    Duration duration =
        Duration.ofMillis(Math.multiplyExact(movieDuration, 1000L) / movieTimescale);
    return new Inspection(
        format, width, height, duration, video.codec, audio == null ? null : audio.codec, null);
  }

  private Inspection image() {
    if (imageWidth <= 0 || imageHeight <= 0) {
      throw damaged("no image size (meta/iprp/ipco/ispe)");
    }
    return Inspection.still(format, imageWidth, imageHeight, null);
  }

  /** Reads the boxes from here up to {@code end}, which must be where the last one ends. */
  private void boxes(long end, int depth) throws IOException {
    while (position < end) {
      if (end - position < 8) {
        throw damaged("a box header is cut off at byte " + position);
      }
      long start = position;
      long size = u32();
      String type = fourcc();
      if (size == 1) {
        size = u64();
        if (size < 16) {
          throw damaged("box '" + type + "' has a 64-bit size below its header");
        }
      } else if (size == 0) {
        if (depth > 0) {
          throw damaged("box '" + type + "' inside another claims the rest of the file");
        }
        size = end - start;
      } else if (size < 8) {
        throw damaged("box '" + type + "' is smaller than its header");
      }
      long boxEnd = start + size;
      if (size > end - start) {
        throw damaged(
            "box '" + type + "' needs " + size + " bytes but only " + (end - start) + " remain");
      }
      if (++boxes > MAX_BOXES) {
        throw damaged("more than " + MAX_BOXES + " boxes");
      }
      box(type, boxEnd, depth);
      if (position != boxEnd) {
        throw damaged("box '" + type + "' does not end where its size says");
      }
    }
  }

  private void box(String type, long boxEnd, int depth) throws IOException {
    if (CONTAINERS.contains(type) || (type.equals("meta") && format == MediaFormat.HEIC)) {
      if (depth >= MAX_DEPTH) {
        throw damaged("boxes nested deeper than " + MAX_DEPTH);
      }
      if (type.equals("meta")) {
        skip(Math.min(4, boxEnd - position)); // a full box: version and flags
      }
      if (type.equals("trak")) {
        track = new Track();
      }
      boxes(boxEnd, depth + 1);
      if (type.equals("trak")) {
        endTrack();
      }
    } else if (LEAVES.contains(type)) {
      int length = (int) Math.min(boxEnd - position, MAX_LEAF_BYTES);
      ByteBuffer body = ByteBuffer.wrap(readFully(length));
      skip(boxEnd - position);
      try {
        leaf(type, body);
      } catch (java.nio.BufferUnderflowException e) {
        throw damaged("box '" + type + "' is too short");
      }
    } else {
      skip(boxEnd - position);
    }
  }

  private void leaf(String type, ByteBuffer body) {
    int version = type.equals("ispe") || body.remaining() < 4 ? 0 : body.get(0) & 0xFF;
    switch (type) {
      case "mvhd" -> {
        body.position(4);
        if (version == 1) {
          body.position(4 + 16);
          movieTimescale = Integer.toUnsignedLong(body.getInt());
          movieDuration = body.getLong();
          if (movieDuration < 0) {
            throw damaged("a negative movie duration");
          }
        } else {
          body.position(4 + 8);
          movieTimescale = Integer.toUnsignedLong(body.getInt());
          movieDuration = Integer.toUnsignedLong(body.getInt());
        }
      }
      case "tkhd" -> {
        if (track != null) {
          // version 1: 8-byte times and duration; then reserved, layer, group, volume, matrix
          body.position(4 + (version == 1 ? 32 : 20) + 8 + 8 + 36);
          track.width = body.getInt() >>> 16;
          track.height = body.getInt() >>> 16;
        }
      }
      case "hdlr" -> {
        if (track != null) {
          body.position(8);
          track.handler = fourcc(body);
        }
      }
      case "stsd" -> {
        if (track != null) {
          body.position(8);
          if (body.remaining() >= 8) {
            body.getInt(); // the first sample entry's size
            String entry = fourcc(body);
            track.codec = CODECS.getOrDefault(entry, entry.strip());
            if (body.remaining() >= 28) {
              // A visual sample entry: 6 reserved, data reference, 16 predefined, then the size.
              body.position(body.position() + 24);
              track.entryWidth = Short.toUnsignedInt(body.getShort());
              track.entryHeight = Short.toUnsignedInt(body.getShort());
            }
          }
        }
      }
      case "ispe" -> {
        body.position(4);
        int width = body.getInt();
        int height = body.getInt();
        // The primary image is the largest; tiles of a grid come with their own, smaller size.
        if ((long) width * height > (long) imageWidth * imageHeight) {
          imageWidth = width;
          imageHeight = height;
        }
      }
      default -> {
        // mdhd: the movie header's duration is the one shown
      }
    }
  }

  private void endTrack() {
    if ("vide".equals(track.handler) && video == null) {
      video = track;
    } else if ("soun".equals(track.handler) && audio == null) {
      audio = track;
    }
    track = null;
  }

  private long u32() throws IOException {
    return Integer.toUnsignedLong(ByteBuffer.wrap(readFully(4)).getInt());
  }

  private long u64() throws IOException {
    long value = ByteBuffer.wrap(readFully(8)).getLong();
    if (value < 0) {
      throw damaged("a box larger than 2^63 bytes");
    }
    return value;
  }

  private String fourcc() throws IOException {
    return new String(readFully(4), StandardCharsets.ISO_8859_1);
  }

  private static String fourcc(ByteBuffer body) {
    byte[] code = new byte[4];
    body.get(code);
    return new String(code, StandardCharsets.ISO_8859_1);
  }

  private byte[] readFully(int length) throws IOException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length) {
      throw damaged("the file ends at byte " + (position + bytes.length));
    }
    position += length;
    return bytes;
  }

  private void skip(long length) throws IOException {
    try {
      in.skipNBytes(length);
    } catch (EOFException e) {
      throw damaged("the file ends inside a box");
    }
    position += length;
  }

  private DamagedMediaException damaged(String what) {
    return new DamagedMediaException(format, what);
  }
}
