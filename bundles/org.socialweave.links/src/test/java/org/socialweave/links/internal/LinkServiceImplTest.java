package org.socialweave.links.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import org.awaitility.Awaitility;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.socialweave.api.PageRequest;
import org.socialweave.api.Workspace;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.links.ClickCounts;
import org.socialweave.api.links.ClickQuery;
import org.socialweave.api.links.ClickStats;
import org.socialweave.api.links.LinkAttribution;
import org.socialweave.api.links.ShortLink;
import org.socialweave.api.links.Utm;
import org.socialweave.core.internal.identity.WorkspaceServiceImpl;
import org.socialweave.core.internal.testing.DatabaseTestBase;
import org.socialweave.core.internal.testing.TestDatabase;
import org.socialweave.links.internal.BotDetector.Reason;
import org.socialweave.links.internal.ClickStore.JournalMark;

/**
 * Links and clicks on a real database (H2, and PostgreSQL in the postgres profile): idempotent
 * minting, code collisions, the redirector's lookups and the batched click writer.
 */
public class LinkServiceImplTest extends DatabaseTestBase {

  private static final URI PRODUCT = URI.create("https://shop.example/p/42?color=red#specs");
  private static final Utm WEIBO = Utm.builder().source("weibo").medium("social").build();

  @Rule public TemporaryFolder folder = new TemporaryFolder();

  private static TestDatabase emfDatabase;
  private static EntityManagerFactory emf;

  /** Codes handed out first, before random ones: lets a test provoke a collision. */
  private final Deque<String> scriptedCodes = new ArrayDeque<>();

  private LinkServiceImpl links;
  private ClickStore store;
  private Workspace ws;
  private Workspace other;

  @AfterClass
  public static void closeUnit() {
    if (emf != null) {
      emf.close();
      emf = null;
    }
  }

  @Before
  public void setUp() {
    if (emfDatabase != testDb) {
      if (emf != null) {
        emf.close();
      }
      emf =
          Persistence.createEntityManagerFactory(
              "socialweave.links",
              Map.of(
                  "javax.persistence.nonJtaDataSource",
                  testDb.dataSource(),
                  "eclipselink.logging.level",
                  "SEVERE"));
      emfDatabase = testDb;
    }
    WorkspaceServiceImpl workspaces = new WorkspaceServiceImpl(db(), Clock.systemUTC());
    ws = workspaces.create(unique("ln-"), "Links", "Asia/Shanghai");
    other = workspaces.create(unique("ln-"), "Other", "Europe/Paris");
    store = new ClickStore(testDb.dataSource());
    Codes random = new Codes();
    Supplier<String> codes = () -> scriptedCodes.isEmpty() ? random.get() : scriptedCodes.pop();
    links =
        new LinkServiceImpl(
            LinkServiceImpl.migrated(testDb.dataSource(), emf),
            store,
            idOrSlug -> workspaces.find(idOrSlug).map(Workspace::id),
            codes,
            LinkServiceImpl.baseUrl("https://sw.example/"),
            1000,
            Clock.systemUTC());
  }

  private static LinkAttribution post(String postId, String channelId) {
    return new LinkAttribution("camp-1", postId, "var-" + postId + channelId, channelId);
  }

  @Test
  public void aLinkCarriesItsUtmParametersAndShortUrl() {
    ShortLink link = links.shorten(ws.id(), PRODUCT, WEIBO, post("p1", "ch1"));
    assertEquals(
        URI.create("https://shop.example/p/42?color=red&utm_source=weibo&utm_medium=social#specs"),
        link.target());
    assertEquals(URI.create("https://sw.example/s/" + link.code()), link.shortUrl());
    assertEquals(WEIBO, link.utm());
    assertEquals(post("p1", "ch1"), link.attribution());
    assertEquals(ws.id(), link.workspaceId());
    assertEquals(link, links.get(ws.id(), link.id()));
    assertEquals("a slug names the workspace too", link, links.get(ws.slug(), link.id()));
  }

  @Test
  public void theSameInputsGiveTheSameLinkAndOtherInputsANewOne() {
    ShortLink first = links.shorten(ws.id(), PRODUCT, WEIBO, post("p1", "ch1"));
    assertEquals(first, links.shorten(ws.id(), PRODUCT, WEIBO, post("p1", "ch1")));
    assertEquals(
        "UTM already in the target is the same link",
        first,
        links.shorten(ws.id(), first.target(), WEIBO, post("p1", "ch1")));
    Set<String> codes =
        List.of(
                first,
                links.shorten(ws.id(), PRODUCT, WEIBO, post("p1", "ch2")),
                links.shorten(ws.id(), PRODUCT, Utm.NONE, post("p1", "ch1")),
                links.shorten(ws.id(), PRODUCT, WEIBO, LinkAttribution.NONE),
                links.shorten(other.id(), PRODUCT, WEIBO, post("p1", "ch1")))
            .stream()
            .map(ShortLink::code)
            .collect(Collectors.toSet());
    assertEquals(5, codes.size());
  }

