package org.socialweave.compliance.internal;

import java.util.List;
import java.util.function.Function;
import org.socialweave.api.compliance.ContentCheck;
import org.socialweave.compliance.internal.checks.DisclosureCheck;
import org.socialweave.compliance.internal.checks.PlatformRulesCheck;
import org.socialweave.compliance.internal.checks.PlatformRulesConfig;
import org.socialweave.compliance.internal.checks.PrivacyCheck;
import org.socialweave.compliance.internal.rules.AbsoluteTermsCheck;
import org.socialweave.compliance.internal.rules.EducationClaimsCheck;
import org.socialweave.compliance.internal.rules.EndorsementsCheck;
import org.socialweave.compliance.internal.rules.FalseClaimsCheck;
import org.socialweave.compliance.internal.rules.GreenClaimsCheck;
import org.socialweave.compliance.internal.rules.HealthClaimsCheck;
import org.socialweave.compliance.internal.rules.InvestmentClaimsCheck;
import org.socialweave.compliance.internal.rules.SubstantiationCheck;
import org.socialweave.compliance.internal.words.SensitiveWordCheck;
import org.socialweave.compliance.internal.words.SensitiveWords;

/** Every check of the bundle, built as DS would, for tests outside OSGi. */
public final class AllChecks {

  private AllChecks() {}

  /** The platform rules' defaults, as metatype gives them without a configuration. */
  public static final PlatformRulesConfig PLATFORM_DEFAULTS =
      new PlatformRulesConfig() {
        @Override
        public Class<? extends java.lang.annotation.Annotation> annotationType() {
          return PlatformRulesConfig.class;
        }

        @Override
        public int maxHashtags() {
          return 10;
        }

        @Override
        public int maxMentions() {
          return 10;
        }

        @Override
        public String[] networksWithoutLinks() {
          return new String[] {"wechat"};
        }
      };

  public static List<ContentCheck> create(Function<String, SensitiveWords> words) {
    return List.of(
        new AbsoluteTermsCheck(),
        new FalseClaimsCheck(),
        new HealthClaimsCheck(),
        new InvestmentClaimsCheck(),
        new EducationClaimsCheck(),
        new EndorsementsCheck(),
        new SubstantiationCheck(),
        new GreenClaimsCheck(),
        new PrivacyCheck(),
        new DisclosureCheck(),
        new PlatformRulesCheck(PLATFORM_DEFAULTS),
        new SensitiveWordCheck(words));
  }
}
