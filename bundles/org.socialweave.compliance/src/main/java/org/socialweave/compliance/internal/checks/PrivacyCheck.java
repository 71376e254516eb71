package org.socialweave.compliance.internal.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
import org.socialweave.api.compliance.Categories;
import org.socialweave.api.compliance.CheckContext;
import org.socialweave.api.compliance.CheckSubject;
import org.socialweave.api.compliance.ContentCheck;
import org.socialweave.api.compliance.Finding;
import org.socialweave.api.compliance.Severity;

/**
 * Personal data in public content. Each pattern is bounded (no nested repetition), so matching is
 * linear in the text. The heuristics:
 *
 * <ul>
 *   <li>mainland mobile numbers: 11 digits {@code 1[3-9]x xxxx xxxx}, optionally {@code +86}, with
 *       single spaces or dashes between the groups, not inside a longer number;
 *   <li>resident ID numbers: 18 characters (region, a birth date from 1900 on, sequence, check
 *       character) whose ISO 7064 MOD 11-2 check character is right;
 *   <li>bank cards: 13 to 19 digits, optionally grouped by spaces or dashes, that pass the Luhn
 *       check and are not an ID number;
 *   <li>e-mail addresses;
 *   <li>street addresses: Chinese road/street/lane names followed by a house number and 号 (with an
 *       optional building, unit or room), and English house number + one to four capitalised words
 *       + a street type (Street, Ave, Road, ...).
 * </ul>
 *
 * A brand's own hotline or shop address is legitimate, so only ID numbers and bank cards block; the
 * rest asks for review.
 */
@Component(
    service = ContentCheck.class,
    property = ContentCheck.CHECK_PROPERTY + "=" + PrivacyCheck.ID)
public class PrivacyCheck implements ContentCheck {

  public static final String ID = "privacy";

  private static final String BASIS_PII =
      "《中华人民共和国个人信息保护法》第十三条、第二十五条; GDPR Art. 6; CCPA (Cal. Civ. Code 1798.100)";
  private static final String BASIS_SENSITIVE =
      "《中华人民共和国个人信息保护法》第二十八条、第二十九条; GDPR Art. 6 and 9; CCPA 1798.121";

  private static final Pattern MOBILE =
      Pattern.compile("(?<![0-9])(?:\\+?86[ -]?)?1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])");
  private static final Pattern ID_NUMBER =
      Pattern.compile(
          "(?<![0-9A-Za-z])[1-9][0-9]{5}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9A-Za-z])");
  private static final Pattern CARD =
      Pattern.compile("(?<![0-9])[0-9]{4}(?:[ -]?[0-9]){9,15}(?![0-9])");
  private static final Pattern EMAIL =
      Pattern.compile(
          "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}+@(?:[A-Za-z0-9-]{1,63}\\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])");
  private static final Pattern ADDRESS_ZH =
      Pattern.compile(
          "[\\p{IsHan}]{1,12}(?:路|街|大道|巷|弄|胡同)[0-9]{1,5}(?:号|弄)(?:[0-9]{1,4}(?:号楼|栋|幢|座|单元|室|楼)){0,3}");
  private static final Pattern ADDRESS_EN =
      Pattern.compile(
          "(?<![0-9A-Za-z])[0-9]{1,5}(?: [A-Z][a-z]{1,20}){1,4} (?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl)\\b\\.?");

