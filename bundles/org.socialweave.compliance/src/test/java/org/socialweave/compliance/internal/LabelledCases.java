package org.socialweave.compliance.internal;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialweave.api.compliance.Categories;
import org.socialweave.api.compliance.CheckContext;
import org.socialweave.api.compliance.CheckSubject;
import org.socialweave.api.compliance.ContentCheck;
import org.socialweave.api.compliance.Finding;
import org.socialweave.api.compliance.Severity;
import org.socialweave.compliance.internal.words.SensitiveWords;

/**
 * A labelled case file run through every check of the bundle: precision and recall of "should be
 * flagged" per category, where a case is flagged when a check reports a {@link Severity#BLOCK} or
 * {@link Severity#WARN} finding of the case's category. The file format: {@code category <TAB> 1|0
 * <TAB> text}, {@code #} comment lines, {@code \}{@code uXXXX} unescaped in texts; disclosure cases
 * are checked as sponsored posts, sensitive-words cases with the list in {@code
 * sensitive-words.txt}.
 */
final class LabelledCases {

  private static final Logger LOG = LoggerFactory.getLogger(LabelledCases.class);
  private static final Pattern ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");
  static final double TARGET = 0.95;

  record Case(String category, boolean flagged, String text) {}

  record Score(int tp, int fp, int fn, int tn) {
    double precision() {
      return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
    }

    double recall() {
      return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
    }
  }

  final List<Case> cases;
  final Map<String, Score> scores = new TreeMap<>();
  final List<String> misses = new ArrayList<>();

  private LabelledCases(List<Case> cases) {
    this.cases = cases;
  }

  /** Reads {@code resource} beside this class and runs every case through every check. */
  static LabelledCases evaluate(String resource) throws IOException {
    LabelledCases set = new LabelledCases(read(resource));
    SensitiveWords words =
        SensitiveWords.compile(
            List.of(
                new SensitiveWords.Source(
                    "banned",
                    Severity.BLOCK,
                    ComplianceServiceImpl.parseLines(text("sensitive-words.txt")))));
    List<ContentCheck> checks = AllChecks.create(workspace -> words);
    Map<String, int[]> counts = new TreeMap<>();
    for (Case c : set.cases) {
      boolean sponsored = c.category().equals(Categories.DISCLOSURE);
      CheckSubject subject = new CheckSubject(c.text(), null, null, sponsored, List.of(), null);
      CheckContext context = new CheckContext("quality");
      boolean flagged = false;
      for (ContentCheck check : checks) {
        for (Finding f : check.check(subject, context)) {
          flagged |= f.category().equals(c.category()) && f.severity() != Severity.INFO;
        }
      }
      int[] n = counts.computeIfAbsent(c.category(), k -> new int[4]);
      n[(c.flagged() ? 0 : 2) + (flagged == c.flagged() ? 0 : 1)]++;
      if (flagged != c.flagged()) {
        set.misses.add(c.category() + (c.flagged() ? " missed: " : " false alarm: ") + c.text());
      }
    }
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      int[] n = e.getValue();
      // n = {tp, fn, tn, fp}
      set.scores.put(e.getKey(), new Score(n[0], n[3], n[1], n[2]));
    }
    set.log(resource);
    return set;
  }

  private void log(String resource) {
    LOG.info("{} quality ({} cases):\n{}", resource, cases.size(), table());
    for (String miss : misses) {
      LOG.info("  {}", miss);
    }
  }

  /** The figures of every category as a Markdown table, the form the README shows them in. */
  String table() {
    StringBuilder table =
        new StringBuilder(
            "| category | cases | precision | recall | tp | fp | fn | tn |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Map.Entry<String, Score> e : scores.entrySet()) {
      Score s = e.getValue();
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.3f | %.3f | %d | %d | %d | %d |%n",
              e.getKey(),
              s.tp() + s.fp() + s.fn() + s.tn(),
              s.precision(),
              s.recall(),
              s.tp(),
              s.fp(),
              s.fn(),
              s.tn()));
    }
    return table.toString();
  }

  /** Fails unless the category reaches {@link #TARGET} in precision and in recall. */
  void assertTarget(String category) {
    Score s = scores.get(category);
    String figures =
        String.format(
            "%s: precision %.3f, recall %.3f (tp %d, fp %d, fn %d); misses: %s",
            category,
            s.precision(),
            s.recall(),
            s.tp(),
            s.fp(),
            s.fn(),
            misses.stream().filter(m -> m.startsWith(category + " ")).toList());
    assertTrue(figures, s.precision() >= TARGET);
    assertTrue(figures, s.recall() >= TARGET);
  }

  private static List<Case> read(String resource) throws IOException {
    List<Case> all = new ArrayList<>();
    for (String line : text(resource).split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\t", 3);
      all.add(new Case(parts[0], parts[1].equals("1"), unescape(parts[2])));
    }
    return all;
  }

  private static String unescape(String text) {
    Matcher m = ESCAPE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String text(String name) throws IOException {
    try (InputStream in = LabelledCases.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
