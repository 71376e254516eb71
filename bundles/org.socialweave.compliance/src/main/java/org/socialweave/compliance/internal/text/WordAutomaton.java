package org.socialweave.compliance.internal.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An Aho-Corasick automaton over folded words: one pass over a {@link FoldedText} reports every
 * occurrence of every word, in time linear in the text plus the number of matches, whatever the
 * number of words. Words are literal (a {@code .*} in a list is two characters, not a pattern).
 *
 * <p>Immutable and thread-safe once built. The nodes are compiled into flat arrays: the root has a
 * full table over all 65,536 {@code char}s (most texts start many matches there), every other node
 * a sorted edge range searched by bisection.
 *
 * <p>Written here rather than taken from {@code org.ahocorasick:ahocorasick}: that library has no
 * OSGi manifest, allocates an object per emitted match and does its own case handling, while the
 * checks need matches on a folded text mapped back to the original spans.
 */
public final class WordAutomaton {

  /** Receives matches in folded coordinates. */
  @FunctionalInterface
  public interface MatchSink {
    /**
     * @param word the word's index in the builder's order
     * @param start the folded start (inclusive)
     * @param end the folded end (exclusive)
     */
    void match(int word, int start, int end);
  }

  private final int[] rootNext;
  private final int[] edgeStart;
  private final char[] edgeChar;
  private final int[] edgeTarget;
  private final int[] fail;
  private final int[] wordAt;
  private final int[] outputLink;
  private final int[] wordLength;

  private WordAutomaton(
      int[] rootNext,
      int[] edgeStart,
      char[] edgeChar,
      int[] edgeTarget,
      int[] fail,
      int[] wordAt,
      int[] outputLink,
      int[] wordLength) {
    this.rootNext = rootNext;
    this.edgeStart = edgeStart;
    this.edgeChar = edgeChar;
    this.edgeTarget = edgeTarget;
    this.fail = fail;
    this.wordAt = wordAt;
    this.outputLink = outputLink;
    this.wordLength = wordLength;
  }

  /**
   * Builds the automaton of already folded words. Word {@code i} is reported as {@code i}; an empty
   * word is never reported; a word given twice is reported under its first index only.
   */
  public static WordAutomaton build(List<String> foldedWords) {
    List<TreeMap<Character, Integer>> children = new ArrayList<>();
    List<Integer> terminal = new ArrayList<>();
    children.add(new TreeMap<>());
    terminal.add(-1);
    int[] lengths = new int[foldedWords.size()];
    for (int w = 0; w < foldedWords.size(); w++) {
      String word = foldedWords.get(w);
      lengths[w] = word.length();
      if (word.isEmpty()) {
        continue;
      }
      int node = 0;
      for (int i = 0; i < word.length(); i++) {
        Integer next = children.get(node).get(word.charAt(i));
        if (next == null) {
          next = children.size();
          children.add(new TreeMap<>());
          terminal.add(-1);
          children.get(node).put(word.charAt(i), next);
        }
        node = next;
      }
      if (terminal.get(node) < 0) {
        terminal.set(node, w);
      }
    }
    int nodes = children.size();
    int[] edgeStart = new int[nodes + 1];
    int edges = 0;
    for (int n = 0; n < nodes; n++) {
      edgeStart[n] = edges;
      edges += n == 0 ? 0 : children.get(n).size();
    }
    edgeStart[nodes] = edges;
    char[] edgeChar = new char[edges];
    int[] edgeTarget = new int[edges];
    int[] rootNext = new int[0x10000];
    for (Map.Entry<Character, Integer> e : children.get(0).entrySet()) {
      rootNext[e.getKey()] = e.getValue();
    }
    for (int n = 1; n < nodes; n++) {
      int k = edgeStart[n];
      for (Map.Entry<Character, Integer> e : children.get(n).entrySet()) {
        edgeChar[k] = e.getKey();
        edgeTarget[k] = e.getValue();
        k++;
      }
    }
    int[] wordAt = new int[nodes];
    for (int n = 0; n < nodes; n++) {
      wordAt[n] = terminal.get(n);
    }
    int[] fail = new int[nodes];
    int[] outputLink = new int[nodes];
    Arrays.fill(outputLink, -1);
    WordAutomaton a =
        new WordAutomaton(
            rootNext, edgeStart, edgeChar, edgeTarget, fail, wordAt, outputLink, lengths);
    // Breadth first, so a node's failure target is final before its children need it.
    ArrayDeque<Integer> queue = new ArrayDeque<>(children.get(0).values());
    while (!queue.isEmpty()) {
      int node = queue.poll();
      for (Map.Entry<Character, Integer> e : children.get(node).entrySet()) {
        int child = e.getValue();
        int f = node == 0 ? 0 : a.next(fail[node], e.getKey());
        fail[child] = f;
        outputLink[child] = wordAt[f] >= 0 ? f : outputLink[f];
        queue.add(child);
      }
    }
    return a;
  }

  /** The automaton that matches nothing. */
  public static WordAutomaton empty() {
    return build(List.of());
  }

  private int next(int state, char c) {
    while (state != 0) {
      int lo = edgeStart[state];
      int hi = edgeStart[state + 1] - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        char m = edgeChar[mid];
        if (m < c) {
          lo = mid + 1;
        } else if (m > c) {
          hi = mid - 1;
        } else {
          return edgeTarget[mid];
        }
      }
      state = fail[state];
    }
    return rootNext[c];
  }

  /** Reports every occurrence of every word in {@code text}, ordered by end. */
  public void scan(FoldedText text, MatchSink sink) {
    char[] chars = text.chars();
    int n = text.length();
    int state = 0;
    for (int i = 0; i < n; i++) {
      state = next(state, chars[i]);
      for (int o = wordAt[state] >= 0 ? state : outputLink[state]; o >= 0; o = outputLink[o]) {
        int word = wordAt[o];
        sink.match(word, i + 1 - wordLength[word], i + 1);
      }
    }
  }

  /** The number of nodes, for diagnostics. */
  public int size() {
    return fail.length;
  }
}
