package org.socialweave.compliance.internal.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.socialweave.api.compliance.CheckContext;
import org.socialweave.api.compliance.CheckParameter;
import org.socialweave.api.compliance.CheckSubject;
import org.socialweave.api.compliance.ContentCheck;
import org.socialweave.api.compliance.Finding;
import org.socialweave.api.compliance.Severity;
import org.socialweave.compliance.internal.text.FoldedText;
import org.socialweave.compliance.internal.text.OutermostMatches;
import org.socialweave.compliance.internal.text.Texts;

/**
 * A check driven by a rule file (see {@link RuleSet}): one automaton pass over the folded text
 * finds the terms and the exemptions together, then
 *
 * <ol>
 *   <li>a match inside a longer match is dropped, so {@code 最近} (an exemption) silences the {@code
 *       最} in it, and {@code 销量第一} is reported once rather than also as {@code 第一};
 *   <li>exemptions themselves report nothing;
 *   <li>a term the brand's history explains ({@code 1998年创立的第一家}) and a term inside quoted
 *       regulation text ({@code 广告法禁止“最佳”}) become {@link Severity#INFO} notes.
 * </ol>
 */
public abstract class TermCheck implements ContentCheck {

  /** How far before a term the history and regulation cues are looked for, in characters. */
  static final int CUE_WINDOW = 24;

  /** How far after a term a year ({@code 第一家门店开在1998年}) still tells of history. */
  static final int HISTORY_AFTER = 12;

  private static final Pattern HISTORY_CUE =
      Pattern.compile(
          "(?:19|20)\\d{2}\\s*年|创立|成立|创办|创建|始创|始于|诞生|当年|那年|起家|建厂|founded|since\\s+(?:19|20)\\d{2}|in\\s+(?:19|20)\\d{2}");

  private static final Pattern YEAR = Pattern.compile("(?:19|20)\\d{2}\\s*年|in\\s+(?:19|20)\\d{2}");

  private static final Pattern REGULATION_CUE =
      Pattern.compile(
          "广告法|法规|条例|规定|办法|第[一二三四五六七八九十百\\d]{1,4}条|禁止|不得|禁用|违禁|绝对化|prohibit|banned|forbid|regulation|directive");

  /** How far before a term a negation still governs it, in characters. */
  static final int NEGATION_WINDOW = 8;

  /**
   * Negations that deny what follows ({@code 不能代替药物治疗疾病}), ending the window or followed only by
   * letters: no clause punctuation between the negation and the term.
   */
  private static final Pattern NEGATION =
      Pattern.compile(
          "(?:不能|不可|不得|不会|不具有|不具备|并非|并不|不是|无法|没有|未经证实|cannot|does not)" + "[^，。！？；,.!?;\\n]*$");

  private static final Pattern QUOTE_OPEN = Pattern.compile("[“「『《\"']");

  private final String id;
  private final RuleSet rules;
  private final Set<String> categories;

