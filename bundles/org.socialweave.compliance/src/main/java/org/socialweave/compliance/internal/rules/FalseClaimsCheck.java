package org.socialweave.compliance.internal.rules;

import org.osgi.service.component.annotations.Component;
import org.socialweave.api.compliance.ContentCheck;

/** False, unverifiable and unsourced claims; the terms are in {@code false-claims.rules}. */
@Component(
    service = ContentCheck.class,
    property = ContentCheck.CHECK_PROPERTY + "=" + FalseClaimsCheck.ID)
public class FalseClaimsCheck extends TermCheck {

  public static final String ID = "ad-law.claims";

  public FalseClaimsCheck() {
    super(ID, "false-claims.rules");
  }
}
