package org.socialweave.compliance.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.socialweave.api.compliance.CheckContext;
import org.socialweave.api.compliance.CheckSubject;
import org.socialweave.api.compliance.ContentCheck;
import org.socialweave.api.compliance.Finding;
import org.socialweave.api.compliance.Severity;
import org.socialweave.compliance.internal.rules.AbsoluteTermsCheck;
import org.socialweave.compliance.internal.rules.TermCheck;
import org.socialweave.compliance.internal.text.FoldedText;
import org.socialweave.compliance.internal.text.OutermostMatches;
import org.socialweave.compliance.internal.text.WordAutomaton;
import org.socialweave.compliance.internal.words.SensitiveWords;

/** Empty, huge, broken and unusual texts: findings where they belong, no crash, linear time. */
public class BadInputTest {

  private final SensitiveWords words =
      SensitiveWords.compile(
          List.of(
              new SensitiveWords.Source(
                  "banned", Severity.BLOCK, List.of("赌博", "a.b*c", "(x)", "[ad]", "\\d+"))));
  private final List<ContentCheck> checks = AllChecks.create(ws -> words);

  private List<Finding> run(String text) {
    CheckSubject subject = CheckSubject.ofText(text);
    CheckContext context = new CheckContext("ws");
    return checks.stream().flatMap(c -> c.check(subject, context).stream()).toList();
  }

  @Test
  public void anEmptyTextHasNoFindings() {
    assertEquals(List.of(), run(""));
  }

  @Test
  public void spansPointIntoTheOriginalTextAcrossSeparatorsAndSurrogates() {
    String text = "😀 真的是最\u200b佳！";
    Finding f = run(text).stream().filter(x -> x.ruleId().startsWith("ad-law")).findFirst().get();
    assertEquals("最\u200b佳", text.substring(f.start(), f.end()));
    assertEquals(f.matched(), text.substring(f.start(), f.end()));
  }

  @Test
  public void loneSurrogatesAreSkippedLikeSeparators() {
    String text = "最\uD800佳 and \uDC00赌\uDBFF博";
    List<Finding> findings = run(text);
    assertTrue(findings.stream().anyMatch(f -> f.matched().equals("最\uD800佳")));
    assertTrue(findings.stream().anyMatch(f -> f.matched().equals("赌\uDBFF博")));
  }

  @Test
  public void rightToLeftAndMixedScriptsAreMatchedInLogicalOrder() {
    String text = "\u202Bمرحبا\u202C 最\u200F佳 שלום best עברית";
    List<Finding> findings = run(text);
    assertTrue(findings.stream().anyMatch(f -> f.matched().equals("最\u200F佳")));
    assertTrue(findings.stream().anyMatch(f -> f.matched().equals("best")));
  }

  @Test
  public void regexLikeWordsAreLiteral() {
    assertTrue(run("a.b*c").stream().anyMatch(f -> f.ruleId().equals("words.banned")));
    assertTrue(run("(x)").stream().anyMatch(f -> f.ruleId().equals("words.banned")));
    assertFalse(run("axbc and 123").stream().anyMatch(f -> f.ruleId().equals("words.banned")));
  }

  @Test
  public void aMegabyteTextIsCheckedInLinearTime() {
    String chunk = "最近很忙，第一次来，我们的产品好用，电话 13812345678，赌 博 不要碰。The best deal! ";
    StringBuilder big = new StringBuilder();
    while (big.length() < 1_000_000) {
      big.append(chunk);
    }
    run(chunk); // load the classes first
    long started = System.nanoTime();
    List<Finding> findings = run(big.toString());
    long millis = (System.nanoTime() - started) / 1_000_000;
    int copies = big.length() / chunk.length();
    Map<String, Long> byCategory =
        findings.stream()
            .filter(f -> f.severity() != Severity.INFO)
            .collect(
                java.util.stream.Collectors.groupingBy(
                    Finding::category, java.util.stream.Collectors.counting()));
    long capped = Math.min(copies, ContentCheck.MAX_FINDINGS);
    assertEquals(
        Map.of("sensitive-words", capped, "substantiation", capped, "privacy", (long) copies),
        byCategory);
    // Generous for a shared two-core machine; a quadratic algorithm would need minutes.
    assertTrue("1 MB took " + millis + " ms", millis < 10_000);
  }

  @Test
  public void deeplyNestedWordsStayLinear() {
    StringBuilder word = new StringBuilder();
    List<String> nested = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      nested.add(word.append('a').toString());
    }
    WordAutomaton automaton = WordAutomaton.build(nested);
    FoldedText text = FoldedText.of("a".repeat(200_000));
    OutermostMatches matches = OutermostMatches.scan(automaton, text);
    // Every match of 100 a's is a word boundary only at the ends: none fits inside "aaa...".
    assertEquals(0, matches.size());
    FoldedText spaced = FoldedText.of("aaa ".repeat(50_000));
    matches = OutermostMatches.scan(automaton, spaced);
    assertEquals(50_000, matches.size());
  }

  private List<Finding> runWithExemptions(String text, String exemptions) {
    CheckSubject subject = CheckSubject.ofText(text);
    CheckContext context =
        new CheckContext(
            "ws", Map.of(AbsoluteTermsCheck.ID, Map.of(TermCheck.EXEMPTIONS, exemptions)));
    return checks.stream().flatMap(c -> c.check(subject, context).stream()).toList();
  }

  @Test
  public void regexLikeExemptionPhrasesAreLiteral() {
    String exemptions = ".*\n(第一)+\n[最]\n\\d+";
    assertTrue(
        "'.*' exempts nothing but itself",
        runWithExemptions("我们是第一", exemptions).stream()
            .anyMatch(f -> f.ruleId().startsWith("ad-law.absolute")));
    assertFalse(
        runWithExemptions("(第一)+", exemptions).stream()
            .anyMatch(f -> f.ruleId().startsWith("ad-law.absolute")));
  }

  @Test
  public void aMegabyteTextWithAThousandExemptionsStaysLinear() {
    StringBuilder phrases = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      phrases.append("第一").append(Integer.toString(i, 36)).append("号店\n");
    }
    String chunk = "第一z号店开业，我们是第一，最近很忙。";
    String big = chunk.repeat(1_000_000 / chunk.length());
    runWithExemptions(chunk, phrases.toString());
    long started = System.nanoTime();
    long found =
        runWithExemptions(big, phrases.toString()).stream()
            .filter(f -> f.ruleId().startsWith("ad-law.absolute"))
            .count();
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertEquals("the standalone 第一s, up to the cap", ContentCheck.MAX_FINDINGS, found);
    assertEquals(
        "the exempt 第一z号店 is not reported",
        List.of("第一"),
        runWithExemptions(chunk, phrases.toString()).stream()
            .filter(f -> f.ruleId().startsWith("ad-law.absolute"))
            .map(Finding::matched)
            .toList());
    assertTrue("1 MB took " + millis + " ms", millis < 10_000);
  }

  @Test
  public void aMegabyteOfOneTermEverywhereStaysBounded() {
    String big = "最".repeat(1_000_000);
    long started = System.nanoTime();
    List<Finding> findings = run(big);
    long millis = (System.nanoTime() - started) / 1_000_000;
    long absolute = findings.stream().filter(f -> f.ruleId().startsWith("ad-law.absolute")).count();
    assertEquals("reported up to the cap", ContentCheck.MAX_FINDINGS, absolute);
    assertTrue("1 MB of 最 took " + millis + " ms", millis < 10_000);
  }
}
