package org.socialweave.core.internal.identity;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.AuthenticationResult;
import org.socialweave.api.AuthenticationResult.Outcome;
import org.socialweave.api.User;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.PreconditionFailedException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.core.internal.security.PasswordHasher;
import org.socialweave.core.internal.testing.DatabaseTestBase;
import org.socialweave.core.internal.testing.MutableClock;
import org.socialweave.core.internal.testing.TestSecurityConfig;

public class UserServiceImplTest extends DatabaseTestBase {

  private static final char[] PASSWORD = "correct horse battery".toCharArray();
  private static final int MAX_FAILED = 3;
  private static final int LOCKOUT_MINUTES = 10;

  private MutableClock clock;
  private UserServiceImpl users;

  @Before
  public void setUp() {
    clock = MutableClock.atNow();
    users =
        new UserServiceImpl(
            db(),
            TestSecurityConfig.with(
                Map.of("maxFailedLogins", MAX_FAILED, "lockoutMinutes", LOCKOUT_MINUTES)),
            clock);
  }

  private User newUser() {
    return users.create(unique("u"), null, null, PASSWORD.clone(), false);
  }

  private String storedHash(String userId) {
    return (String) testDb.value("SELECT password_hash FROM sw_user WHERE id = ?", userId);
  }

  private static ValidationException assertInvalid(String field, Runnable call) {
    ValidationException e = assertThrows(ValidationException.class, call::run);
    assertEquals(e.getMessage(), field, e.field());
    return e;
  }

  @Test
  public void createNormalisesUsernameAndDefaultsDisplayName() {
    String name = unique("alice.");
    User user =
        users.create("  " + name.toUpperCase() + " ", null, "a@example.org", PASSWORD, true);
    assertEquals(name, user.username());
    assertEquals(name, user.displayName());
    assertEquals("a@example.org", user.email());
    assertTrue(user.systemAdmin());
    assertFalse(user.disabled());
    assertEquals(26, user.id().length());
    assertEquals(clock.instant(), user.createdAt());
    assertEquals(user.id(), users.find(name).orElseThrow().id());
    assertEquals(name, users.find(user.id()).orElseThrow().username());
    assertEquals(user.id(), users.find(name.toUpperCase()).orElseThrow().id());
  }

  @Test
  public void createRejectsInvalidFieldsNamingTheField() {
    assertInvalid("username", () -> users.create(null, null, null, PASSWORD, false));
    assertInvalid("username", () -> users.create("ab", null, null, PASSWORD, false));
    assertInvalid("username", () -> users.create("bad name", null, null, PASSWORD, false));
    assertInvalid("username", () -> users.create("-leading", null, null, PASSWORD, false));
    assertInvalid("username", () -> users.create("x".repeat(65), null, null, PASSWORD, false));
    assertInvalid(
        "password", () -> users.create(unique("p"), null, null, "short".toCharArray(), false));
    assertInvalid("password", () -> users.create(unique("p"), null, null, null, false));
    assertInvalid(
        "password",
        () -> users.create(unique("p"), null, null, "x".repeat(257).toCharArray(), false));
    assertInvalid(
        "email", () -> users.create(unique("e"), null, "not-an-address", PASSWORD, false));
    assertInvalid(
        "displayName", () -> users.create(unique("d"), "tab\there", null, PASSWORD, false));
    assertInvalid(
        "displayName", () -> users.create(unique("d"), "y".repeat(201), null, PASSWORD, false));
  }

  @Test
  public void duplicateUsernameIsAConflictWhateverItsCase() {
    String name = unique("dup");
    users.create(name, null, null, PASSWORD, false);
    assertThrows(ConflictException.class, () -> users.create(name, null, null, PASSWORD, false));
    assertThrows(
        ConflictException.class,
        () -> users.create(name.toUpperCase(), "Other", null, PASSWORD, false));
    assertEquals(1L, testDb.value("SELECT COUNT(*) FROM sw_user WHERE username = ?", name));
  }

