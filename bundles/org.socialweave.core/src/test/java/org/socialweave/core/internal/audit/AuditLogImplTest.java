package org.socialweave.core.internal.audit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.audit.AuditEntry;
import org.socialweave.api.audit.AuditEvent;
import org.socialweave.api.audit.AuditLog.Verification;
import org.socialweave.core.internal.testing.DatabaseTestBase;
import org.socialweave.core.internal.testing.MutableClock;

public class AuditLogImplTest extends DatabaseTestBase {

  private MutableClock clock;
  private AuditLogImpl audit;

  /** Each test starts from an empty chain; the schema is shared by the class. */
  @Before
  public void setUp() {
    testDb.update("DELETE FROM sw_audit_entry");
    testDb.update(
        "UPDATE sw_audit_head SET last_seq = 0, last_hash = ? WHERE id = 1", AuditChain.GENESIS);
    clock = MutableClock.atNow();
    audit = new AuditLogImpl(db(), clock);
  }

  private void recordFive() {
    for (int i = 1; i <= 5; i++) {
      audit.record(
          new AuditEvent("alice", null, "workspace.update", "ws-" + i, "10.0.0." + i, "success"));
      clock.advance(Duration.ofNanos(1_234_567));
    }
  }

  private void assertBroken(long sequence, String reasonPart, long checked) {
    Verification v = audit.verify();
    assertFalse(v.toString(), v.intact());
    assertEquals(v.toString(), Long.valueOf(sequence), v.firstBrokenSequence());
    assertEquals(v.toString(), checked, v.entriesChecked());
    assertTrue(v.reason(), v.reason().contains(reasonPart));
  }

  @Test
  public void emptyChainIsIntact() {
    Verification v = audit.verify();
    assertTrue(v.intact());
    assertEquals(0, v.entriesChecked());
    assertNull(v.firstBrokenSequence());
  }

  @Test
  public void recordedEntriesFormAnIntactChain() {
    recordFive();
    Verification v = audit.verify();
    assertTrue(v.toString(), v.intact());
    assertEquals(5, v.entriesChecked());

    List<AuditEntry> entries = audit.tail(null, 10);
    assertEquals(5, entries.size());
    assertEquals(AuditChain.GENESIS, entries.get(0).previousHash());
    for (int i = 0; i < entries.size(); i++) {
      assertEquals(i + 1, entries.get(i).sequence());
      if (i > 0) {
        assertEquals(entries.get(i - 1).hash(), entries.get(i).previousHash());
      }
    }
    assertEquals("ws-5", entries.get(4).event().target());
    assertEquals(3, audit.tail(null, 3).size());
    assertEquals(3, audit.tail(null, 3).get(0).sequence());
  }

  @Test
  public void anEntryIsFoundByItsSequenceAsItWasRecorded() {
    AuditEntry recorded =
        audit.record(new AuditEvent("bob", "WS1", "a", "post/p/revision/1#sha256=ab", null, "ok"));
    assertEquals(Optional.of(recorded), audit.entry(recorded.sequence()));
    assertEquals(Optional.empty(), audit.entry(recorded.sequence() + 1));
  }

  @Test
  public void tailFiltersByWorkspace() {
    audit.record(new AuditEvent("bob", "WS1", "a", null, null, "success"));
    audit.record(new AuditEvent("bob", "WS2", "b", null, null, "success"));
    audit.record(new AuditEvent("bob", "WS1", "c", null, null, "denied"));
    List<AuditEntry> ws1 = audit.tail("WS1", 10);
    assertEquals(List.of("a", "c"), ws1.stream().map(e -> e.event().action()).toList());
  }

  @Test
  public void changedActionIsReported() {
    recordFive();
    assertEquals(1, testDb.update("UPDATE sw_audit_entry SET action = ? WHERE seq = 3", "x"));
    assertBroken(3, "content does not match its hash", 2);
  }

  @Test
  public void changedActorOfTheFirstEntryIsReported() {
    recordFive();
    testDb.update("UPDATE sw_audit_entry SET actor = 'mallory' WHERE seq = 1");
    assertBroken(1, "content", 0);
  }

