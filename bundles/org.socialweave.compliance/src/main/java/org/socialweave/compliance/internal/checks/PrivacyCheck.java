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

  /** A road and house number; the place name before it is added by {@link #withPlaceName}. */
  private static final Pattern ADDRESS_ZH =
      Pattern.compile(
          "(?<=\\p{IsHan})(?:路|街|大道|巷|弄|胡同)[0-9]{1,5}(?:号|弄)(?:[0-9]{1,4}(?:号楼|栋|幢|座|单元|室|楼)){0,3}");

  /** The last characters of the road words of {@link #ADDRESS_ZH}. */
  private static final String ROAD_ENDINGS = "路街道巷弄同";

  /** The most Chinese characters of place name taken before a road. */
  private static final int PLACE_NAME = 12;

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
    List<int[]> digits = new ArrayList<>();
    List<int[]> ats = new ArrayList<>();
    anchors(text, digits, ats);
    if (digits.isEmpty() && ats.isEmpty()) {
      return;
    }
    List<int[]> ids = new ArrayList<>();
    for (int[] m : matches(ID_NUMBER, text, digits, 17, 0, 1)) {
      String id = text.substring(m[0], m[1]);
      if (validResidentId(id)) {
        ids.add(m);
        findings.add(
            finding(
                "privacy.resident-id",
                Severity.BLOCK,
                text,
                m,
                inTitle,
                "公开内容中出现居民身份证号码，属于敏感个人信息，发布前必须删除或脱敏。",
                "A PRC resident ID number is sensitive personal information; remove or mask it before"
                    + " publishing.",
                BASIS_SENSITIVE,
                mask(id, 6, 4),
                false));
      }
    }
    for (int[] m : matches(CARD, text, digits, 13, 0, 0)) {
      String number = digitsOf(text, m);
      if (number.length() <= 19 && luhn(number) && !overlaps(ids, m)) {
        findings.add(
            finding(
                "privacy.bank-card",
                Severity.BLOCK,
                text,
                m,
                inTitle,
                "公开内容中出现银行卡号（通过 Luhn 校验），属于金融账户信息，发布前必须删除或脱敏。",
                "A payment card number (Luhn-valid) is financial account data; remove or mask it"
                    + " before publishing.",
                BASIS_SENSITIVE,
                mask(number, 0, 4),
                false));
      }
    }
    for (int[] m : matches(MOBILE, text, digits, 11, 4, 0)) {
      findings.add(
          finding(
              "privacy.mobile",
              Severity.WARN,
              text,
              m,
              inTitle,
              "公开内容中出现手机号码。如为个人号码，公开前需取得本人同意；品牌客服电话可忽略。",
              "A mainland mobile number. If it is a person's number, publishing it needs their"
                  + " consent; a brand's service line is fine.",
              BASIS_PII,
              mask(digitsOf(text, m), 3, 4),
              true));
    }
    for (int[] m : matches(EMAIL, text, ats, 0, 65, 600)) {
      findings.add(
          finding(
              "privacy.email",
              Severity.WARN,
              text,
              m,
              inTitle,
              "公开内容中出现电子邮箱地址。如为个人邮箱，公开前需取得本人同意。",
              "An e-mail address. If it is a person's address, publishing it needs their consent.",
              BASIS_PII,
              null,
              true));
    }
    // Addresses only where a road word ends right before the number, or a capitalised word
    // follows it: most digit runs are neither, and skip both patterns.
    List<int[]> afterRoad =
        digits.stream()
            .filter(r -> r[0] > 0 && ROAD_ENDINGS.indexOf(text.charAt(r[0] - 1)) >= 0)
            .toList();
    List<int[]> beforeWord =
        digits.stream()
            .filter(
                r ->
                    r[1] + 1 < text.length()
                        && text.charAt(r[1]) == ' '
                        && Character.isUpperCase(text.charAt(r[1] + 1)))
            .toList();
    for (int[] m : matches(ADDRESS_ZH, text, afterRoad, 1, 2, 24)) {
      findings.add(address(text, new int[] {withPlaceName(text, m[0]), m[1]}, inTitle));
    }
    for (int[] m : matches(ADDRESS_EN, text, beforeWord, 1, 0, 110)) {
      findings.add(address(text, m, inTitle));
    }
  }

  private static String digitsOf(String text, int[] span) {
    StringBuilder out = new StringBuilder(span[1] - span[0]);
    for (int i = span[0]; i < span[1]; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Where the run of up to {@value #PLACE_NAME} Chinese characters before {@code road} starts. */
  private static int withPlaceName(String text, int road) {
    int start = road;
    while (start > 0
        && road - start < PLACE_NAME
        && Character.UnicodeScript.of(text.charAt(start - 1)) == Character.UnicodeScript.HAN) {
      start--;
    }
    return start;
  }

  private static Finding address(String text, int[] span, boolean inTitle) {
    return finding(
        "privacy.address",
        Severity.WARN,
        text,
        span,
        inTitle,
        "公开内容中出现详细地址（门牌号）。如为个人住址，公开前需取得本人同意；门店地址可忽略。",
        "A street address with a house number. If it is where a person lives, publishing it"
            + " needs their consent; a shop's address is fine.",
        BASIS_PII,
        null,
        true);
  }

  /**
   * The digit runs of {@code text} (digits with single spaces or dashes between them) and its
   * {@code @} signs, in one pass.
   */
  private static void anchors(String text, List<int[]> digits, List<int[]> ats) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '@') {
        ats.add(new int[] {i, i + 1, 0});
        i++;
      } else if (c >= '0' && c <= '9') {
        int start = i;
        int count = 1;
        i++;
        while (i < n) {
          char d = text.charAt(i);
          if (d >= '0' && d <= '9') {
            i++;
            count++;
          } else if ((d == ' ' || d == '-')
              && i + 1 < n
              && text.charAt(i + 1) >= '0'
              && text.charAt(i + 1) <= '9') {
            i += 2;
            count++;
          } else {
            break;
          }
        }
        digits.add(new int[] {start, i, count});
      } else {
        i++;
      }
    }
  }

  /**
   * The spans matched by {@code pattern} in windows of {@code before} and {@code after} characters
   * around each anchor with at least {@code minDigits} digits, each once (lookarounds see past the
   * window). The digit runs and {@code @} signs of {@link #anchors}; a run of digits with single
   * separators is where every digit pattern must lie.
   */
  private static List<int[]> matches(
      Pattern pattern, String text, List<int[]> anchors, int minDigits, int before, int after) {
    List<int[]> found = new ArrayList<>();
    Matcher m = null;
    int acceptedUntil = 0;
    for (int[] anchor : anchors) {
      if (anchor[2] < minDigits) {
        continue;
      }
      int from = Math.max(acceptedUntil, anchor[0] - before);
      int to = Math.min(text.length(), anchor[1] + after);
      if (from >= to) {
        continue;
      }
      if (m == null) {
        m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
      }
      m.region(from, to);
      while (m.find()) {
        acceptedUntil = m.end();
        found.add(new int[] {m.start(), m.end()});
      }
    }
    return found;
  }

  private static boolean overlaps(List<int[]> spans, int[] m) {
    for (int[] s : spans) {
      if (m[0] < s[1] && s[0] < m[1]) {
        return true;
      }
    }
    return false;
  }

  private static Finding finding(
      String rule,
      Severity severity,
      String text,
      int[] span,
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
        span[0],
        span[1],
        inTitle,
        text.substring(span[0], span[1]),
        zh,
        en,
        basis,
        suggestion == null ? null : "脱敏为 / mask as " + suggestion,
        review,
        suggestion);
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