  @Test
  public void concurrentCallersWithTheSameInputsGetOneLink() throws Exception {
    URI target = URI.create("https://shop.example/" + unique("race"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<ShortLink>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> links.shorten(ws.id(), target, WEIBO, post("p9", "ch9")));
      }
      Set<String> ids = new java.util.HashSet<>();
      for (Future<ShortLink> f : pool.invokeAll(calls)) {
        ids.add(f.get().id());
      }
      assertEquals(1, ids.size());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  public void aTakenCodeIsRetriedWithAFreshOne() {
    ShortLink taken = links.shorten(ws.id(), PRODUCT, WEIBO, post("p2", "ch1"));
    scriptedCodes.push(taken.code());
    ShortLink fresh = links.shorten(ws.id(), PRODUCT, WEIBO, post("p3", "ch1"));
    assertNotEquals(taken.code(), fresh.code());
    assertTrue("the scripted code was used", scriptedCodes.isEmpty());
    assertEquals(fresh.id(), links.resolve(fresh.code()).orElseThrow().linkId());
  }

  @Test
  public void badTargetsAreRefused() {
    for (String bad :
        new String[] {
          "ftp://files.example/x", "/relative/path", "mailto:a@b.example", "https:///nohost"
        }) {
      ValidationException e =
          assertThrows(
              bad,
              ValidationException.class,
              () -> links.shorten(ws.id(), URI.create(bad), WEIBO, LinkAttribution.NONE));
      assertEquals("target", e.field());
    }
    assertThrows(
        ValidationException.class, () -> links.shorten(ws.id(), null, WEIBO, LinkAttribution.NONE));
    assertThrows(
        ValidationException.class,
        () ->
            links.shorten(
                ws.id(),
                URI.create("https://shop.example/?q=" + "a".repeat(4000)),
                WEIBO,
                LinkAttribution.NONE));
    assertThrows(
        ValidationException.class,
        () ->
            links.shorten(
                ws.id(), PRODUCT, WEIBO, new LinkAttribution("x".repeat(65), null, null, null)));
  }

  @Test
  public void linksBelongToTheirWorkspace() {
    ShortLink link = links.shorten(ws.id(), PRODUCT, WEIBO, post("p4", "ch1"));
    assertThrows(NotFoundException.class, () -> links.get(other.id(), link.id()));
    assertThrows(NotFoundException.class, () -> links.get(ws.id(), "missing"));
    assertThrows(NotFoundException.class, () -> links.list("missing", PageRequest.first(5)));
    assertTrue(links.list(other.id(), PageRequest.first(5)).items().isEmpty());
  }

  @Test
  public void listsArePagedOldestFirst() {
    List<ShortLink> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      made.add(links.shorten(ws.id(), URI.create("https://shop.example/" + i), WEIBO, null));
    }
    var first = links.list(ws.id(), PageRequest.first(3));
    assertEquals(made.subList(0, 3), first.items());
    var second = links.list(ws.id(), PageRequest.of(3, first.nextCursor()));
    assertEquals(made.subList(3, 5), second.items());
    assertNull(second.nextCursor());
  }

  @Test
  public void codesResolveFromTheCacheAndUnknownCodesDoNot() {
    ShortLink link = links.shorten(ws.id(), PRODUCT, WEIBO, post("p5", "ch1"));
    ResolvedLink resolved = links.resolve(link.code()).orElseThrow();
    assertEquals(link.target().toASCIIString(), resolved.location());
    assertEquals(link.id(), resolved.linkId());
    // Gone from the database, still served: links never change, the cache needs no invalidation.
    testDb.update("DELETE FROM sw_link WHERE id = ?", link.id());
    assertEquals(Optional.of(resolved), links.resolve(link.code()));
    assertEquals(Optional.empty(), links.resolve("unknown00"));
  }

