package org.socialweave.compliance.internal.checks;

import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.socialweave.api.compliance.Categories;
import org.socialweave.api.compliance.CheckContext;
import org.socialweave.api.compliance.CheckSubject;
import org.socialweave.api.compliance.ContentCheck;
import org.socialweave.api.compliance.Finding;
import org.socialweave.api.compliance.Severity;
import org.socialweave.compliance.internal.text.FoldedText;
import org.socialweave.compliance.internal.text.OutermostMatches;
import org.socialweave.compliance.internal.text.Texts;
import org.socialweave.compliance.internal.text.WordAutomaton;

/**
 * A sponsored post (paid, or part of a KOL/KOC deal) must say it is an ad: 广告 in Chinese (PRC
 * Advertising Law art. 14, 互联网广告管理办法 2023), {@code #ad}, {@code #sponsored} or "paid partnership"
 * in English (FTC Endorsement Guides, UK CAP Code 2.1). The markers are matched on the folded text,
 * so {@code ＃ＡＤ} and {@code #Ad} count.
 */
@Component(
    service = ContentCheck.class,
    property = ContentCheck.CHECK_PROPERTY + "=" + DisclosureCheck.ID)
public class DisclosureCheck implements ContentCheck {

  public static final String ID = "disclosure";

  static final List<String> MARKERS =
      List.of(
          "广告",
          "推广",
          "赞助",
          "#ad",
          "#ads",
          "#advert",
          "#advertisement",
          "#sponsored",
          "#sponsor",
          "#paidpartnership",
          "#anzeige",
          "#werbung",
          "#publicite",
          "advertisement",
          "sponsored",
          "paid partnership",
          "paid promotion");

  private static final WordAutomaton AUTOMATON =
      WordAutomaton.build(MARKERS.stream().map(FoldedText::foldWord).toList());

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> categories() {
    return Set.of(Categories.DISCLOSURE);
  }

  @Override
  public List<Finding> check(CheckSubject subject, CheckContext context) {
    if (!subject.sponsored()) {
      return List.of();
    }
    FoldedText title = Texts.title(subject, context);
    if ((title != null && labelled(title)) || labelled(Texts.text(subject, context))) {
      return List.of();
    }
    return List.of(
        new Finding(
            "disclosure.ad-label",
            Categories.DISCLOSURE,
            Severity.BLOCK,
            0,
            0,
            false,
            "",
            "商业推广内容（付费或达人合作）必须显著标明“广告”，使消费者能够辨明其为广告。",
            "Sponsored content (paid or a creator partnership) must be clearly labelled as an ad,"
                + " e.g. #ad or \"Paid partnership\", or the network's own branded-content label.",
            "《中华人民共和国广告法》第十四条；《互联网广告管理办法》（2023）第九条; FTC Endorsement Guides"
                + " (16 CFR Part 255); UK CAP Code rule 2.1",
            "在正文开头加上“广告”或 #ad / Add \"#ad\" at the start of the text",
            false));
  }

  private static boolean labelled(FoldedText text) {
    return OutermostMatches.scan(AUTOMATON, text).size() > 0;
  }
}
