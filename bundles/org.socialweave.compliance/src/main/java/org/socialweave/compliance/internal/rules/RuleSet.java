package org.socialweave.compliance.internal.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.socialweave.api.compliance.Severity;
import org.socialweave.compliance.internal.text.FoldedText;
import org.socialweave.compliance.internal.text.WordAutomaton;

/**
 * The rules and terms of one check, read from a rule file beside the check's class, compiled into
 * one automaton with the check's exemptions. The file format, one directive or term per line:
 *
 * <pre>
 * # a comment
 * &#64;rule ad-law.absolute.best absolute-terms BLOCK [review] [history] [negatable]
 * &#64;zh 中文解释
 * &#64;en English explanation
 * &#64;basis the law, optional
 * &#64;suggest a rewrite, optional
 * &#64;escalate a regular expression over the folded text (see FoldedText), optional
 * 最佳           (a term of the rule above)
 * 最好 =&gt; 优质   (a term with its one-click rewrite; nothing after =&gt; removes the term)
 * &#64;exempt
 * 最近           (an exemption: a use that contains a term but is allowed)
 * \#1           (a backslash keeps a term that starts with # or @ from being read as such)
 * </pre>
 */
final class RuleSet {

  /** What a word of the automaton stands for: a term of a rule, or an exemption. */
  record Entry(String word, Rule rule, String rewrite) {
    boolean exempt() {
      return rule == null;
    }
  }

  /** Between a term and its rewrite. */
  static final String REWRITE = "=>";

  final List<Entry> entries;
  final WordAutomaton automaton;

  private RuleSet(List<Entry> entries) {
    this.entries = entries;
    this.automaton =
        WordAutomaton.build(entries.stream().map(e -> FoldedText.foldWord(e.word())).toList());
  }

  static RuleSet load(Class<?> owner, String resource) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("rule file missing: " + resource);
      }
      return parse(
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList(),
          resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RuleSet parse(List<String> lines, String source) {
    List<Entry> entries = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    RuleBuilder current = null;
    boolean exempt = false;
    int number = 0;
    for (String raw : lines) {
      number++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("@")) {
        int space = line.indexOf(' ');
        String directive = space < 0 ? line : line.substring(0, space);
        String value = space < 0 ? "" : line.substring(space + 1).strip();
        switch (directive) {
          case "@rule" -> {
            current = RuleBuilder.of(value, source, number);
            exempt = false;
          }
          case "@exempt" -> exempt = true;
          case "@zh" -> required(current, source, number).zh = value;
          case "@en" -> required(current, source, number).en = value;
          case "@basis" -> required(current, source, number).basis = value;
          case "@suggest" -> required(current, source, number).suggestion = value;
          case "@escalate" -> required(current, source, number).escalation = Pattern.compile(value);
          default -> throw new IllegalStateException(source + ":" + number + ": " + directive);
        }
        continue;
      }
      String rewrite = null;
      int arrow = exempt ? -1 : line.indexOf(REWRITE);
      if (arrow > 0) {
        rewrite = line.substring(arrow + REWRITE.length()).strip();
        line = line.substring(0, arrow).strip();
      }
      if (line.startsWith("\\")) {
        line = line.substring(1);
      }
      String folded = FoldedText.foldWord(line);
      if (folded.isEmpty() || !seen.add(folded)) {
        throw new IllegalStateException(source + ":" + number + ": empty or repeated: " + line);
      }
      Rule rule = exempt ? null : required(current, source, number).build();
      entries.add(new Entry(line, rule, rewrite));
      // Ordinals are written with Arabic digits as often as with 一: 第1 (and full-width 第１,
      // which folds to it) means what 第一 means, in terms and in exemptions alike.
      String digits = line.replace("第一", "第1");
      if (!digits.equals(line) && seen.add(FoldedText.foldWord(digits))) {
        entries.add(new Entry(digits, rule, rewrite));
      }
    }
    return new RuleSet(List.copyOf(entries));
  }

  private static RuleBuilder required(RuleBuilder rule, String source, int number) {
    if (rule == null) {
      throw new IllegalStateException(source + ":" + number + ": no @rule before this line");
    }
    return rule;
  }

  private static final class RuleBuilder {
    String id;
    String category;
    Severity severity;
    boolean review;
    boolean history;
    boolean negatable;
    String zh;
    String en;
    String basis;
    String suggestion;
    Pattern escalation;
    Rule built;

    static RuleBuilder of(String value, String source, int number) {
      String[] parts = value.split("\\s+");
      if (parts.length < 3) {
        throw new IllegalStateException(source + ":" + number + ": @rule id category SEVERITY");
      }
      RuleBuilder b = new RuleBuilder();
      b.id = parts[0];
      b.category = parts[1];
      b.severity = Severity.valueOf(parts[2].toUpperCase(Locale.ROOT));
      for (int i = 3; i < parts.length; i++) {
        switch (parts[i]) {
          case "review" -> b.review = true;
          case "history" -> b.history = true;
          case "negatable" -> b.negatable = true;
          default -> throw new IllegalStateException(source + ":" + number + ": " + parts[i]);
        }
      }
      return b;
    }

    Rule build() {
      if (built == null) {
        if (zh == null || en == null) {
          throw new IllegalStateException("rule " + id + " needs @zh and @en");
        }
        built =
            new Rule(
                id,
                category,
                severity,
                review,
                history,
                negatable,
                escalation,
                zh,
                en,
                basis,
                suggestion);
      }
      return built;
    }
  }
}
