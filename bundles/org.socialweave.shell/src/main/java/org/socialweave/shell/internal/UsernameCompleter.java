package org.socialweave.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.socialweave.api.User;
import org.socialweave.api.UserService;

/** Completes usernames. */
@Service
public class UsernameCompleter extends CandidatesCompleter {

  @Reference UserService users;

  @Override
  List<String> candidates() {
    return CommandSupport.all(users::list).stream().map(User::username).toList();
  }
}
