package org.socialweave.compliance.internal.text;

import java.util.Arrays;

/**
 * Collects the matches of one {@link WordAutomaton#scan} that lie at word boundaries and are not
 * inside another such match: {@code 最} inside {@code 最近}, {@code 第一} inside {@code 销量第一}. The
 * automaton reports matches by end, the longest first for each end, so a stack decides each match
 * in amortised constant time and memory stays linear in the text even for words that nest deeply
 * ({@code a}, {@code aa}, {@code aaa}, ... over {@code aaaa...}).
 */
public final class OutermostMatches implements WordAutomaton.MatchSink {

  private final FoldedText text;
  private int[] word = new int[16];
  private int[] start = new int[16];
  private int[] end = new int[16];
  private int size;

  public OutermostMatches(FoldedText text) {
    this.text = text;
  }

  /** Scans {@code text} with {@code automaton}. */
  public static OutermostMatches scan(WordAutomaton automaton, FoldedText text) {
    OutermostMatches matches = new OutermostMatches(text);
    automaton.scan(text, matches);
    return matches;
  }

  @Override
  public void match(int w, int s, int e) {
    if (!text.atWordBoundaries(s, e)) {
      return;
    }
    if (size > 0 && end[size - 1] == e) {
      // A shorter word with the same end, inside the one just kept.
      return;
    }
    while (size > 0 && start[size - 1] >= s) {
      size--;
    }
    if (size == word.length) {
      word = Arrays.copyOf(word, size * 2);
      start = Arrays.copyOf(start, size * 2);
      end = Arrays.copyOf(end, size * 2);
    }
    word[size] = w;
    start[size] = s;
    end[size] = e;
    size++;
  }

  public int size() {
    return size;
  }

  /** The word of match {@code i}, in the automaton's numbering. */
  public int word(int i) {
    return word[i];
  }

  /** Match {@code i}'s start in the original text. */
  public int originalStart(int i) {
    return text.originalStart(start[i]);
  }

  /** Match {@code i}'s end in the original text. */
  public int originalEnd(int i) {
    return text.originalEnd(end[i] - 1);
  }
}
