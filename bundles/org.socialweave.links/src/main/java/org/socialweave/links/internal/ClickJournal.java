package org.socialweave.links.internal;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import org.socialweave.core.persistence.Ids;

/**
 * The clicks not yet stored, in a memory-mapped ring of fixed-size slots, so that a click is
 * durable once its redirect is answered without a system call on the request thread: the pages
 * belong to the kernel, which writes them back even when the JVM is killed. A power loss can still
 * lose what the kernel had not written back.
 *
 * <p>Each click gets a sequence number. A request thread claims the next number, writes the click
 * into its slot and publishes the number last (a release store), so the writer sees a slot either
 * complete or not yet there. A slot is reused only once the database holds the click that was in it
 * ({@link #freeThrough}); when all slots hold unstored clicks, {@link #append} refuses.
 *
 * <p>After a crash, {@link #recover} finds every click in the file numbered after what the database
 * holds. A slot claimed by a request that never finished is a gap, not a click: its redirect was
 * never answered.
 *
 * <p>Agrona's ring buffers were the library candidate; they are made for live processes and keep
 * their read position apart from our database commit, and a producer killed mid-write blocks their
 * reader until an {@code unblock}. The sequence number in each slot gives the recovery for free.
 */
final class ClickJournal implements AutoCloseable {

  static final int SLOT_SIZE = 512;
  private static final long MAGIC = 0x31304b4c43575353L; // "SSWCLK01", little-endian
  private static final int HEADER_SIZE = SLOT_SIZE;
  private static final int SEQ = 0;
  private static final int CRC = 8;
  private static final int LENGTH = 12;
  private static final int PAYLOAD = 14;
  private static final int MAX_ID = 64;
  private static final int MAX_HOST = 255;
  private static final byte HUMAN = 0;
  private static final BotDetector.Reason[] REASONS = BotDetector.Reason.values();
  private static final VarHandle LONGS =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final MappedByteBuffer map;
  private final String id;
  private final int slots;
  private final AtomicLong next = new AtomicLong(1);
  private volatile long freedThrough;

