package org.socialweave.compliance.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.BeforeClass;
import org.junit.Test;
import org.socialweave.api.compliance.Categories;

/**
 * Precision and recall on the labelled cases in {@code cases.tsv}, the set the checks were built
 * with. Absolute terms and health claims must reach 0.95 on both; the figures of every category are
 * logged as the Markdown table in the README.
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

  @Test
  public void theTableHasOneRowOfFiguresPerCategoryWithItsCaseCount() {
    String table = set.table();
    Map<String, Long> cases =
        set.cases.stream()
            .collect(Collectors.groupingBy(LabelledCases.Case::category, Collectors.counting()));
    for (Map.Entry<String, Long> category : cases.entrySet()) {
      String row = "| " + category.getKey() + " | " + category.getValue() + " | ";
      assertTrue(table, table.lines().anyMatch(line -> line.startsWith(row)));
    }
    assertEquals(table, cases.size() + 2, table.lines().count());
  }
}