  private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] ID_CHECK = "10X98765432".toCharArray();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> categories() {
    return Set.of(Categories.PRIVACY);
  }

  @Override
  public List<Finding> check(CheckSubject subject, CheckContext context) {
    List<Finding> findings = new ArrayList<>();
    if (subject.title() != null) {
      scan(subject.title(), true, findings);
    }
    scan(subject.text(), false, findings);
    return findings;
  }

  private static void scan(String text, boolean inTitle, List<Finding> findings) {
    List<int[]> ids = new ArrayList<>();
    Matcher m = ID_NUMBER.matcher(text);
    while (m.find()) {
      if (validResidentId(m.group())) {
        ids.add(new int[] {m.start(), m.end()});
        findings.add(
            finding(
                "privacy.resident-id",
                Severity.BLOCK,
                m,
                inTitle,
                "公开内容中出现居民身份证号码，属于敏感个人信息，发布前必须删除或脱敏。",
                "A PRC resident ID number is sensitive personal information; remove or mask it before"
                    + " publishing.",
                BASIS_SENSITIVE,
                mask(m.group(), 6, 4),
                false));
      }
    }
    m = CARD.matcher(text);
    while (m.find()) {
      String digits = m.group().replaceAll("[ -]", "");
      if (digits.length() >= 13 && digits.length() <= 19 && luhn(digits) && !overlaps(ids, m)) {
        findings.add(
            finding(
                "privacy.bank-card",
                Severity.BLOCK,
                m,
                inTitle,
                "公开内容中出现银行卡号（通过 Luhn 校验），属于金融账户信息，发布前必须删除或脱敏。",
                "A payment card number (Luhn-valid) is financial account data; remove or mask it"
                    + " before publishing.",
                BASIS_SENSITIVE,
                mask(digits, 0, 4),
                false));
      }
    }
    m = MOBILE.matcher(text);
    while (m.find()) {
      findings.add(
          finding(
              "privacy.mobile",
              Severity.WARN,
              m,
              inTitle,
              "公开内容中出现手机号码。如为个人号码，公开前需取得本人同意；品牌客服电话可忽略。",
              "A mainland mobile number. If it is a person's number, publishing it needs their"
                  + " consent; a brand's service line is fine.",
              BASIS_PII,
              mask(m.group().replaceAll("[ -]", ""), 3, 4),
              true));
    }
    m = EMAIL.matcher(text);
    while (m.find()) {
      findings.add(
          finding(
              "privacy.email",
              Severity.WARN,
              m,
              inTitle,
              "公开内容中出现电子邮箱地址。如为个人邮箱，公开前需取得本人同意。",
              "An e-mail address. If it is a person's address, publishing it needs their consent.",
              BASIS_PII,
              null,
              true));
    }
    for (Pattern address : List.of(ADDRESS_ZH, ADDRESS_EN)) {
      m = address.matcher(text);
      while (m.find()) {
        findings.add(
            finding(
                "privacy.address",
                Severity.WARN,
                m,
                inTitle,
                "公开内容中出现详细地址（门牌号）。如为个人住址，公开前需取得本人同意；门店地址可忽略。",
                "A street address with a house number. If it is where a person lives, publishing it"
                    + " needs their consent; a shop's address is fine.",
                BASIS_PII,
                null,
                true));
      }
    }
  }

  private static boolean overlaps(List<int[]> spans, Matcher m) {
    for (int[] s : spans) {
      if (m.start() < s[1] && s[0] < m.end()) {
        return true;
      }
    }
    return false;
  }

  private static Finding finding(
      String rule,
      Severity severity,
      Matcher m,
      boolean inTitle,
      String zh,
      String en,
      String basis,
      String suggestion,
      boolean review) {
    return new Finding(
        rule,
        Categories.PRIVACY,
        severity,
        m.start(),
        m.end(),
        inTitle,
        m.group(),
        zh,
        en,
        basis,
        suggestion == null ? null : "脱敏为 / mask as " + suggestion,
        review);
  }

  /** ISO 7064 MOD 11-2 over the first 17 digits, as GB 11643-1999 defines the check character. */
  static boolean validResidentId(String id) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (id.charAt(i) - '0') * ID_WEIGHTS[i];
    }
    return Character.toUpperCase(id.charAt(17)) == ID_CHECK[sum % 11];
  }

  static boolean luhn(String digits) {
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  private static String mask(String value, int keepStart, int keepEnd) {
    if (value.length() <= keepStart + keepEnd) {
      return value;
    }
    return value.substring(0, keepStart)
        + "*".repeat(value.length() - keepStart - keepEnd)
        + value.substring(value.length() - keepEnd);
  }
}
