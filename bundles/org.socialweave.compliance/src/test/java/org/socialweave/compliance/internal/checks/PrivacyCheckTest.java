package org.socialweave.compliance.internal.checks;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;
import org.socialweave.api.compliance.CheckContext;
import org.socialweave.api.compliance.CheckSubject;
import org.socialweave.api.compliance.Finding;
import org.socialweave.api.compliance.Severity;

public class PrivacyCheckTest {

  private final PrivacyCheck check = new PrivacyCheck();

  private List<Finding> run(String text) {
    return check.check(CheckSubject.ofText(text), new CheckContext(null));
  }

  @Test
  public void residentIdNeedsTheMod112CheckCharacter() {
    assertTrue(PrivacyCheck.validResidentId("11010519491231002X"));
    assertFalse(PrivacyCheck.validResidentId("110105194912310021"));
    List<Finding> findings = run("身份证：11010519491231002X。");
    assertEquals(1, findings.size());
    Finding f = findings.get(0);
    assertEquals("privacy.resident-id", f.ruleId());
    assertEquals(Severity.BLOCK, f.severity());
    assertEquals(4, f.start());
    assertEquals(22, f.end());
    assertTrue(f.suggestion(), f.suggestion().contains("110105********002X"));
    assertEquals("the mask is the one-click rewrite", "110105********002X", f.rewrite());
  }

  @Test
  public void bankCardsNeedTheLuhnCheck() {
    assertTrue(PrivacyCheck.luhn("4111111111111111"));
    assertFalse(PrivacyCheck.luhn("4111111111111112"));
    assertEquals("privacy.bank-card", run("卡号 4111 1111 1111 1111").get(0).ruleId());
    assertEquals(List.of(), run("订单 4111 1111 1111 1112"));
  }

  @Test
  public void mobileNumbersEmailsAndAddressesAskForReview() {
    List<Finding> findings =
        run("电话 +86 138-1234-5678，邮件 a.b@example.com.cn，地址 北京市朝阳区建国路88号3栋502室");
    assertEquals(
        List.of("privacy.mobile", "privacy.email", "privacy.address"),
        findings.stream().map(Finding::ruleId).toList());
    assertTrue(findings.stream().allMatch(Finding::needsReview));
    assertEquals("a.b@example.com.cn", findings.get(1).matched());
    assertEquals("北京市朝阳区建国路88号3栋502室", findings.get(2).matched());
  }

  @Test
  public void hotlinesDatesAndPricesAreNotPersonalData() {
    assertEquals(List.of(), run("热线 400-820-8820，2024年12月31日前，仅售13800元，邮编100020"));
  }
}
