package org.socialweave.compliance.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.socialweave.compliance.internal.checks.PlatformRulesCheckTest.X;

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
import org.socialweave.api.compliance.CheckParameter;
import org.socialweave.api.compliance.CheckReport;
import org.socialweave.api.compliance.CheckRun;
import org.socialweave.api.compliance.CheckSetting;
import org.socialweave.api.compliance.CheckSettings;
import org.socialweave.api.compliance.CheckSubject;
import org.socialweave.api.compliance.ContentCheck;
import org.socialweave.api.compliance.Finding;
import org.socialweave.api.compliance.Severity;
import org.socialweave.api.compliance.WordList;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.PreconditionFailedException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.compliance.internal.checks.PlatformRulesCheck;
import org.socialweave.compliance.internal.rules.AbsoluteTermsCheck;
import org.socialweave.compliance.internal.rules.EducationClaimsCheck;
import org.socialweave.compliance.internal.rules.TermCheck;
import org.socialweave.compliance.internal.runs.CheckRunStore;
import org.socialweave.compliance.internal.settings.CheckSettingsStore;
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
  private CheckRunStore runs;
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
            new CheckSettingsStore(new UnitOfWork(emf), Duration.ofSeconds(30), clock),
            Configs.DEFAULTS);
    AllChecks.create(store::sensitiveWords).forEach(compliance::addCheck);
    runs = new CheckRunStore(new UnitOfWork(emf), audit, store::versions, clock);
  }

  // ---- check settings

  @Test
  public void aWorkspaceWithoutSettingsRunsEveryCheckAtItsDefaults() {
    CheckSettings settings = compliance.checkSettings(ws.slug());
    assertEquals(0, settings.version());
    assertEquals(
        compliance.checks(), settings.checks().stream().map(CheckSetting::checkId).toList());
    assertTrue(settings.checks().stream().allMatch(s -> s.enabled() && s.severity() == null));
    CheckSetting platform = setting(settings, PlatformRulesCheck.ID);
    assertEquals(
        List.of(PlatformRulesCheck.MAX_HASHTAGS, PlatformRulesCheck.MAX_MENTIONS),
        platform.parameterTypes().stream().map(CheckParameter::name).toList());
    assertEquals("10", platform.parameterTypes().get(0).defaultValue());
  }

  @Test
  public void anAdminSwitchesTunesAndResetsChecksPerWorkspace() {
    String text = "保过！最佳课程 #a #b #c";
    CheckReport before =
        compliance.check(ws.id(), new CheckSubject(text, null, X, false, null, null));
    assertTrue(severityOf(before, "ad-law.education") == Severity.BLOCK);
    CheckSettings saved =
        compliance.replaceCheckSettings(
            ws.id(),
            List.of(
                new CheckSettings.Change(EducationClaimsCheck.ID, true, Severity.WARN, null),
                new CheckSettings.Change(AbsoluteTermsCheck.ID, false, null, null),
                new CheckSettings.Change(
                    PlatformRulesCheck.ID,
                    null,
                    null,
                    Map.of(PlatformRulesCheck.MAX_HASHTAGS, "2"))),
            0L,
            "admin");
    assertEquals(1, saved.version());
    CheckReport after =
        compliance.check(ws.id(), new CheckSubject(text, null, X, false, null, null));
    assertEquals(Severity.WARN, severityOf(after, "ad-law.education"));
    assertFalse(after.checks().contains(AbsoluteTermsCheck.ID));
    assertTrue(after.findings().stream().anyMatch(f -> f.ruleId().equals("platform.hashtags")));
    assertFalse(before.findings().stream().anyMatch(f -> f.ruleId().equals("platform.hashtags")));
    // Another workspace keeps the defaults.
    assertTrue(
        compliance.check(CheckSubject.ofText(text)).checks().contains(AbsoluteTermsCheck.ID));
    AuditEntry last = audit.tail(ws.id(), 1).get(0);
    assertEquals("checksettings.replace", last.event().action());
    assertEquals("admin", last.event().actor());
    assertThrows(
        PreconditionFailedException.class,
        () -> compliance.replaceCheckSettings(ws.id(), List.of(), 0L, "admin"));
    compliance.replaceCheckSettings(ws.id(), List.of(), 1L, "admin");
    assertEquals(
        Severity.BLOCK,
        severityOf(compliance.check(ws.id(), CheckSubject.ofText(text)), "ad-law.education"));
  }

  @Test
  public void aWorkspaceExemptionSilencesATermInsideItsPhraseOnly() {
    String text = "来第 一 坊吃面，我们是第一";
    assertEquals(2, count(compliance.check(ws.id(), CheckSubject.ofText(text)), "ad-law.absolute"));
    compliance.replaceCheckSettings(
        ws.id(),
        List.of(
            new CheckSettings.Change(
                AbsoluteTermsCheck.ID, null, null, Map.of(TermCheck.EXEMPTIONS, "第一坊\n\n"))),
        null,
        "admin");
    CheckReport report = compliance.check(ws.id(), CheckSubject.ofText(text));
    assertEquals(1, count(report, "ad-law.absolute"));
    assertEquals(
        "第一",
        report.findings().stream()
            .filter(f -> f.ruleId().startsWith("ad-law.absolute"))
            .findFirst()
            .orElseThrow()
            .matched());
  }

  @Test
  public void badSettingsAreRefusedWithTheField() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                compliance.replaceCheckSettings(
                    ws.id(),
                    List.of(new CheckSettings.Change("nope", true, null, null)),
                    null,
                    "a"));
    assertEquals("checks[0].checkId", e.field());
    e =
        assertThrows(
            ValidationException.class,
            () ->
                compliance.replaceCheckSettings(
                    ws.id(),
                    List.of(
                        new CheckSettings.Change(
                            PlatformRulesCheck.ID, null, null, Map.of("maxHashtags", "-1"))),
                    null,
                    "a"));
    assertEquals("checks[0].parameters.maxHashtags", e.field());
    e =
        assertThrows(
            ValidationException.class,
            () ->
                compliance.replaceCheckSettings(
                    ws.id(),
                    List.of(
                        new CheckSettings.Change(
                            AbsoluteTermsCheck.ID, null, null, Map.of("colour", "red"))),
                    null,
                    "a"));
    assertTrue(e.getMessage(), e.getMessage().contains("exemptions"));
    e =
        assertThrows(
            ValidationException.class,
            () ->
                compliance.replaceCheckSettings(
                    ws.id(),
                    List.of(
                        new CheckSettings.Change(PlatformRulesCheck.ID, false, null, null),
                        new CheckSettings.Change(PlatformRulesCheck.ID, true, null, null)),
                    null,
                    "a"));
    assertTrue(e.getMessage(), e.getMessage().contains("twice"));
    assertThrows(
        NotFoundException.class,
        () -> compliance.replaceCheckSettings("missing", List.of(), null, "a"));
  }

  @Test
  public void aPluginCheckAppearsInTheSettingsAndItsSettingOutlivesItsAbsence() {
    ContentCheck plugin = new FixedCheck("plugin.tone");
    compliance.addCheck(plugin);
    assertTrue(setting(compliance.checkSettings(ws.id()), "plugin.tone").registered());
    compliance.replaceCheckSettings(
        ws.id(), List.of(new CheckSettings.Change("plugin.tone", false, null, null)), null, "a");
    assertFalse(
        compliance.check(ws.id(), CheckSubject.ofText("x")).checks().contains("plugin.tone"));
    compliance.removeCheck(plugin);
    CheckSetting gone = setting(compliance.checkSettings(ws.id()), "plugin.tone");
    assertFalse(gone.registered());
    assertFalse(gone.enabled());
  }

  // ---- check runs

  @Test
  public void aCheckRunIsStoredWithItsRevisionAndLinkedIntoTheChain() {
    compliance.importWordList(ws.id(), "banned", Severity.BLOCK, "赌博", null, "u1");
    CheckReport report = compliance.check(ws.id(), CheckSubject.ofText("最佳赌博"));
    CheckRun run = runs.record(ws.id(), "post1", 3, "var1", "x", CheckRun.SCHEDULE, report, "bob");
    AuditEntry entry = audit.tail(ws.id(), 1).get(0);
    assertEquals(entry.sequence(), run.auditSequence());
    assertEquals(entry.hash(), run.auditHash());
    assertEquals("compliance.check.schedule", entry.event().action());
    assertEquals("blocked", entry.event().outcome());
    assertEquals(
        CheckRunStore.auditTarget("post1", 3, run.id(), run.digest()), entry.event().target());
    List<CheckRun> stored = runs.ofRevision(ws.id(), "post1", 3);
    assertEquals(1, stored.size());
    assertEquals(report.findings(), stored.get(0).findings());
    assertEquals(report.checks(), stored.get(0).checks());
    assertEquals(Map.of("banned", 1L), stored.get(0).wordLists());
    assertTrue(runs.intact(stored.get(0)));
    assertTrue(audit.verify().intact());
    assertEquals(List.of(), runs.ofRevision(ws.id(), "post1", 2));
  }

  @Test
  public void aRunOverBrokenAndRightToLeftTextIsStoredExactly() {
    String text = "\u202Bمرحبا\u202C 最\uD800佳 \u05E9\u05DC\u05D5\u05DD 最\u200F好";
    CheckReport report = compliance.check(ws.id(), CheckSubject.ofText(text));
    assertTrue(report.findings().stream().anyMatch(f -> f.matched().equals("最\uD800佳")));
    CheckRun run = runs.record(ws.id(), "post4", 1, "var1", "x", CheckRun.SUBMIT, report, "u");
    CheckRun stored = runs.ofRevision(ws.id(), "post4", 1).get(0);
    assertEquals(report.findings(), stored.findings());
    assertTrue(runs.intact(run));
    compliance.replaceCheckSettings(
        ws.id(),
        List.of(
            new CheckSettings.Change(
                AbsoluteTermsCheck.ID, null, null, Map.of(TermCheck.EXEMPTIONS, "最\uD800佳"))),
        null,
        "admin");
    assertEquals(
        "最\uD800佳",
        setting(compliance.checkSettings(ws.id()), AbsoluteTermsCheck.ID)
            .parameters()
            .get(TermCheck.EXEMPTIONS));
  }

  @Test
  public void anEditedStoredFindingNoLongerMatchesItsDigest() {
    CheckRun run =
        runs.record(
            ws.id(),
            "post2",
            1,
            "var1",
            "x",
            CheckRun.DISPATCH,
            compliance.check(ws.id(), CheckSubject.ofText("最佳")),
            "system");
    new UnitOfWork(emf)
        .inTransaction(
            em ->
                em.createNativeQuery(
                        "UPDATE sw_check_run SET body = REPLACE(body, 'BLOCK', 'INFO')")
                    .executeUpdate());
    assertFalse(runs.intact(run));
  }

  @Test
  public void runsStreamInTimeOrderAcrossBatches() {
    CheckReport report = compliance.check(ws.id(), CheckSubject.ofText("hello"));
    for (int i = 0; i < 205; i++) {
      clock.advance(Duration.ofSeconds(1));
      runs.record(ws.id(), "post3", 1, "v" + i, "x", CheckRun.SUBMIT, report, "u");
    }
    List<String> seen = new java.util.ArrayList<>();
    runs.forEach(ws.id(), List.of("post3"), null, null, r -> seen.add(r.variantId()));
    assertEquals(205, seen.size());
    assertEquals("v0", seen.get(0));
    assertEquals("v204", seen.get(204));
    List<String> ranged = new java.util.ArrayList<>();
    runs.forEach(
        ws.id(), null, null, clock.instant().minusSeconds(2), r -> ranged.add(r.variantId()));
    assertEquals("the last two seconds left out", 202, ranged.size());
    assertThrows(
        ValidationException.class,
        () -> runs.record(ws.id(), "p", 1, "v", "x", "later", report, "u"));
  }

  private static CheckSetting setting(CheckSettings settings, String id) {
    return settings.checks().stream().filter(s -> s.checkId().equals(id)).findFirst().orElseThrow();
  }

  private static Severity severityOf(CheckReport report, String rulePrefix) {
    return report.findings().stream()
        .filter(f -> f.ruleId().startsWith(rulePrefix))
        .map(Finding::severity)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + rulePrefix + " finding in " + report));
  }

  private static long count(CheckReport report, String rulePrefix) {
    return report.findings().stream().filter(f -> f.ruleId().startsWith(rulePrefix)).count();
  }

  /** A plug-in check that finds nothing. */
  private record FixedCheck(String id) implements ContentCheck {
    @Override
    public java.util.Set<String> categories() {
      return java.util.Set.of("tone");
    }

    @Override
    public List<Finding> check(CheckSubject subject, CheckContext context) {
      return List.of();
    }
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
