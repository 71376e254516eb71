package org.socialweave.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes workspace role names, lower case. */
@Service
public class RoleCompleter extends CandidatesCompleter {

  @Override
  List<String> candidates() {
    return CommandSupport.roleNames();
  }
}
