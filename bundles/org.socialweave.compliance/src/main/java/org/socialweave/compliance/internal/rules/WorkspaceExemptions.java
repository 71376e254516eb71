package org.socialweave.compliance.internal.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.socialweave.compliance.internal.text.FoldedText;
import org.socialweave.compliance.internal.text.OutermostMatches;
import org.socialweave.compliance.internal.text.WordAutomaton;

/**
 * A workspace's own exemptions for a term check (phrases such as a product name {@code 第一坊} that
 * contain a term but are fine): compiled once per distinct list into an automaton, and matched with
 * the same folding as the terms, so {@code 第 一 坊} is exempt too.
 */
final class WorkspaceExemptions {

  /** Distinct lists kept compiled; beyond this the cache starts again (workspaces are few). */
  private static final int CACHE_SIZE = 512;

  private static final Map<String, WordAutomaton> COMPILED = new ConcurrentHashMap<>();

  private WorkspaceExemptions() {}

  /**
   * The spans of {@code text} (original indexes, as {@code [start, end)} pairs in one array) that
   * the phrases of {@code phrases} (one per line) cover.
   */
  static int[] spans(String phrases, FoldedText text) {
    if (phrases.isEmpty()) {
      return new int[0];
    }
    WordAutomaton automaton = COMPILED.get(phrases);
    if (automaton == null) {
      if (COMPILED.size() >= CACHE_SIZE) {
        COMPILED.clear();
      }
      List<String> words =
          Arrays.stream(phrases.split("\n"))
              .map(FoldedText::foldWord)
              .filter(w -> !w.isEmpty())
              .distinct()
              .toList();
      automaton = WordAutomaton.build(words);
      COMPILED.put(phrases, automaton);
    }
    OutermostMatches matches = OutermostMatches.scan(automaton, text);
    int[] spans = new int[matches.size() * 2];
    for (int i = 0; i < matches.size(); i++) {
      spans[2 * i] = matches.originalStart(i);
      spans[2 * i + 1] = matches.originalEnd(i);
    }
    return spans;
  }

  /**
   * Whether {@code [start, end)} lies inside one of {@code spans}, which are sorted and do not
   * nest.
   */
  static boolean covered(int[] spans, int start, int end) {
    int lo = 0;
    int hi = spans.length / 2 - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (spans[2 * mid] > start) {
        hi = mid - 1;
      } else if (spans[2 * mid + 1] < end) {
        lo = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }
}