  private ClickJournal(Path file, FileChannel channel, FileLock lock, int slots, String id)
      throws IOException {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.slots = slots;
    this.id = id;
    this.map =
        channel.map(FileChannel.MapMode.READ_WRITE, 0, HEADER_SIZE + (long) slots * SLOT_SIZE);
    map.order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Opens the journal at {@code file}, creating it with {@code slots} slots if it is missing. An
   * existing file keeps the geometry it was made with; {@link #slots()} tells which.
   */
  static ClickJournal open(Path file, int slots) throws IOException {
    if (slots < 1 || slots > (Integer.MAX_VALUE - HEADER_SIZE) / SLOT_SIZE) {
      throw new IllegalArgumentException("a click journal has 1 to 4,194,303 slots: " + slots);
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      FileLock lock = lockOf(channel);
      if (lock == null) {
        throw new IOException(file + " is in use by another journal");
      }
      if (channel.size() == 0) {
        return create(file, channel, lock, slots);
      }
      if (channel.size() < HEADER_SIZE) {
        throw new IOException(file + " is not a SocialWeave click journal");
      }
      MappedByteBuffer header = channel.map(FileChannel.MapMode.READ_ONLY, 0, HEADER_SIZE);
      header.order(ByteOrder.LITTLE_ENDIAN);
      int existing = header.getInt(12);
      if (header.getLong(0) != MAGIC || header.getInt(8) != 1) {
        throw new IOException(file + " is not a SocialWeave click journal");
      }
      int idLength = header.get(16);
      if (existing < 1
          || channel.size() != HEADER_SIZE + (long) existing * SLOT_SIZE
          || idLength < 1
          || idLength > MAX_ID) {
        throw new IOException(file + " is cut short or has a broken header");
      }
      byte[] journalId = new byte[idLength];
      header.get(17, journalId);
      return new ClickJournal(
          file, channel, lock, existing, new String(journalId, StandardCharsets.US_ASCII));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Null when another process, or another journal in this JVM, has the file. */
  private static FileLock lockOf(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }

  private static ClickJournal create(Path file, FileChannel channel, FileLock lock, int slots)
      throws IOException {
    String journalId = Ids.next();
    ClickJournal journal = new ClickJournal(file, channel, lock, slots, journalId);
    byte[] idBytes = journalId.getBytes(StandardCharsets.US_ASCII);
    journal.map.putInt(8, 1).putInt(12, slots).put(16, (byte) idBytes.length).put(17, idBytes);
    // The magic goes last: a file cut short while being created is refused, not half read.
    journal.map.putLong(0, MAGIC);
    journal.map.force(0, HEADER_SIZE);
    return journal;
  }

  /** The journal's identity in the database's record of what it stored. */
  String id() {
    return id;
  }

  Path file() {
    return file;
  }

  int slots() {
    return slots;
  }

  /**
   * The clicks in the file numbered after {@code storedThrough}, oldest first, and makes the
   * journal go on numbering after the highest number in it.
   */
  Recovered recover(long storedThrough) {
    List<Entry> found = new ArrayList<>();
    long highest = storedThrough;
    for (int slot = 0; slot < slots; slot++) {
      long seq = (long) LONGS.getAcquire(map, offset(slot) + SEQ);
      if (seq > storedThrough && slotOf(seq) == slot) {
        Click click = decode(slot);
        if (click != null) {
          found.add(new Entry(seq, click));
          highest = Math.max(highest, seq);
        }
      }
    }
    found.sort(Comparator.comparingLong(Entry::seq));
    freedThrough = storedThrough;
    next.set(highest + 1);
    return new Recovered(found, highest);
  }

  /** A click and its number. */
  record Entry(long seq, Click click) {}

  /**
   * What {@link #recover} found: the clicks to store, oldest first, and the highest number in the
   * file, after which the journal numbers new clicks.
   */
  record Recovered(List<Entry> entries, long through) {}

  /**
   * Writes {@code click} into the next slot; false, without waiting, when every slot holds a click
   * the database does not have yet.
   */
  boolean append(Click click) {
    byte[] payload = encode(click);
    long seq;
    do {
      seq = next.get();
      if (seq - freedThrough > slots) {
        return false;
      }
    } while (!next.compareAndSet(seq, seq + 1));
    int offset = offset(slotOf(seq));
    CRC32C crc = new CRC32C();
    crc.update(payload);
    map.putInt(offset + CRC, (int) crc.getValue());
    map.putShort(offset + LENGTH, (short) payload.length);
    map.put(offset + PAYLOAD, payload);
    LONGS.setRelease(map, offset + SEQ, seq);
    return true;
  }

  /** The highest number handed out so far; its click may still be being written. */
  long lastClaimed() {
    return next.get() - 1;
  }

  /** The click numbered {@code seq}, or null while its request is still writing it. */
  Click read(long seq) {
    int slot = slotOf(seq);
    return (long) LONGS.getAcquire(map, offset(slot) + SEQ) == seq ? decode(slot) : null;
  }

  /** Lets the slots of clicks up to {@code seq} be reused: the database holds them now. */
  void freeThrough(long seq) {
    freedThrough = Math.max(freedThrough, seq);
  }

  /**
   * Releases the file; the mapping itself goes with the garbage collector. A second call does
   * nothing, so that a failed start can close what it opened without masking its own error.
   */
  @Override
  public void close() throws IOException {
    if (!channel.isOpen()) {
      return;
    }
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  private int slotOf(long seq) {
    return (int) Math.floorMod(seq, (long) slots);
  }

  private static int offset(int slot) {
    return HEADER_SIZE + slot * SLOT_SIZE;
  }

  /**
   * The link id, the time, the bot reason and the referer host. Headers arrive as ISO-8859-1
   * characters (a host is ASCII, IDNs in their punycode form), so one byte per character.
   */
  private static byte[] encode(Click click) {
    String linkId = click.linkId();
    String host = click.refererHost() == null ? "" : click.refererHost();
    if (linkId.length() > MAX_ID) {
      throw new IllegalArgumentException("link id longer than " + MAX_ID + ": " + linkId);
    }
    int hostLength = Math.min(host.length(), MAX_HOST);
    byte[] out = new byte[8 + 1 + 1 + linkId.length() + 1 + hostLength];
    long at = click.atMillis();
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (at >>> (8 * i));
    }
    out[8] = click.botReason() == null ? HUMAN : (byte) (click.botReason().ordinal() + 1);
    out[9] = (byte) linkId.length();
    int pos = latin1(linkId, linkId.length(), out, 10);
    out[pos] = (byte) hostLength;
    latin1(host, hostLength, out, pos + 1);
    return out;
  }

  private static int latin1(String text, int length, byte[] out, int at) {
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      out[at + i] = (byte) (c <= 0xff ? c : '?');
    }
    return at + length;
  }

  /** The click in {@code slot}, or null when its bytes do not match their checksum. */
  private Click decode(int slot) {
    int offset = offset(slot);
    int length = Short.toUnsignedInt(map.getShort(offset + LENGTH));
    if (length < 11 || length > SLOT_SIZE - PAYLOAD) {
      return null;
    }
    byte[] payload = new byte[length];
    map.get(offset + PAYLOAD, payload);
    CRC32C crc = new CRC32C();
    crc.update(payload);
    if ((int) crc.getValue() != map.getInt(offset + CRC)) {
      return null;
    }
    long at = 0;
    for (int i = 7; i >= 0; i--) {
      at = (at << 8) | (payload[i] & 0xff);
    }
    int reason = payload[8];
    int idLength = Byte.toUnsignedInt(payload[9]);
    int hostAt = 10 + idLength;
    if (reason < 0 || reason > REASONS.length || hostAt >= length) {
      return null;
    }
    int hostLength = Byte.toUnsignedInt(payload[hostAt]);
    if (hostAt + 1 + hostLength != length) {
      return null;
    }
    String host = new String(payload, hostAt + 1, hostLength, StandardCharsets.ISO_8859_1);
    return new Click(
        new String(payload, 10, idLength, StandardCharsets.ISO_8859_1),
        at,
        reason == HUMAN ? null : REASONS[reason - 1],
        host.isEmpty() ? null : host);
  }
}
