package org.socialweave.compliance.internal.rules;

import org.osgi.service.component.annotations.Component;
import org.socialweave.api.compliance.ContentCheck;

/**
 * PRC Advertising Law absolute terms (最佳, 国家级, 第一, NO.1 ...); the terms are in {@code
 * absolute-terms.rules}.
 */
@Component(
    service = ContentCheck.class,
    property = ContentCheck.CHECK_PROPERTY + "=" + AbsoluteTermsCheck.ID)
public class AbsoluteTermsCheck extends TermCheck {

  public static final String ID = "ad-law.absolute";

  public AbsoluteTermsCheck() {
    super(ID, "absolute-terms.rules");
  }
}