  @Test
  public void sqlMetacharactersAreStoredVerbatim() {
    String display = "O'Brien \"; DROP TABLE sw_user; -- 100% _x_ \\ back";
    User user = users.create(unique("o.brien_"), display, "o'brien+%@example.org", PASSWORD, false);
    assertEquals(display, users.find(user.id()).orElseThrow().displayName());
    assertEquals(display, testDb.value("SELECT display_name FROM sw_user WHERE id = ?", user.id()));
    assertEquals(
        "o'brien+%@example.org", testDb.value("SELECT email FROM sw_user WHERE id = ?", user.id()));
    // A LIKE wildcard or quote in a lookup matches nothing instead of everything.
    assertTrue(users.find("%").isEmpty());
    assertTrue(users.find("' OR '1'='1").isEmpty());
  }

  @Test
  public void passwordIsStoredAsArgon2idPhcString() {
    User user = newUser();
    String hash = storedHash(user.id());
    assertTrue(
        hash,
        hash.matches(
            "\\$argon2id\\$v=19\\$m=1024,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"));
    assertFalse(hash.contains(new String(PASSWORD)));
    // Same password, different salt.
    assertNotEquals(hash, storedHash(newUser().id()));
  }

  @Test
  public void authenticateSucceedsOnlyWithTheRightPassword() {
    User user = newUser();
    AuthenticationResult ok = users.authenticate(user.username(), PASSWORD.clone(), "127.0.0.1");
    assertEquals(Outcome.SUCCESS, ok.outcome());
    assertTrue(ok.succeeded());
    assertEquals(user.id(), ok.user().id());

    AuthenticationResult upper =
        users.authenticate(" " + user.username().toUpperCase() + " ", PASSWORD.clone(), null);
    assertEquals(Outcome.SUCCESS, upper.outcome());

    AuthenticationResult wrong =
        users.authenticate(user.username(), "wrong password!".toCharArray(), null);
    assertEquals(Outcome.INVALID_CREDENTIALS, wrong.outcome());
    assertNull(wrong.user());

    assertEquals(
        Outcome.INVALID_CREDENTIALS,
        users.authenticate(unique("nobody"), PASSWORD.clone(), null).outcome());
    assertEquals(Outcome.INVALID_CREDENTIALS, users.authenticate(null, PASSWORD, null).outcome());
    assertEquals(
        Outcome.INVALID_CREDENTIALS, users.authenticate(user.username(), null, null).outcome());
  }

  @Test
  public void locksOutAfterRepeatedFailuresAndUnlocksAfterTheLockoutTime() {
    User user = newUser();
    char[] wrong = "not the password".toCharArray();
    for (int i = 1; i < MAX_FAILED; i++) {
      assertEquals(
          Outcome.INVALID_CREDENTIALS, users.authenticate(user.username(), wrong, null).outcome());
    }
    AuthenticationResult locked = users.authenticate(user.username(), wrong, null);
    assertEquals(Outcome.LOCKED, locked.outcome());
    assertEquals(clock.instant().plus(Duration.ofMinutes(LOCKOUT_MINUTES)), locked.lockedUntil());

    // While locked even the right password is refused.
    clock.advance(Duration.ofMinutes(LOCKOUT_MINUTES).minusSeconds(1));
    AuthenticationResult stillLocked = users.authenticate(user.username(), PASSWORD.clone(), null);
    assertEquals(Outcome.LOCKED, stillLocked.outcome());
    assertNull(stillLocked.user());

    clock.advance(Duration.ofSeconds(2));
    assertEquals(
        Outcome.SUCCESS, users.authenticate(user.username(), PASSWORD.clone(), null).outcome());
    assertEquals(0, ((Number) failedLogins(user.id())).intValue());
    assertNull(testDb.value("SELECT locked_until FROM sw_user WHERE id = ?", user.id()));
  }

  private Object failedLogins(String userId) {
    return testDb.value("SELECT failed_logins FROM sw_user WHERE id = ?", userId);
  }

