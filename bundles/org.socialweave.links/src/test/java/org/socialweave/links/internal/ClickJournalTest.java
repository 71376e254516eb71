package org.socialweave.links.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.socialweave.links.internal.BotDetector.Reason;

/** The click journal's file: what is written, what a reopened journal finds, what it refuses. */
public class ClickJournalTest {

  @Rule public TemporaryFolder folder = new TemporaryFolder();

  private static final Click HUMAN =
      new Click("01JLINK0000000000000000001", 1_765_000_000_123L, null, "weibo.com");
  private static final Click PREVIEW =
      new Click("01JLINK0000000000000000002", 1_765_000_000_456L, Reason.PREVIEW, null);

  private Path file() {
    return folder.getRoot().toPath().resolve("links/clicks.journal");
  }

  @Test
  public void clicksAreReadBackWholeAndInTheirOrder() throws IOException {
    try (ClickJournal journal = ClickJournal.open(file(), 16)) {
      journal.recover(0);
      String longHost = "h".repeat(300);
      Click odd = new Click("x", 0L, Reason.NO_AGENT, "bücher.example" + longHost);
      assertTrue(journal.append(HUMAN));
      assertTrue(journal.append(PREVIEW));
      assertTrue(journal.append(odd));
      assertEquals(3, journal.lastClaimed());
      assertEquals(HUMAN, journal.read(1));
      assertEquals(PREVIEW, journal.read(2));
      Click back = journal.read(3);
      assertEquals(
          "hosts are kept to the column's 255 characters", 255, back.refererHost().length());
      assertTrue(back.refererHost().startsWith("bücher.example"));
      assertEquals(Reason.NO_AGENT, back.botReason());
      assertNull("not written yet", journal.read(4));
    }
  }

  @Test
  public void aFullJournalRefusesUntilTheDatabaseHasItsOldestClicks() throws IOException {
    try (ClickJournal journal = ClickJournal.open(file(), 4)) {
      journal.recover(0);
      for (int i = 0; i < 4; i++) {
        assertTrue(journal.append(HUMAN));
      }
      assertFalse(journal.append(PREVIEW));
      journal.freeThrough(2);
      assertTrue(journal.append(PREVIEW));
      assertTrue(journal.append(PREVIEW));
      assertFalse(journal.append(PREVIEW));
      assertEquals("the refused ones took no number", 6, journal.lastClaimed());
      assertEquals(PREVIEW, journal.read(5));
      assertNull("slot 1 now holds click 5", journal.read(1));
    }
  }

  @Test
  public void aReopenedJournalFindsWhatTheDatabaseDoesNotHaveAndNumbersOn() throws IOException {
    String id;
    try (ClickJournal journal = ClickJournal.open(file(), 8)) {
      id = journal.id();
      journal.recover(0);
      for (int i = 1; i <= 12; i++) {
        assertTrue(journal.append(i % 2 == 0 ? HUMAN : PREVIEW));
        if (i == 6) {
          journal.freeThrough(6);
        }
      }
    }
    try (ClickJournal reopened = ClickJournal.open(file(), 8)) {
      assertEquals(id, reopened.id());
      ClickJournal.Recovered left = reopened.recover(6);
      assertEquals(List.of(7L, 8L, 9L, 10L, 11L, 12L), seqs(left));
      assertEquals(PREVIEW, left.entries().get(0).click());
      assertEquals(12, left.through());
      assertTrue(reopened.append(HUMAN));
      assertTrue(reopened.append(HUMAN));
      assertEquals(14, reopened.lastClaimed());
      assertFalse("six unstored clicks and two new ones fill the journal", reopened.append(HUMAN));
      reopened.freeThrough(12);
      assertTrue(reopened.append(HUMAN));
      assertEquals(HUMAN, reopened.read(15));
    }
  }

  @Test
  public void aTornSlotIsAGapNotAClick() throws IOException {
    try (ClickJournal journal = ClickJournal.open(file(), 8)) {
      journal.recover(0);
      journal.append(HUMAN);
      journal.append(HUMAN);
      journal.append(PREVIEW);
    }
    try (RandomAccessFile raw = new RandomAccessFile(file().toFile(), "rw")) {
      // Slot 2 (click 2): one byte of its payload differs from what its checksum covers.
      long payload = ClickJournal.SLOT_SIZE + 2L * ClickJournal.SLOT_SIZE + 20;
      raw.seek(payload);
      int b = raw.read();
      raw.seek(payload);
      raw.write(b ^ 0x5a);
    }
    try (ClickJournal reopened = ClickJournal.open(file(), 8)) {
      ClickJournal.Recovered left = reopened.recover(0);
      assertEquals(List.of(1L, 3L), seqs(left));
      assertEquals(3, left.through());
    }
  }

  @Test
  public void anExistingFileKeepsItsSizeAndOneJournalHasItAtATime() throws IOException {
    try (ClickJournal journal = ClickJournal.open(file(), 8)) {
      IOException inUse = assertThrows(IOException.class, () -> ClickJournal.open(file(), 8));
      assertTrue(inUse.getMessage(), inUse.getMessage().contains("in use"));
    }
    ClickJournal reopened = ClickJournal.open(file(), 32);
    assertEquals(8, reopened.slots());
    reopened.close();
    reopened.close();
    try (ClickJournal again = ClickJournal.open(file(), 8)) {
      assertEquals("closing twice released the file once", 8, again.slots());
    }
  }

  @Test
  public void aFileThatIsNotAJournalIsRefusedAndLeftAlone() throws IOException {
    Files.createDirectories(file().getParent());
    Files.write(file(), new byte[2048]);
    IOException notOurs = assertThrows(IOException.class, () -> ClickJournal.open(file(), 8));
    assertTrue(
        notOurs.getMessage(), notOurs.getMessage().contains("not a SocialWeave click journal"));
    assertEquals(2048, Files.size(file()));
    Files.write(file(), new byte[10]);
    assertThrows(IOException.class, () -> ClickJournal.open(file(), 8));
    assertThrows(IllegalArgumentException.class, () -> ClickJournal.open(file(), 0));
  }

  private static List<Long> seqs(ClickJournal.Recovered recovered) {
    return recovered.entries().stream().map(ClickJournal.Entry::seq).toList();
  }
}
