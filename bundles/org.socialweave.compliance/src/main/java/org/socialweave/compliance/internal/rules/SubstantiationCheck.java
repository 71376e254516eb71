package org.socialweave.compliance.internal.rules;

import org.osgi.service.component.annotations.Component;
import org.socialweave.api.compliance.ContentCheck;

/**
 * English claims that need substantiation (best, #1, guaranteed, cures ...); the terms are in
 * {@code substantiation.rules}.
 */
@Component(
    service = ContentCheck.class,
    property = ContentCheck.CHECK_PROPERTY + "=" + SubstantiationCheck.ID)
public class SubstantiationCheck extends TermCheck {

  public static final String ID = "en.substantiation";

  public SubstantiationCheck() {
    super(ID, "substantiation.rules");
  }
}
