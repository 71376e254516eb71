package org.socialweave.core.internal.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AccountLockedException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.socialweave.api.AuthenticationResult;
import org.socialweave.api.User;
import org.socialweave.api.UserService;

/**
 * Checks a username and password against the users table. System administrators receive Karaf's own
 * roles (so they can use ssh and every console command); every user receives {@code socialweave}.
 */
public class DatabaseLoginModule implements LoginModule {

  /** Karaf roles of a SocialWeave system administrator. */
  static final List<String> ADMIN_ROLES =
      List.of("admin", "manager", "viewer", "systembundles", "ssh");

  static final String USER_ROLE = "socialweave";

  private Subject subject;
  private CallbackHandler callbackHandler;
  private UserService users;
  private User user;
  private final List<java.security.Principal> principals = new ArrayList<>();

  @Override
  public void initialize(
      Subject subject,
      CallbackHandler callbackHandler,
      Map<String, ?> sharedState,
      Map<String, ?> options) {
    this.subject = subject;
    this.callbackHandler = callbackHandler;
    this.users = (UserService) options.get(DatabaseRealm.USER_SERVICE_OPTION);
  }

  @Override
  public boolean login() throws LoginException {
    if (users == null) {
      throw new LoginException("the user store is not available");
    }
    NameCallback name = new NameCallback("Username: ");
    PasswordCallback password = new PasswordCallback("Password: ", false);
    try {
      callbackHandler.handle(new Callback[] {name, password});
    } catch (java.io.IOException | UnsupportedCallbackException e) {
      throw new LoginException("cannot read credentials: " + e.getMessage());
    }
    char[] secret = password.getPassword();
    try {
      AuthenticationResult result = users.authenticate(name.getName(), secret, clientAddress());
      switch (result.outcome()) {
        case SUCCESS -> user = result.user();
        case LOCKED -> throw new AccountLockedException("account locked, try again later");
        default -> throw new FailedLoginException("invalid username or password");
      }
    } finally {
      password.clearPassword();
      if (secret != null) {
        java.util.Arrays.fill(secret, '\0');
      }
    }
    return true;
  }

  private String clientAddress() {
    if (subject == null) {
      return null;
    }
    return subject.getPrincipals(ClientPrincipal.class).stream()
        .map(ClientPrincipal::getName)
        .findFirst()
        .orElse(null);
  }

  @Override
  public boolean commit() {
    if (user == null) {
      return false;
    }
    principals.add(new UserPrincipal(user.username()));
    principals.add(new RolePrincipal(USER_ROLE));
    if (user.systemAdmin()) {
      ADMIN_ROLES.forEach(role -> principals.add(new RolePrincipal(role)));
    }
    subject.getPrincipals().addAll(principals);
    return true;
  }

  @Override
  public boolean abort() {
    user = null;
    principals.clear();
    return true;
  }

  @Override
  public boolean logout() {
    subject.getPrincipals().removeAll(principals);
    principals.clear();
    user = null;
    return true;
  }
}
