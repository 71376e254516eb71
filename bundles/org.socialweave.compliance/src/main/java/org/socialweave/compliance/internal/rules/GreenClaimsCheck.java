package org.socialweave.compliance.internal.rules;

import org.osgi.service.component.annotations.Component;
import org.socialweave.api.compliance.ContentCheck;

/** EU green claims (Directive (EU) 2024/825); the terms are in {@code green-claims.rules}. */
@Component(
    service = ContentCheck.class,
    property = ContentCheck.CHECK_PROPERTY + "=" + GreenClaimsCheck.ID)
public class GreenClaimsCheck extends TermCheck {

  public static final String ID = "eu.green-claims";

  public GreenClaimsCheck() {
    super(ID, "green-claims.rules");
  }
}
