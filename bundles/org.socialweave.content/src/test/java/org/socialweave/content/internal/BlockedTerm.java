package org.socialweave.content.internal;

import java.util.ArrayList;
import java.util.List;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.compliance.CheckReport;
import org.socialweave.api.compliance.CheckSettings;
import org.socialweave.api.compliance.CheckSubject;
import org.socialweave.api.compliance.ComplianceService;
import org.socialweave.api.compliance.Finding;
import org.socialweave.api.compliance.Severity;
import org.socialweave.api.compliance.WordList;

/**
 * The content checks as the posts see them: one term that blocks. The checks themselves are the
 * compliance bundle's, tested there against its labelled case set.
 */
final class BlockedTerm implements ComplianceService {

  static final String TERM = "最好";

  /** What was checked, in order: the tests see the facts each check was given. */
  final List<CheckSubject> checked = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** The blocked terms; a test adds one as a word list change would. */
  private final List<String> terms = new java.util.concurrent.CopyOnWriteArrayList<>(List.of(TERM));

  /** Blocks {@code term} from now on, as a word added to a list. */
  void block(String term) {
    terms.add(term);
  }

  @Override
  public CheckReport check(String workspaceId, CheckSubject subject) {
    return check(subject);
  }

  @Override
  public CheckReport check(CheckSubject subject) {
    checked.add(subject);
    List<Finding> findings = new ArrayList<>();
    for (String term : terms) {
      int at = subject.text().indexOf(term);
      if (at < 0) {
        continue;
      }
      findings.add(
          new Finding(
              "ad-law.absolute.best",
              "absolute-terms",
              Severity.BLOCK,
              at,
              at + term.length(),
              false,
              term,
              "绝对化用语",
              "an absolute term",
              "广告法第九条",
              "更好",
              false));
    }
    return new CheckReport(
        findings, !findings.isEmpty(), findings.size(), 0, 0, List.of("term"), List.of(), 1);
  }

  @Override
  public List<String> checks() {
    return List.of("term");
  }

  @Override
  public Page<WordList> wordLists(String workspaceId, PageRequest page) {
    throw new UnsupportedOperationException();
  }

  @Override
  public WordList wordList(String workspaceId, String name) {
    throw new UnsupportedOperationException();
  }

  @Override
  public WordList replaceWordList(
      String workspaceId,
      String name,
      Severity severity,
      List<String> words,
      Long expectedVersion,
      String actor) {
    throw new UnsupportedOperationException();
  }

  @Override
  public WordList importWordList(
      String workspaceId,
      String name,
      Severity severity,
      String text,
      Long expectedVersion,
      String actor) {
    throw new UnsupportedOperationException();
  }

  @Override
  public String exportWordList(String workspaceId, String name) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void deleteWordList(String workspaceId, String name, String actor) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CheckSettings checkSettings(String workspaceId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CheckSettings replaceCheckSettings(
      String workspaceId, List<CheckSettings.Change> changes, Long expectedVersion, String actor) {
    throw new UnsupportedOperationException();
  }
}
