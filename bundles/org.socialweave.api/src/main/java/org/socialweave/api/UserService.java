package org.socialweave.api;

import java.util.Optional;

/** Manages user accounts and their credentials. */
public interface UserService {

  User create(String username, String displayName, String email, char[] password, boolean admin);

  Optional<User> find(String idOrUsername);

  Page<User> list(PageRequest page);

  User update(String id, String displayName, String email, long expectedVersion);

  void changePassword(String id, char[] newPassword);

  void setDisabled(String id, boolean disabled);

  /**
   * Checks a username and password, counting failures towards lockout.
   *
   * @return the user when the password is right and the account usable
   */
  AuthenticationResult authenticate(String username, char[] password, String sourceAddress);
}
