package org.socialweave.compliance.internal;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import org.junit.BeforeClass;
import org.junit.Test;
import org.socialweave.api.compliance.Categories;

/**
 * Precision and recall on the labelled cases in {@code cases.tsv}, the set the checks were built
 * with. Absolute terms and health claims must reach 0.95 on both; the figures of every category are
 * logged.
 */
public class CaseSetQualityTest {

  private static LabelledCases set;

  @BeforeClass
  public static void evaluate() throws IOException {
    set = LabelledCases.evaluate("cases.tsv");
  }

  @Test
  public void theCaseSetHasAtLeast300CasesInChineseAndEnglish() {
    long chinese =
        set.cases.stream()
            .filter(c -> c.text().codePoints().anyMatch(Character::isIdeographic))
            .count();
    long english = set.cases.stream().filter(c -> c.text().matches("[\\x20-\\x7E]+")).count();
    assertTrue("cases: " + set.cases.size(), set.cases.size() >= 300);
    assertTrue("Chinese cases: " + chinese, chinese >= 150);
    assertTrue("English cases: " + english, english >= 60);
  }

  @Test
  public void absoluteTermsReachTheTarget() {
    set.assertTarget(Categories.ABSOLUTE_TERMS);
  }

  @Test
  public void healthClaimsReachTheTarget() {
    set.assertTarget(Categories.HEALTH_CLAIMS);
  }
}
