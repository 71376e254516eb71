package org.socialweave.compliance.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.audit.AuditEvent;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.compliance.CheckContext;
import org.socialweave.api.compliance.CheckReport;
import org.socialweave.api.compliance.CheckSetting;
import org.socialweave.api.compliance.CheckSettings;
import org.socialweave.api.compliance.CheckSubject;
import org.socialweave.api.compliance.ComplianceService;
import org.socialweave.api.compliance.ContentCheck;
import org.socialweave.api.compliance.Finding;
import org.socialweave.api.compliance.Severity;
import org.socialweave.api.compliance.WordList;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.compliance.internal.settings.CheckSettingsStore;
import org.socialweave.compliance.internal.settings.CheckSettingsStore.Snapshot;
import org.socialweave.compliance.internal.settings.SettingsValidation;
import org.socialweave.compliance.internal.settings.StoredSetting;
import org.socialweave.compliance.internal.words.WordListStore;

/**
 * Runs every registered {@link ContentCheck} (a dynamic, multiple reference: a plug-in's check is
 * used as soon as it is registered) except those switched off in {@link ComplianceConfig}, and
 * manages the word lists through the {@link WordListStore}. A check that throws is reported in
 * {@link CheckReport#failedChecks()} and makes the report blocked, so a broken check never lets a
 * post through silently.
 */
@Component(
    service = {ComplianceService.class, ComplianceServiceImpl.class},
    configurationPid = "org.socialweave.compliance")
@Designate(ocd = ComplianceConfig.class)
public class ComplianceServiceImpl implements ComplianceService {

  private static final Logger LOG = LoggerFactory.getLogger(ComplianceServiceImpl.class);

  private static final Comparator<Finding> ORDER =
      Comparator.comparing((Finding f) -> !f.inTitle())
          .thenComparingInt(Finding::start)
          .thenComparingInt(Finding::end)
          .thenComparing(Finding::severity)
          .thenComparing(Finding::ruleId);

  private final Map<String, ContentCheck> checks = new ConcurrentSkipListMap<>();
  private final WordListStore store;
  private final AuditLog audit;
  private final Function<String, Optional<String>> workspaceIds;
  private final CheckSettingsStore settings;
  private volatile Set<String> disabled;
  private volatile int maxTextLength;

  @Activate
  public ComplianceServiceImpl(
      @Reference WordListStore store,
      @Reference AuditLog audit,
      @Reference WorkspaceService workspaces,
      @Reference CheckSettingsStore settings,
      ComplianceConfig config) {
    this(store, audit, idOrSlug -> workspaces.find(idOrSlug).map(Workspace::id), settings, config);
  }

  /**
   * For tests and benchmarks: workspaces resolved by {@code workspaceIds}, and no per-workspace
   * check settings (every check at its defaults).
   */
  public ComplianceServiceImpl(
      WordListStore store,
      AuditLog audit,
      Function<String, Optional<String>> workspaceIds,
      ComplianceConfig config) {
    this(store, audit, workspaceIds, null, config);
  }

  /** For tests: workspaces resolved by {@code workspaceIds}, settings from {@code settings}. */
  public ComplianceServiceImpl(
      WordListStore store,
      AuditLog audit,
      Function<String, Optional<String>> workspaceIds,
      CheckSettingsStore settings,
      ComplianceConfig config) {
    this.store = store;
    this.audit = audit;
    this.workspaceIds = workspaceIds;
    this.settings = settings;
    modified(config);
  }

