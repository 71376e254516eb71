package org.socialweave.compliance.internal.rules;

import org.osgi.service.component.annotations.Component;
import org.socialweave.api.compliance.ContentCheck;

/**
 * Education and exam guarantees (保过, 提分保证 ...); the terms are in {@code education-claims.rules}.
 */
@Component(
    service = ContentCheck.class,
    property = ContentCheck.CHECK_PROPERTY + "=" + EducationClaimsCheck.ID)
public class EducationClaimsCheck extends TermCheck {

  public static final String ID = "ad-law.education";

  public EducationClaimsCheck() {
    super(ID, "education-claims.rules");
  }
}