  @Test
  public void deletedMiddleEntryIsReported() {
    recordFive();
    assertEquals(1, testDb.update("DELETE FROM sw_audit_entry WHERE seq = 3"));
    assertBroken(3, "entry 3 is missing", 2);
  }

  @Test
  public void deletedLastEntryIsReported() {
    recordFive();
    assertEquals(1, testDb.update("DELETE FROM sw_audit_entry WHERE seq = 5"));
    assertBroken(5, "removed", 4);
  }

  @Test
  public void rewrittenLinkIsReported() {
    recordFive();
    testDb.update("UPDATE sw_audit_entry SET previous_hash = ? WHERE seq = 4", "f".repeat(64));
    assertBroken(4, "link", 3);
  }

  @Test
  public void chainContinuesAfterVerification() {
    recordFive();
    assertTrue(audit.verify().intact());
    AuditEntry sixth = audit.record(new AuditEvent("carol", null, "x", null, null, "success"));
    assertEquals(6, sixth.sequence());
    assertTrue(audit.verify().intact());
  }

  @Test
  public void separatorsAndSqlMetacharactersAreStoredVerbatim() {
    String action = "POST /a|b\\|c'; DELETE FROM sw_audit_entry; --";
    String target = "100% _ \\0 | ' \"";
    AuditEntry entry =
        audit.record(new AuditEvent("token:01H|x", null, action, target, null, "failure:500"));
    assertEquals(action, testDb.value("SELECT action FROM sw_audit_entry WHERE seq = ?", 1L));
    assertEquals(target, audit.tail(null, 1).get(0).event().target());
    assertEquals(entry.hash(), audit.tail(null, 1).get(0).hash());
    assertTrue(audit.verify().intact());
  }

  @Test
  public void overlongFieldsAreClippedNotRejected() {
    audit.record(new AuditEvent("a".repeat(500), null, "b".repeat(500), null, null, "success"));
    AuditEntry stored = audit.tail(null, 1).get(0);
    assertEquals(120, stored.event().actor().length());
    assertEquals(200, stored.event().action().length());
    assertTrue(audit.verify().intact());
  }

  @Test
  public void concurrentAppendsFormOneIntactChainAndEachGetsItsOwnEntry() throws Exception {
    int threads = 16;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<AuditEntry>>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String actor = "user-" + t;
      results.add(
          pool.submit(
              () -> {
                start.await();
                List<AuditEntry> mine = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                  mine.add(
                      audit.record(
                          new AuditEvent(actor, null, "post.published", "p-" + i, null, "ok")));
                }
                return mine;
              }));
    }
    start.countDown();
    Set<Long> sequences = new HashSet<>();
    for (int t = 0; t < threads; t++) {
      List<AuditEntry> mine = results.get(t).get(60, TimeUnit.SECONDS);
      for (int i = 0; i < perThread; i++) {
        AuditEntry entry = mine.get(i);
        assertEquals("user-" + t, entry.event().actor());
        assertEquals("p-" + i, entry.event().target());
        assertTrue("sequence used twice: " + entry.sequence(), sequences.add(entry.sequence()));
      }
    }
    pool.shutdown();
    Verification v = audit.verify();
    assertTrue(v.toString(), v.intact());
    assertEquals(threads * perThread, v.entriesChecked());
  }

  @Test
  public void aRefusedEventFailsAloneAndTheOthersAreStored() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<AuditEntry>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      // The action column is NOT NULL: the database refuses this one event.
      String action = t == 3 ? null : "post.published";
      results.add(
          pool.submit(
              () -> {
                start.await();
                return audit.record(new AuditEvent("alice", null, action, null, null, "ok"));
              }));
    }
    start.countDown();
    for (int t = 0; t < threads; t++) {
      Future<AuditEntry> result = results.get(t);
      if (t == 3) {
        ExecutionException refused =
            assertThrows(ExecutionException.class, () -> result.get(60, TimeUnit.SECONDS));
        assertTrue(refused.getCause().toString(), refused.getCause() instanceof RuntimeException);
      } else {
        assertEquals("post.published", result.get(60, TimeUnit.SECONDS).event().action());
      }
    }
    pool.shutdown();
    Verification v = audit.verify();
    assertTrue(v.toString(), v.intact());
    assertEquals(threads - 1, v.entriesChecked());
  }
}
