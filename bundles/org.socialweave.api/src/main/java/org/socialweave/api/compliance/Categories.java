package org.socialweave.api.compliance;

/**
 * The categories of the checks that ship with SocialWeave. A category is a plain string so that a
 * plug-in check can bring its own; these are the values the platform's checks use.
 */
public final class Categories {

  /** PRC Advertising Law art. 9(3): 最佳, 国家级, 第一, NO.1 and other absolute terms. */
  public static final String ABSOLUTE_TERMS = "absolute-terms";

  /** False, unverifiable or unsourced claims (PRC Advertising Law art. 4, 11, 28). */
  public static final String FALSE_CLAIMS = "false-claims";

  /** Medical and health claims in advertising for non-medical products (art. 16, 17). */
  public static final String HEALTH_CLAIMS = "health-claims";

  /** Guaranteed returns in investment advertising (art. 25). */
  public static final String INVESTMENT_CLAIMS = "investment-claims";

  /** Guaranteed results in education and training advertising (art. 24). */
  public static final String EDUCATION_CLAIMS = "education-claims";

  /** Endorsements by officials, patients, doctors and other forbidden endorsers. */
  public static final String ENDORSEMENTS = "endorsements";

  /** English claims that need substantiation: best, #1, guaranteed, clinically proven... */
  public static final String SUBSTANTIATION = "substantiation";

  /** Environmental claims (Directive (EU) 2024/825). */
  public static final String GREEN_CLAIMS = "green-claims";

  /** Words from a workspace's sensitive-word lists. */
  public static final String SENSITIVE_WORDS = "sensitive-words";

  /** Personal data in public content (PIPL, GDPR, CCPA). */
  public static final String PRIVACY = "privacy";

  /** Sponsored content without an advertising label. */
  public static final String DISCLOSURE = "disclosure";

  /** The network's own rules: length, hashtags, mentions, links, media. */
  public static final String PLATFORM_RULES = "platform-rules";

  private Categories() {}
}