  @Modified
  final void modified(ComplianceConfig config) {
    disabled = Set.copyOf(Arrays.asList(config.disabledChecks()));
    maxTextLength = config.maxTextLength();
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  public void addCheck(ContentCheck check) {
    checks.put(check.id(), check);
    LOG.info("Content check {} registered", check.id());
  }

  public void removeCheck(ContentCheck check) {
    checks.remove(check.id(), check);
  }

  @Override
  public List<String> checks() {
    return List.copyOf(checks.keySet());
  }

  @Override
  public CheckReport check(String workspaceId, CheckSubject subject) {
    return run(workspaceId(workspaceId), subject);
  }

  @Override
  public CheckReport check(CheckSubject subject) {
    return run(null, subject);
  }

  private CheckReport run(String workspaceId, CheckSubject subject) {
    if (subject == null) {
      throw new ValidationException("text", "a text to check is required");
    }
    int length = subject.text().length() + (subject.title() == null ? 0 : subject.title().length());
    if (length > maxTextLength) {
      throw new ValidationException(
          "text", "at most " + maxTextLength + " characters can be checked at once, got " + length);
    }
    long began = System.nanoTime();
    Snapshot tuning =
        workspaceId == null || settings == null ? Snapshot.EMPTY : settings.get(workspaceId);
    CheckContext context = new CheckContext(workspaceId, parameters(tuning));
    List<Finding> findings = new ArrayList<>();
    List<String> ran = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    Set<String> off = disabled;
    for (ContentCheck check : checks.values()) {
      StoredSetting setting = tuning.of(check.id());
      if (off.contains(check.id()) || !setting.enabled()) {
        continue;
      }
      try {
        List<Finding> found = capped(check.check(subject, context));
        findings.addAll(
            setting.severity() == null ? found : withSeverity(found, setting.severity()));
        ran.add(check.id());
      } catch (RuntimeException | StackOverflowError e) {
        LOG.warn("Content check {} failed", check.id(), e);
        failed.add(check.id());
      }
    }
    findings.sort(ORDER);
    int block = 0;
    int warn = 0;
    int info = 0;
    for (Finding f : findings) {
      switch (f.severity()) {
        case BLOCK -> block++;
        case WARN -> warn++;
        case INFO -> info++;
      }
    }
    long micros = (System.nanoTime() - began) / 1_000;
    return new CheckReport(
        findings, block > 0 || !failed.isEmpty(), block, warn, info, ran, failed, micros);
  }

  /** A plug-in check that reports more than {@link ContentCheck#MAX_FINDINGS} is cut short too. */
  private static List<Finding> capped(List<Finding> found) {
    return found.size() <= 2 * ContentCheck.MAX_FINDINGS
        ? found
        : found.subList(0, 2 * ContentCheck.MAX_FINDINGS);
  }

  private static Map<String, Map<String, String>> parameters(Snapshot tuning) {
    Map<String, Map<String, String>> byCheck = new HashMap<>();
    tuning.checks().forEach((id, s) -> byCheck.put(id, s.parameters()));
    return byCheck;
  }

  /** The findings at the workspace's severity; notes ({@link Severity#INFO}) stay notes. */
  private static List<Finding> withSeverity(List<Finding> found, Severity severity) {
    List<Finding> out = new ArrayList<>(found.size());
    for (Finding f : found) {
      out.add(
          f.severity() == Severity.INFO || f.severity() == severity
              ? f
              : new Finding(
                  f.ruleId(),
                  f.category(),
                  severity,
                  f.start(),
                  f.end(),
                  f.inTitle(),
                  f.matched(),
                  f.explanationZh(),
                  f.explanationEn(),
                  f.legalBasis(),
                  f.suggestion(),
                  f.needsReview()));
    }
    return out;
  }

  // ---- check settings

  @Override
  public CheckSettings checkSettings(String workspaceId) {
    String id = workspaceId(workspaceId);
    return view(id, requireSettings().read(id));
  }

  @Override
  public CheckSettings replaceCheckSettings(
      String workspaceId, List<CheckSettings.Change> changes, Long expectedVersion, String actor) {
    String id = workspaceId(workspaceId);
    CheckSettingsStore store = requireSettings();
    return audited(
        actor,
        id,
        "checksettings.replace",
        "check-settings",
        () -> {
          Map<String, StoredSetting> stored =
              SettingsValidation.validate(changes, checks, store.read(id).checks());
          return view(id, store.replace(id, stored, expectedVersion));
        });
  }

  private CheckSettingsStore requireSettings() {
    if (settings == null) {
      throw new IllegalStateException("this service was built without a settings store");
    }
    return settings;
  }

  /** Every registered check with the workspace's settings, then stored settings of absent ones. */
  private CheckSettings view(String workspaceId, Snapshot snapshot) {
    Map<String, CheckSetting> out = new TreeMap<>();
    Set<String> off = disabled;
    for (ContentCheck check : checks.values()) {
      StoredSetting s = snapshot.of(check.id());
      out.put(
          check.id(),
          new CheckSetting(
              check.id(),
              new TreeSet<>(check.categories()).stream().toList(),
              true,
              s.enabled() && !off.contains(check.id()),
              s.severity(),
              s.parameters(),
              check.parameters()));
    }
    snapshot
        .checks()
        .forEach(
            (id, s) ->
                out.putIfAbsent(
                    id,
                    new CheckSetting(
                        id, List.of(), false, s.enabled(), s.severity(), s.parameters(), null)));
    return new CheckSettings(
        workspaceId, List.copyOf(out.values()), snapshot.version(), snapshot.updatedAt());
  }

  // ---- word lists

  @Override
  public Page<WordList> wordLists(String workspaceId, PageRequest page) {
    return store.list(workspaceId(workspaceId), page);
  }

  @Override
  public WordList wordList(String workspaceId, String name) {
    return store.get(workspaceId(workspaceId), name);
  }

  @Override
  public WordList replaceWordList(
      String workspaceId,
      String name,
      Severity severity,
      List<String> words,
      Long expectedVersion,
      String actor) {
    String id = workspaceId(workspaceId);
    return audited(
        actor,
        id,
        "wordlist.replace",
        "wordlists/" + name,
        () -> store.replace(id, name, severity, words, expectedVersion));
  }

  @Override
  public WordList importWordList(
      String workspaceId,
      String name,
      Severity severity,
      String text,
      Long expectedVersion,
      String actor) {
    if (text == null) {
      throw new ValidationException("words", "a plain text with one word per line is required");
    }
    return replaceWordList(workspaceId, name, severity, parseLines(text), expectedVersion, actor);
  }

  /** The words of a plain text: one per line, {@code #} comment lines and a BOM skipped. */
  static List<String> parseLines(String text) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<String> words = new ArrayList<>();
    for (String line : body.split("\r\n|\r|\n", -1)) {
      if (!line.strip().startsWith("#")) {
        words.add(line);
      }
    }
    return words;
  }

