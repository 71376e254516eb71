package org.socialweave.compliance.internal.rules;

import org.osgi.service.component.annotations.Component;
import org.socialweave.api.compliance.ContentCheck;

/**
 * Forbidden endorsements (officials, patients, doctors); the terms are in {@code
 * endorsements.rules}.
 */
@Component(
    service = ContentCheck.class,
    property = ContentCheck.CHECK_PROPERTY + "=" + EndorsementsCheck.ID)
public class EndorsementsCheck extends TermCheck {

  public static final String ID = "ad-law.endorsement";

  public EndorsementsCheck() {
    super(ID, "endorsements.rules");
  }
}
