package org.socialweave.compliance.internal;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.BeforeClass;
import org.junit.Test;
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
 * Precision and recall of "should be flagged" per category on the labelled cases in {@code
 * cases.tsv}: a case is flagged when a check reports a {@link Severity#BLOCK} or {@link
 * Severity#WARN} finding of the case's category. Absolute terms and health claims must reach 0.95
 * on both; the figures of every category are logged.
 */
public class CaseSetQualityTest {

  private static final Logger LOG = LoggerFactory.getLogger(CaseSetQualityTest.class);
  private static final Pattern ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");
  private static final double TARGET = 0.95;

  record Case(String category, boolean flagged, String text) {}

  record Score(int tp, int fp, int fn, int tn) {
    double precision() {
      return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
    }

    double recall() {
      return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
    }
  }

  private static List<Case> cases;
  private static List<ContentCheck> checks;
  private static final Map<String, Score> scores = new TreeMap<>();
  private static final List<String> misses = new ArrayList<>();

  @BeforeClass
  public static void evaluate() throws IOException {
    cases = readCases();
    SensitiveWords words =
        SensitiveWords.compile(
            List.of(
                new SensitiveWords.Source(
                    "banned",
                    Severity.BLOCK,
                    ComplianceServiceImpl.parseLines(resource("sensitive-words.txt")))));
    checks = AllChecks.create(workspace -> words);
    Map<String, int[]> counts = new TreeMap<>();
    for (Case c : cases) {
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
        misses.add(c.category() + (c.flagged() ? " missed: " : " false alarm: ") + c.text());
      }
    }
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      int[] n = e.getValue();
      // n = {tp, fn, tn, fp}
      scores.put(e.getKey(), new Score(n[0], n[3], n[1], n[2]));
    }
    StringBuilder table =
        new StringBuilder("\ncategory            cases  precision  recall   tp  fp  fn  tn\n");
    for (Map.Entry<String, Score> e : scores.entrySet()) {
      Score s = e.getValue();
      table.append(
          String.format(
              "%-18s %6d  %9.3f  %6.3f  %3d %3d %3d %3d%n",
              e.getKey(),
              s.tp() + s.fp() + s.fn() + s.tn(),
              s.precision(),
              s.recall(),
              s.tp(),
              s.fp(),
              s.fn(),
              s.tn()));
    }
    LOG.info("Case set quality ({} cases):{}", cases.size(), table);
    for (String miss : misses) {
      LOG.info("  {}", miss);
    }
  }

  @Test
  public void theCaseSetHasAtLeast300CasesInChineseAndEnglish() {
    long chinese =
        cases.stream()
            .filter(c -> c.text().codePoints().anyMatch(Character::isIdeographic))
            .count();
    long english = cases.stream().filter(c -> c.text().matches("[\\x20-\\x7E]+")).count();
    assertTrue("cases: " + cases.size(), cases.size() >= 300);
    assertTrue("Chinese cases: " + chinese, chinese >= 150);
    assertTrue("English cases: " + english, english >= 60);
  }

  @Test
  public void absoluteTermsReachTheTarget() {
    assertTarget(Categories.ABSOLUTE_TERMS);
  }

  @Test
  public void healthClaimsReachTheTarget() {
    assertTarget(Categories.HEALTH_CLAIMS);
  }

  private static void assertTarget(String category) {
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

  private static List<Case> readCases() throws IOException {
    List<Case> all = new ArrayList<>();
    for (String line : resource("cases.tsv").split("\n")) {
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

  private static String resource(String name) throws IOException {
    try (InputStream in = CaseSetQualityTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