  @Test
  public void successResetsTheFailureCount() {
    User user = newUser();
    char[] wrong = "not the password".toCharArray();
    for (int round = 0; round < 3; round++) {
      for (int i = 1; i < MAX_FAILED; i++) {
        assertEquals(
            Outcome.INVALID_CREDENTIALS,
            users.authenticate(user.username(), wrong, null).outcome());
      }
      assertEquals(MAX_FAILED - 1, ((Number) failedLogins(user.id())).intValue());
      assertEquals(
          Outcome.SUCCESS, users.authenticate(user.username(), PASSWORD.clone(), null).outcome());
    }
  }

  @Test
  public void changePasswordClearsLockout() {
    User user = newUser();
    for (int i = 0; i < MAX_FAILED; i++) {
      users.authenticate(user.username(), "not the password".toCharArray(), null);
    }
    char[] next = "a brand new passphrase".toCharArray();
    users.changePassword(user.id(), next.clone());
    assertEquals(Outcome.SUCCESS, users.authenticate(user.username(), next, null).outcome());
    assertEquals(
        Outcome.INVALID_CREDENTIALS,
        users.authenticate(user.username(), PASSWORD.clone(), null).outcome());
    assertInvalid("password", () -> users.changePassword(user.id(), "short".toCharArray()));
    assertThrows(
        NotFoundException.class, () -> users.changePassword(unique("ghost"), PASSWORD.clone()));
  }

  @Test
  public void disabledUserCannotLogInAndIsReenabled() {
    User user = newUser();
    users.setDisabled(user.id(), true);
    assertTrue(users.find(user.id()).orElseThrow().disabled());
    assertEquals(
        Outcome.DISABLED, users.authenticate(user.username(), PASSWORD.clone(), null).outcome());
    // A wrong password must not reveal that the account exists but is disabled.
    assertEquals(
        Outcome.INVALID_CREDENTIALS,
        users.authenticate(user.username(), "not the password".toCharArray(), null).outcome());
    users.setDisabled(user.id(), false);
    assertEquals(
        Outcome.SUCCESS, users.authenticate(user.username(), PASSWORD.clone(), null).outcome());
  }

  @Test
  public void loginRehashesAPasswordHashedWithWeakerParameters() {
    User user = newUser();
    String weak = storedHash(user.id());
    UserServiceImpl stronger =
        new UserServiceImpl(
            db(),
            TestSecurityConfig.with(Map.of("argon2MemoryKiB", 2048, "argon2Iterations", 2)),
            clock);
    PasswordHasher current = new PasswordHasher(2048, 2, 1);
    assertTrue(current.needsRehash(weak));

    assertEquals(
        Outcome.SUCCESS, stronger.authenticate(user.username(), PASSWORD.clone(), null).outcome());
    String upgraded = storedHash(user.id());
    assertTrue(upgraded, upgraded.startsWith("$argon2id$v=19$m=2048,t=2,p=1$"));
    assertFalse(current.needsRehash(upgraded));
    assertTrue(current.verify(PASSWORD.clone(), upgraded));

    // A wrong password never rewrites the hash.
    stronger.authenticate(user.username(), "not the password".toCharArray(), null);
    assertEquals(upgraded, storedHash(user.id()));
  }

  @Test
  public void updateChecksTheExpectedVersion() {
    User user = newUser();
    User updated = users.update(user.id(), "Alice Liddell", "alice@example.org", user.version());
    assertEquals("Alice Liddell", updated.displayName());
    assertEquals(user.version() + 1, updated.version());

    PreconditionFailedException stale =
        assertThrows(
            PreconditionFailedException.class,
            () -> users.update(user.id(), "Lost Update", null, user.version()));
    assertEquals(412, stale.status());
    assertEquals("Alice Liddell", users.find(user.id()).orElseThrow().displayName());

    assertInvalid("displayName", () -> users.update(user.id(), " ", null, updated.version()));
    assertThrows(NotFoundException.class, () -> users.update(unique("ghost"), "x", null, 0));
  }
}
