package org.socialweave.compliance.internal.words;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socialweave.api.compliance.Severity;
import org.socialweave.compliance.internal.text.FoldedText;
import org.socialweave.compliance.internal.text.WordAutomaton;

/**
 * A workspace's word lists compiled into one automaton: every word of every list is found in one
 * pass over the folded text. A word in several lists is one entry that names all of them and takes
 * the most serious severity.
 */
public final class SensitiveWords {

  /** What a word of the automaton stands for. */
  public record Entry(String word, Severity severity, List<String> lists) {}

  /** The lists of a workspace, as the store reads them. */
  public record Source(String list, Severity severity, List<String> words) {}

  private static final SensitiveWords NONE = new SensitiveWords(List.of(), WordAutomaton.empty());

  private final List<Entry> entries;
  private final WordAutomaton automaton;

  private SensitiveWords(List<Entry> entries, WordAutomaton automaton) {
    this.entries = entries;
    this.automaton = automaton;
  }

  public static SensitiveWords none() {
    return NONE;
  }

  public static SensitiveWords compile(List<Source> sources) {
    if (sources.isEmpty()) {
      return NONE;
    }
    Map<String, Entry> byFolded = new LinkedHashMap<>();
    for (Source source : sources) {
      for (String word : source.words()) {
        String folded = FoldedText.foldWord(word);
        if (folded.isEmpty()) {
          continue;
        }
        Entry known = byFolded.get(folded);
        if (known == null) {
          byFolded.put(folded, new Entry(word, source.severity(), List.of(source.list())));
        } else if (!known.lists().contains(source.list())) {
          List<String> lists = new ArrayList<>(known.lists());
          lists.add(source.list());
          Severity severity =
              source.severity().compareTo(known.severity()) < 0
                  ? source.severity()
                  : known.severity();
          byFolded.put(folded, new Entry(known.word(), severity, List.copyOf(lists)));
        }
      }
    }
    return new SensitiveWords(
        List.copyOf(byFolded.values()), WordAutomaton.build(List.copyOf(byFolded.keySet())));
  }

  public int size() {
    return entries.size();
  }

  public Entry entry(int index) {
    return entries.get(index);
  }

  public WordAutomaton automaton() {
    return automaton;
  }
}
