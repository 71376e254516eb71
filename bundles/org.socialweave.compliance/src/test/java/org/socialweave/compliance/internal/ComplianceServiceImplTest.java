package org.socialweave.compliance.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.PageRequest;
import org.socialweave.api.Workspace;
import org.socialweave.api.audit.AuditEntry;
import org.socialweave.api.compliance.CheckContext;
import org.socialweave.api.compliance.CheckReport;
import org.socialweave.api.compliance.CheckSubject;
import org.socialweave.api.compliance.ContentCheck;
import org.socialweave.api.compliance.Finding;
import org.socialweave.api.compliance.Severity;
import org.socialweave.api.compliance.WordList;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.PreconditionFailedException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.compliance.internal.words.WordListStore;
import org.socialweave.core.internal.audit.AuditLogImpl;
import org.socialweave.core.internal.identity.WorkspaceServiceImpl;
import org.socialweave.core.internal.testing.DatabaseTestBase;
import org.socialweave.core.internal.testing.MutableClock;
import org.socialweave.core.internal.testing.TestDatabase;
import org.socialweave.core.persistence.Migrations;
import org.socialweave.core.persistence.UnitOfWork;

/**
 * The compliance service on a real database (H2, and PostgreSQL in the postgres profile) with the
 * real audit log and every check of the bundle.
 */
public class ComplianceServiceImplTest extends DatabaseTestBase {

  private static TestDatabase emfDatabase;
  private static EntityManagerFactory emf;