  @Override
  public String exportWordList(String workspaceId, String name) {
    List<String> words = store.words(workspaceId(workspaceId), name);
    StringBuilder out = new StringBuilder(words.size() * 8);
    for (String w : words) {
      out.append(w).append('\n');
    }
    return out.toString();
  }

  @Override
  public void deleteWordList(String workspaceId, String name, String actor) {
    String id = workspaceId(workspaceId);
    audited(
        actor,
        id,
        "wordlist.delete",
        "wordlists/" + name,
        () -> {
          store.delete(id, name);
          return null;
        });
  }

  private <T> T audited(
      String actor,
      String workspaceId,
      String action,
      String target,
      java.util.function.Supplier<T> change) {
    String outcome = "failure";
    try {
      T result = change.get();
      outcome = "success";
      return result;
    } catch (RuntimeException e) {
      outcome = "failure:" + e.getMessage();
      throw e;
    } finally {
      audit.record(new AuditEvent(actor, workspaceId, action, target, null, outcome));
    }
  }

  /** The versions of the workspace's word lists now, by name. */
  public Map<String, Long> wordListVersions(String workspaceId) {
    return store.versions(workspaceId);
  }

  private String workspaceId(String idOrSlug) {
    if (idOrSlug == null || idOrSlug.isBlank()) {
      throw new ValidationException("workspaceId", "a workspace is required");
    }
    return workspaceIds
        .apply(idOrSlug)
        .orElseThrow(() -> new NotFoundException("workspace", idOrSlug));
  }
}