  @Test
  public void clicksAreCountedPerLinkPostChannelAndCampaignAndBotsApart() throws Exception {
    ShortLink weibo = links.shorten(ws.id(), PRODUCT, WEIBO, post("p6", "weibo"));
    ShortLink wechat = links.shorten(ws.id(), PRODUCT, WEIBO, post("p6", "wechat"));
    ShortLink elsewhere = links.shorten(other.id(), PRODUCT, WEIBO, post("p6", "weibo"));
    ClickRecorder recorder = recorder(store, 1000, 50, Duration.ofMillis(20));
    long now = System.currentTimeMillis();
    for (int i = 0; i < 30; i++) {
      recorder.record(click(weibo, now, null, "https://weibo.com/u/1?x"));
    }
    for (int i = 0; i < 4; i++) {
      recorder.record(click(weibo, now, Reason.PREVIEW, null));
    }
    for (int i = 0; i < 7; i++) {
      recorder.record(click(wechat, now, null, null));
    }
    recorder.record(click(elsewhere, now, null, null));
    recorder.close();
    assertEquals(42, recorder.written());

    ClickStats all = links.clicks(ws.id(), ClickQuery.ALL);
    assertEquals(new ClickCounts(37, 4), all.total());
    assertEquals(new ClickCounts(30, 4), all.byLink().get(weibo.id()));
    assertEquals(new ClickCounts(7, 0), all.byChannel().get("wechat"));
    assertEquals(new ClickCounts(37, 4), all.byPost().get("p6"));
    assertEquals(new ClickCounts(37, 4), all.byCampaign().get("camp-1"));
    assertFalse(
        "other workspaces' clicks are not counted", all.byLink().containsKey(elsewhere.id()));

    ClickQuery weiboOnly = new ClickQuery(null, null, "p6", "weibo", null, null);
    assertEquals(new ClickCounts(30, 4), links.clicks(ws.id(), weiboOnly).total());
    Instant hour = ClickStore.hourOf(now).toInstant();
    assertEquals(
        new ClickCounts(37, 4),
        links
            .clicks(ws.id(), new ClickQuery(null, null, null, null, hour, hour.plusSeconds(3600)))
            .total());
    assertEquals(
        ClickCounts.ZERO,
        links
            .clicks(ws.id(), new ClickQuery(null, null, null, null, hour.plusSeconds(3600), null))
            .total());
    assertThrows(
        ValidationException.class,
        () -> links.clicks(ws.id(), new ClickQuery(null, null, null, null, hour, hour)));
    assertEquals(
        List.of("weibo.com"),
        testDb.column(
            "SELECT referer_host FROM sw_link_click WHERE link_id = ? AND NOT bot AND referer_host <> ''",
            weibo.id()));
  }

  @Test
  public void theWriterStoresEveryJournaledClickWhenItStops() throws Exception {
    ShortLink link = links.shorten(ws.id(), PRODUCT, WEIBO, post("p7", "ch1"));
    // A long flush interval: only the stop can have written the clicks.
    ClickRecorder recorder = recorder(store, 10_000, 100, Duration.ofHours(1));
    long now = System.currentTimeMillis();
    for (int i = 0; i < 2_500; i++) {
      recorder.record(click(link, now, null, null));
    }
    recorder.close();
    assertEquals(2_500, recorder.written());
    assertEquals(0, recorder.dropped());
    assertEquals(
        new ClickCounts(2_500, 0), links.clicks(ws.id(), ClickQuery.ofLink(link.id())).total());
    // After the stop a straggler is stored at once rather than lost.
    recorder.record(click(link, now, Reason.HEAD, null));
    assertEquals(
        new ClickCounts(2_500, 1), links.clicks(ws.id(), ClickQuery.ofLink(link.id())).total());
  }

