package org.socialweave.core.internal.security;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class PasswordHasherTest {

  private final PasswordHasher hasher = new PasswordHasher(1024, 1, 1);

  @Test
  public void hashIsAnArgon2idPhcStringThatVerifies() {
    String hash = hasher.hash("s3cret passphrase".toCharArray());
    assertTrue(
        hash,
        hash.matches(
            "\\$argon2id\\$v=19\\$m=1024,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"));
    assertTrue(hasher.verify("s3cret passphrase".toCharArray(), hash));
    assertFalse(hasher.verify("s3cret passphrasE".toCharArray(), hash));
    assertFalse(hasher.verify("".toCharArray(), hash));
    assertNotEquals(hash, hasher.hash("s3cret passphrase".toCharArray()));
  }

  @Test
  public void knownVectorFromTheReferenceImplementation() {
    // argon2 CLI: echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1 (m in KiB: 2^16)
    String reference =
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
    assertTrue(new PasswordHasher(1024, 1, 1).verify("password".toCharArray(), reference));
  }

  @Test
  public void nonAsciiPasswordsVerify() {
    char[] password = "pässwörd 密码 🔑".toCharArray();
    assertTrue(hasher.verify(password, hasher.hash(password)));
  }

  @Test
  public void needsRehashWhenParametersAreWeakerOrDifferent() {
    String hash = hasher.hash("pw".toCharArray());
    assertFalse(hasher.needsRehash(hash));
    assertTrue(new PasswordHasher(2048, 1, 1).needsRehash(hash));
    assertTrue(new PasswordHasher(1024, 2, 1).needsRehash(hash));
    assertTrue(new PasswordHasher(1024, 1, 2).needsRehash(hash));
    assertFalse("stronger hashes are kept", new PasswordHasher(512, 1, 1).needsRehash(hash));
  }

  @Test
  public void malformedHashesNeverVerifyAndNeedRehash() {
    for (String bad :
        new String[] {
          null,
          "",
          "plain",
          "$argon2i$v=19$m=1024,t=1,p=1$c29tZXNhbHQ$aGFzaA",
          "$argon2id$v=16$m=1024,t=1,p=1$c29tZXNhbHQ$aGFzaA",
          "$argon2id$v=19$m=1024,t=1,x=1$c29tZXNhbHQ$aGFzaA",
          "$argon2id$v=19$m=abc,t=1,p=1$c29tZXNhbHQ$aGFzaA",
          "$argon2id$v=19$m=1024,t=1,p=1$not base64!$aGFzaA"
        }) {
      assertFalse(bad, hasher.verify("pw".toCharArray(), bad));
      assertTrue(bad, hasher.needsRehash(bad));
    }
  }

  @Test
  public void rejectsInvalidParameters() {
    assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(4, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(1024, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(1024, 1, 0));
  }
}