  private MutableClock clock;
  private AuditLogImpl audit;
  private ComplianceServiceImpl compliance;
  private Workspace ws;

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
      Migrations.apply(testDb.dataSource(), getClass().getClassLoader(), "compliance");
      emf =
          Persistence.createEntityManagerFactory(
              "socialweave.compliance",
              Map.of(
                  "javax.persistence.nonJtaDataSource",
                  testDb.dataSource(),
                  "eclipselink.logging.level",
                  "SEVERE"));
      emfDatabase = testDb;
    }
    clock = MutableClock.atNow();
    audit = new AuditLogImpl(db(), clock);
    WorkspaceServiceImpl workspaces = new WorkspaceServiceImpl(db(), clock);
    ws = workspaces.create(unique("cp-"), "Compliance", "Asia/Shanghai");
    WordListStore store = WordListStore.of(new UnitOfWork(emf), Duration.ofSeconds(30), clock);
    compliance =
        new ComplianceServiceImpl(
            store,
            audit,
            idOrSlug -> workspaces.find(idOrSlug).map(Workspace::id),
            Configs.DEFAULTS);
    AllChecks.create(store::sensitiveWords).forEach(compliance::addCheck);
  }

  @Test
  public void importCleansDuplicatesBlankLinesAndCommentsAndExportsSorted() {
    WordList list =
        compliance.importWordList(
            ws.slug(),
            "banned",
            Severity.BLOCK,
            "\uFEFF赌博\r\n\n  赌博  \n# a comment\n代开发票\n\n",
            null,
            "u1");
    assertEquals(2, list.wordCount());
    assertEquals(Severity.BLOCK, list.severity());
    assertEquals("代开发票\n赌博\n", compliance.exportWordList(ws.id(), "banned"));
    assertEquals(
        List.of("banned"),
        compliance.wordLists(ws.id(), PageRequest.first(10)).items().stream()
            .map(WordList::name)
            .toList());
    AuditEntry last = audit.tail(ws.id(), 1).get(0);
    assertEquals("wordlist.replace", last.event().action());
    assertEquals("success", last.event().outcome());
  }

  @Test
  public void aWorkspaceCheckFindsItsWordsInTraditionalFullWidthAndSpacedForms() {
    compliance.importWordList(ws.id(), "banned", Severity.BLOCK, "赌博\ncasino\n", null, "u1");
    String text = "賭 博 和 ＣＡＳＩＮＯ，还有赌.博";
    CheckReport report = compliance.check(ws.id(), CheckSubject.ofText(text));
    List<Finding> words =
        report.findings().stream().filter(f -> f.ruleId().equals("words.banned")).toList();
    assertEquals(List.of("賭 博", "ＣＡＳＩＮＯ", "赌.博"), words.stream().map(Finding::matched).toList());
    assertTrue(report.blocked());
    // A bare check has no workspace words.
    assertFalse(
        compliance.check(CheckSubject.ofText(text)).findings().stream()
            .anyMatch(f -> f.ruleId().startsWith("words.")));
  }

  @Test
  public void replacingNeedsTheCurrentVersionWhenOneIsGiven() {
    WordList first =
        compliance.replaceWordList(ws.id(), "watch", Severity.WARN, List.of("a1"), null, "u1");
    WordList second =
        compliance.replaceWordList(
            ws.id(), "watch", Severity.INFO, List.of("b2"), first.version(), "u1");
    assertEquals(Severity.INFO, second.severity());
    assertThrows(
        PreconditionFailedException.class,
        () ->
            compliance.replaceWordList(
                ws.id(), "watch", Severity.INFO, List.of("c3"), first.version(), "u1"));
    assertEquals("b2\n", compliance.exportWordList(ws.id(), "watch"));
  }

  @Test
  public void badListsAreRefusedWithTheReason() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                compliance.replaceWordList(
                    ws.id(), "Bad Name", Severity.WARN, List.of("x"), null, "u1"));
    assertEquals("name", e.field());
    e =
        assertThrows(
            ValidationException.class,
            () ->
                compliance.importWordList(
                    ws.id(), "emoji", Severity.WARN, "ok\n🔥🔥\n", null, "u1"));
    assertTrue(e.getMessage(), e.getMessage().contains("word 2"));
    assertThrows(
        NotFoundException.class,
        () -> compliance.importWordList("missing", "banned", Severity.WARN, "x", null, "u1"));
    assertThrows(NotFoundException.class, () -> compliance.exportWordList(ws.id(), "missing"));
  }

  @Test
  public void deleteRemovesTheListAndItsWordsFromChecks() {
    compliance.importWordList(ws.id(), "banned", Severity.BLOCK, "赌博", null, "u1");
    compliance.deleteWordList(ws.id(), "banned", "u1");
    assertFalse(compliance.check(ws.id(), CheckSubject.ofText("赌博")).blocked());
    assertThrows(NotFoundException.class, () -> compliance.wordList(ws.id(), "banned"));
  }

  @Test
  public void termsWithARewriteOfferItAndAQuotedRegulationDoesNot() {
    String text = "全网最佳口碑，国家级品质，最高级享受";
    List<Finding> findings = compliance.check(ws.id(), CheckSubject.ofText(text)).findings();
    Finding best = findings.stream().filter(f -> f.matched().equals("最佳")).findFirst().get();
    assertEquals(Severity.BLOCK, best.severity());
    assertEquals("优质", best.rewrite());
    String fixed = text.substring(0, best.start()) + best.rewrite() + text.substring(best.end());
    assertFalse(
        compliance.check(ws.id(), CheckSubject.ofText(fixed)).findings().stream()
            .anyMatch(f -> f.matched().equals("最佳")));
    Finding national = findings.stream().filter(f -> f.matched().equals("国家级")).findFirst().get();
    assertEquals("an empty rewrite removes the term", "", national.rewrite());
    Finding highest = findings.stream().filter(f -> f.matched().equals("最高级")).findFirst().get();
    assertEquals("a term without one needs a person's words", null, highest.rewrite());
    Finding quoted =
        compliance.check(ws.id(), CheckSubject.ofText("《广告法》禁止使用“最佳”")).findings().get(0);
    assertEquals(Severity.INFO, quoted.severity());
    assertEquals(null, quoted.rewrite());
  }

  @Test
  public void reportsAreSortedCountedAndTimed() {
    CheckReport report =
        compliance.check(
            ws.id(),
            new CheckSubject("全网最低价！根治失眠，第一次见面 13812345678", "最佳标题", null, true, null, null));
    assertTrue(report.blocked());
    assertTrue(report.findings().get(0).inTitle());
    List<Finding> body = report.findings().stream().filter(f -> !f.inTitle()).toList();
    for (int i = 1; i < body.size(); i++) {
      assertTrue(body.get(i - 1).start() <= body.get(i).start());
    }
    assertEquals(
        report.findings().size(), report.blockCount() + report.warnCount() + report.infoCount());
    assertTrue(body.stream().anyMatch(f -> f.ruleId().equals("disclosure.ad-label")));
    assertFalse(body.stream().anyMatch(f -> f.matched().startsWith("第一")));
    assertTrue(report.elapsedMicros() >= 0);
    assertEquals(List.of(), report.failedChecks());
  }

  @Test
  public void aPluginCheckJoinsAndLeavesAndAFailingCheckBlocks() {
    ContentCheck broken =
        new ContentCheck() {
          @Override
          public String id() {
            return "plugin.broken";
          }

          @Override
          public java.util.Set<String> categories() {
            return java.util.Set.of("plugin");
          }

          @Override
          public List<Finding> check(CheckSubject subject, CheckContext context) {
            throw new IllegalStateException("bug in a plug-in");
          }
        };
    compliance.addCheck(broken);
    CheckReport report = compliance.check(CheckSubject.ofText("hello"));
    assertEquals(List.of("plugin.broken"), report.failedChecks());
    assertTrue(report.blocked());
    compliance.removeCheck(broken);
    assertFalse(compliance.checks().contains("plugin.broken"));
    assertFalse(compliance.check(CheckSubject.ofText("hello")).blocked());
  }

  @Test
  public void tooLongTextsAreRefused() {
    assertThrows(
        ValidationException.class,
        () -> compliance.check(CheckSubject.ofText("a".repeat(1_048_577))));
  }
}