  @Test
  public void aFullJournalDropsAndCountsInsteadOfBlockingAndKeepsWhatItHolds() throws Exception {
    ShortLink link = links.shorten(ws.id(), PRODUCT, WEIBO, post("p8", "ch1"));
    AtomicBoolean down = new AtomicBoolean(true);
    ClickStore flaky =
        new ClickStore(testDb.dataSource()) {
          @Override
          void insert(JournalMark mark, List<Click> clicks) throws SQLException {
            if (down.get()) {
              throw new SQLTransientConnectionException("database down");
            }
            super.insert(mark, clicks);
          }
        };
    ClickRecorder recorder = recorder(flaky, 10, 10, Duration.ofMillis(5));
    for (int i = 0; i < 100; i++) {
      recorder.record(click(link, System.currentTimeMillis(), null, null));
    }
    assertEquals(90, recorder.dropped());
    assertEquals(0, recorder.written());
    down.set(false);
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> recorder.written() == 10);
    recorder.close();
    assertEquals(
        new ClickCounts(10, 0), links.clicks(ws.id(), ClickQuery.ofLink(link.id())).total());
  }

  @Test
  public void aRecorderKilledMidWayLeavesItsClicksToTheNextOneWhichStoresThemOnce()
      throws Exception {
    ShortLink link = links.shorten(ws.id(), PRODUCT, WEIBO, post("p9", "ch1"));
    long now = System.currentTimeMillis();
    // What a killed node leaves: 250 clicks in its journal; the database has the first 100, and
    // the next 50 too, but the node died before it could free their slots.
    try (ClickJournal journal = ClickJournal.open(journalFile(), 1000)) {
      journal.recover(store.storedThrough(journal.id()));
      for (int i = 0; i < 250; i++) {
        assertTrue(journal.append(click(link, now, i % 10 == 0 ? Reason.HEAD : null, null)));
      }
      store.insert(new JournalMark(journal.id(), 100), clicksOf(journal, 1, 100));
      journal.freeThrough(100);
      store.insert(new JournalMark(journal.id(), 150), clicksOf(journal, 101, 150));
    }
    assertEquals(
        new ClickCounts(135, 15), links.clicks(ws.id(), ClickQuery.ofLink(link.id())).total());

    ClickRecorder next = recorder(store, 1000, 40, Duration.ofMillis(10));
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> next.written() == 100);
    next.record(click(link, now, null, null));
    next.close();
    assertEquals(
        "each of the 250 clicks once, and the new one",
        new ClickCounts(226, 25),
        links.clicks(ws.id(), ClickQuery.ofLink(link.id())).total());

    ClickRecorder third = recorder(store, 1000, 40, Duration.ofMillis(10));
    third.close();
    assertEquals(0, third.written());
    assertEquals(
        new ClickCounts(226, 25), links.clicks(ws.id(), ClickQuery.ofLink(link.id())).total());
  }

  @Test
  public void aJournalOfAnotherSizeIsStoredThenMadeAnew() throws Exception {
    ShortLink link = links.shorten(ws.id(), PRODUCT, WEIBO, post("p11", "ch1"));
    try (ClickJournal journal = ClickJournal.open(journalFile(), 64)) {
      journal.recover(store.storedThrough(journal.id()));
      for (int i = 0; i < 30; i++) {
        journal.append(click(link, System.currentTimeMillis(), null, null));
      }
    }
    ClickRecorder resized = recorder(store, 128, 100, Duration.ofMillis(10));
    assertEquals(
        "stored before the file was made anew",
        new ClickCounts(30, 0),
        links.clicks(ws.id(), ClickQuery.ofLink(link.id())).total());
    resized.record(click(link, System.currentTimeMillis(), null, null));
    resized.close();
    assertEquals(
        new ClickCounts(31, 0), links.clicks(ws.id(), ClickQuery.ofLink(link.id())).total());
    try (ClickJournal reopened = ClickJournal.open(journalFile(), 128)) {
      assertEquals(128, reopened.slots());
    }
  }

  @Test
  public void aRetriedBatchThatHadCommittedIsNotStoredTwice() throws Exception {
    ShortLink link = links.shorten(ws.id(), PRODUCT, WEIBO, post("p10", "ch1"));
    long now = System.currentTimeMillis();
    List<Click> clicks = List.of(click(link, now, null, null), click(link, now, null, null));
    String journal = unique("journal");
    assertEquals(0, store.storedThrough(journal));
    store.insert(new JournalMark(journal, 2), clicks);
    store.insert(new JournalMark(journal, 2), clicks);
    assertEquals(
        new ClickCounts(2, 0), links.clicks(ws.id(), ClickQuery.ofLink(link.id())).total());
    store.insert(new JournalMark(journal, 3), clicks.subList(0, 1));
    assertEquals(3, store.storedThrough(journal));
    assertEquals(
        new ClickCounts(3, 0), links.clicks(ws.id(), ClickQuery.ofLink(link.id())).total());
    assertEquals(
        "one counter row for the link's hour",
        List.of(3L),
        testDb.column("SELECT clicks FROM sw_link_click WHERE link_id = ?", link.id()));
  }

  @Test
  public void refererHostsAreReducedToTheHost() {
    assertEquals("weibo.com", ClickStore.refererHost("https://Weibo.COM/u/1?a#b"));
    assertEquals("t.co", ClickStore.refererHost("https://user:pw@t.co:443/x"));
    assertEquals("[::1]", ClickStore.refererHost("http://[::1]:8080/"));
    assertEquals("example.org", ClickStore.refererHost("http://example.org"));
    assertNull(ClickStore.refererHost("weibo.com/no-scheme"));
    assertNull(ClickStore.refererHost(null));
    assertNull(ClickStore.refererHost("https:///path"));
  }

  private Click click(ShortLink link, long at, Reason reason, String referer) {
    return new Click(link.id(), at, reason, ClickStore.refererHost(referer));
  }

  private Path journalFile() {
    return folder.getRoot().toPath().resolve("clicks.journal");
  }

  private ClickRecorder recorder(ClickStore clicks, int slots, int batchSize, Duration flush)
      throws Exception {
    return new ClickRecorder(clicks, journalFile(), slots, batchSize, flush);
  }

  private static List<Click> clicksOf(ClickJournal journal, long from, long through) {
    List<Click> clicks = new ArrayList<>();
    for (long seq = from; seq <= through; seq++) {
      clicks.add(journal.read(seq));
    }
    return clicks;
  }
}