  protected TermCheck(String id, String ruleFile) {
    this.id = id;
    this.rules = RuleSet.load(getClass(), ruleFile);
    Set<String> names = new LinkedHashSet<>();
    for (RuleSet.Entry e : rules.entries) {
      if (!e.exempt()) {
        names.add(e.rule().category());
      }
    }
    this.categories = Set.copyOf(names);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Set<String> categories() {
    return categories;
  }

  /** The workspace parameter with the workspace's own exempt phrases, one per line. */
  public static final String EXEMPTIONS = "exemptions";

  @Override
  public List<CheckParameter> parameters() {
    return List.of(
        new CheckParameter(
            EXEMPTIONS,
            CheckParameter.Type.WORDS,
            "Phrases that contain a term of this check but are fine in this workspace (a product"
                + " or place name), one per line; a term inside one of them is not reported",
            ""));
  }

  @Override
  public List<Finding> check(CheckSubject subject, CheckContext context) {
    List<Finding> findings = new ArrayList<>();
    String exemptions = context.parameter(id, EXEMPTIONS, "");
    FoldedText title = Texts.title(subject, context);
    if (title != null) {
      scan(title, true, exemptions, findings);
    }
    scan(Texts.text(subject, context), false, exemptions, findings);
    return findings;
  }

  private void scan(FoldedText text, boolean inTitle, String exemptions, List<Finding> findings) {
    OutermostMatches matches = OutermostMatches.scan(rules.automaton, text);
    if (matches.size() == 0) {
      return;
    }
    int[] exempt = WorkspaceExemptions.spans(exemptions, text);
    String lower = lowerCase(text.original());
    Map<Rule, Boolean> escalated = new HashMap<>();
    // Escalation cues are matched on the folded text, like the terms (抵銷 is 抵消, OFF-SET offset);
    // at most once per rule and text.
    int reported = 0;
    for (int i = 0; i < matches.size() && reported < MAX_FINDINGS; i++) {
      RuleSet.Entry entry = rules.entries.get(matches.word(i));
      if (entry.exempt()) {
        continue;
      }
      if (WorkspaceExemptions.covered(exempt, matches.originalStart(i), matches.originalEnd(i))) {
        continue;
      }
      Rule rule = entry.rule();
      boolean escalate =
          rule.escalation() != null
              && escalated.computeIfAbsent(rule, r -> r.escalation().matcher(text.folded()).find());
      reported++;
      findings.add(
          finding(
              rule,
              entry.rewrite(),
              text.original(),
              lower,
              matches.originalStart(i),
              matches.originalEnd(i),
              inTitle,
              escalate));
    }
  }

  private static Finding finding(
      Rule rule,
      String rewrite,
      String original,
      String lower,
      int start,
      int end,
      boolean inTitle,
      boolean escalated) {
    String matched = original.substring(start, end);
    String before = lower.substring(Math.max(0, start - CUE_WINDOW), start);
    String after = lower.substring(end, Math.min(lower.length(), end + HISTORY_AFTER));
    Severity severity = escalated ? Severity.BLOCK : rule.severity();
    String zh = rule.explanationZh();
    String en = rule.explanationEn();
    String suggestion = rule.suggestion();
    String replacement = rewrite;
    boolean review = rule.needsReview() && !escalated;
    if (rule.negatable() && NEGATION.matcher(before(lower, start, NEGATION_WINDOW)).find()) {
      severity = Severity.INFO;
      zh = "否定表述（如保健食品须标注的“本品不能代替药物”），一般不构成疗效宣称：" + zh;
      en =
          "A negated statement (such as the notice health food must carry), normally not a claim: "
              + en;
      suggestion = null;
      review = false;
    } else if (quotedRegulation(lower, start)) {
      severity = Severity.INFO;
      zh = "引用法规或禁用词清单的原文，一般不构成违规：" + zh;
      en = "Quoted regulation text, normally not a violation: " + en;
      suggestion = null;
      replacement = null;
      review = false;
    } else if (rule.history()
        && (HISTORY_CUE.matcher(before).find() || YEAR.matcher(after).find())) {
      severity = Severity.INFO;
      zh = "看起来是在描述品牌自身的历史，一般不适用绝对化用语的禁止，请结合上下文确认：" + zh;
      en =
          "Looks like a description of the brand's own history, which the ban on absolute terms"
              + " normally does not cover; confirm in context: "
              + en;
      suggestion = null;
      replacement = null;
      review = true;
    }
    return new Finding(
        rule.id(),
        rule.category(),
        severity,
        start,
        end,
        inTitle,
        matched,
        zh,
        en,
        rule.legalBasis(),
        suggestion,
        review,
        replacement);
  }

  private static String before(String lower, int start, int window) {
    return lower.substring(Math.max(0, start - window), start);
  }

  /** Lower case char by char, so indexes stay those of the original ({@code İ} stays one char). */
  static String lowerCase(String s) {
    char[] chars = s.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      chars[i] = Character.toLowerCase(chars[i]);
    }
    return new String(chars);
  }

  /**
   * Whether the term at {@code start} sits inside quotation marks that a regulation cue comes just
   * before (or inside of): {@code 《广告法》禁止使用“最佳”}. Looks at a bounded window only.
   */
  private static boolean quotedRegulation(String lower, int start) {
    int from = Math.max(0, start - CUE_WINDOW);
    String window = lower.substring(from, start);
    var open = QUOTE_OPEN.matcher(window);
    int lastOpen = -1;
    while (open.find()) {
      lastOpen = open.start();
    }
    if (lastOpen < 0) {
      return false;
    }
    String betweenQuoteAndTerm = window.substring(lastOpen + 1);
    if (betweenQuoteAndTerm.indexOf('”') >= 0
        || betweenQuoteAndTerm.indexOf('」') >= 0
        || betweenQuoteAndTerm.indexOf('』') >= 0
        || betweenQuoteAndTerm.indexOf('》') >= 0) {
      return false;
    }
    String cueArea =
        lower.substring(Math.max(0, from + lastOpen - CUE_WINDOW), from + lastOpen + 1);
    return REGULATION_CUE.matcher(cueArea).find();
  }
}
