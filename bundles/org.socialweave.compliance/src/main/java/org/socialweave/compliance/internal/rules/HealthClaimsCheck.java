package org.socialweave.compliance.internal.rules;

import org.osgi.service.component.annotations.Component;
import org.socialweave.api.compliance.ContentCheck;

/** Medical and health claims (治愈, 根治, 无副作用 ...); the terms are in {@code health-claims.rules}. */
@Component(
    service = ContentCheck.class,
    property = ContentCheck.CHECK_PROPERTY + "=" + HealthClaimsCheck.ID)
public class HealthClaimsCheck extends TermCheck {

  public static final String ID = "ad-law.health";

  public HealthClaimsCheck() {
    super(ID, "health-claims.rules");
  }
}
