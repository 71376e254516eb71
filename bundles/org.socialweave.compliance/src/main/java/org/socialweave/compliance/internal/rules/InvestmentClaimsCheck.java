package org.socialweave.compliance.internal.rules;

import org.osgi.service.component.annotations.Component;
import org.socialweave.api.compliance.ContentCheck;

/**
 * Guaranteed investment returns (保本, 稳赚不赔 ...); the terms are in {@code investment-claims.rules}.
 */
@Component(
    service = ContentCheck.class,
    property = ContentCheck.CHECK_PROPERTY + "=" + InvestmentClaimsCheck.ID)
public class InvestmentClaimsCheck extends TermCheck {

  public static final String ID = "ad-law.investment";

  public InvestmentClaimsCheck() {
    super(ID, "investment-claims.rules");
  }
}
