package org.socialweave.compliance.internal.words;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.socialweave.api.compliance.Categories;
import org.socialweave.api.compliance.CheckContext;
import org.socialweave.api.compliance.CheckSubject;
import org.socialweave.api.compliance.ContentCheck;
import org.socialweave.api.compliance.Finding;
import org.socialweave.compliance.internal.text.FoldedText;
import org.socialweave.compliance.internal.text.OutermostMatches;
import org.socialweave.compliance.internal.text.Texts;

/**
 * The workspace's sensitive words, all lists in one automaton pass over the folded text (full
 * width, traditional characters, case and separators between characters do not hide a word). A word
 * inside a longer listed word is reported once, as the longer one. A bare text check (no workspace)
 * has no words.
 */
@Component(
    service = ContentCheck.class,
    property = ContentCheck.CHECK_PROPERTY + "=" + SensitiveWordCheck.ID)
public class SensitiveWordCheck implements ContentCheck {

  public static final String ID = "sensitive-words";

  private final Function<String, SensitiveWords> wordsOfWorkspace;

  @Activate
  public SensitiveWordCheck(@Reference WordListStore store) {
    this(store::sensitiveWords);
  }

  /** A check over the given workspace words (tests, benchmarks). */
  public SensitiveWordCheck(Function<String, SensitiveWords> wordsOfWorkspace) {
    this.wordsOfWorkspace = wordsOfWorkspace;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> categories() {
    return Set.of(Categories.SENSITIVE_WORDS);
  }

  @Override
  public List<Finding> check(CheckSubject subject, CheckContext context) {
    if (context.workspaceId() == null) {
      return List.of();
    }
    SensitiveWords words = wordsOfWorkspace.apply(context.workspaceId());
    if (words.size() == 0) {
      return List.of();
    }
    List<Finding> findings = new ArrayList<>();
    FoldedText title = Texts.title(subject, context);
    if (title != null) {
      scan(words, title, true, findings);
    }
    scan(words, Texts.text(subject, context), false, findings);
    return findings;
  }

  private static void scan(
      SensitiveWords words, FoldedText text, boolean inTitle, List<Finding> findings) {
    OutermostMatches matches = OutermostMatches.scan(words.automaton(), text);
    int count = Math.min(matches.size(), ContentCheck.MAX_FINDINGS);
    for (int i = 0; i < count; i++) {
      SensitiveWords.Entry entry = words.entry(matches.word(i));
      int start = matches.originalStart(i);
      int end = matches.originalEnd(i);
      String lists = String.join(", ", entry.lists());
      findings.add(
          new Finding(
              "words." + entry.lists().get(0),
              Categories.SENSITIVE_WORDS,
              entry.severity(),
              start,
              end,
              inTitle,
              text.original().substring(start, end),
              "命中工作区敏感词表（" + lists + "）：“" + entry.word() + "”。",
              "Matches \"" + entry.word() + "\" of the workspace's word list " + lists + ".",
              null,
              "删除或改写该词 / Remove or rephrase it",
              false));
    }
  }
}
