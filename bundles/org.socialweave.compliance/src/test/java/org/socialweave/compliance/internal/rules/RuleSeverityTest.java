package org.socialweave.compliance.internal.rules;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.socialweave.api.compliance.CheckContext;
import org.socialweave.api.compliance.CheckSubject;
import org.socialweave.api.compliance.ContentCheck;
import org.socialweave.api.compliance.Finding;
import org.socialweave.api.compliance.Severity;
import org.socialweave.compliance.internal.AllChecks;
import org.socialweave.compliance.internal.words.SensitiveWords;

/**
 * The severities the rule files promise (see their comments and the README's check table), checked
 * over every check of the bundle, so another check cannot block what one rule only notes.
 */
public class RuleSeverityTest {

  private static final List<ContentCheck> CHECKS =
      AllChecks.create(workspace -> SensitiveWords.none());

  private static List<Finding> findings(String text) {
    List<Finding> all = new ArrayList<>();
    for (ContentCheck check : CHECKS) {
      all.addAll(check.check(CheckSubject.ofText(text), new CheckContext("severities")));
    }
    return all;
  }

  /** The one finding of the text; fails when there are none or several. */
  private static Finding only(String text) {
    List<Finding> found = findings(text);
    assertEquals(text + ": " + found, 1, found.size());
    return found.get(0);
  }

  @Test
  public void aGenericMostPhraseIsAWarningThatNeedsReviewInContext() {
    Finding most = only("这款面霜最滋润");
    assertEquals("ad-law.absolute.most", most.ruleId());
    assertEquals("最", most.matched());
    assertEquals(Severity.WARN, most.severity());
    assertTrue(most.needsReview());
    // A listed superlative next to it is plainly banned: a block, no review.
    Finding best = only("全网最佳面霜");
    assertEquals(Severity.BLOCK, best.severity());
    assertFalse(best.needsReview());
  }

  @Test
  public void theBrandsOwnHistoryIsAnInfoNoteForReviewNeitherSilentNorBlocking() {
    for (String history : List.of("1998年首家门店在上海开业", "公司创立时的第一家工厂", "我们的第一家门店开在1998年")) {
      Finding note = only(history);
      assertEquals(history, Severity.INFO, note.severity());
      assertTrue(history, note.needsReview());
      assertTrue(history, note.explanationEn().startsWith("Looks like a description of the brand"));
    }
    // Without the history the same words are claims.
    assertEquals(Severity.WARN, only("首家门店在上海开业").severity());
    assertEquals(Severity.BLOCK, only("行业里的第一家工厂").severity());
  }

  @Test
  public void aClimateNeutralProductClaimBasedOnOffsettingBlocks() {
    for (String offset :
        List.of(
            "Our sneakers are climate neutral: we offset every tonne of CO2.",
            "Carbon neutral coffee, thanks to offsetting projects",
            "本款T恤已实现碳中和，排放全部通过购买碳汇抵消",
            // The cue is matched folded, like the terms: traditional, full-width, hyphenated.
            "本款T恤已實現碳中和，排放全部透過碳權抵銷",
            "Climate neutral sneakers: every tonne ＯＦＦＳＥＴ",
            "Carbon-neutral delivery (we off-set the rest)")) {
      List<Finding> found = findings(offset);
      Finding claim =
          found.stream()
              .filter(f -> f.ruleId().equals("eu.green.offsetting"))
              .findFirst()
              .orElseThrow(() -> new AssertionError(offset + ": " + found));
      assertEquals(offset, Severity.BLOCK, claim.severity());
      assertFalse(offset, claim.needsReview());
    }
    // Without offsetting the claim may rest on the product's own reductions: a person looks.
    Finding unproven = only("Our new sneakers are climate neutral.");
    assertEquals(Severity.WARN, unproven.severity());
    assertTrue(unproven.needsReview());
  }
}
