package org.socialweave.core.internal.vault;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.Workspace;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.vault.SecretRef;
import org.socialweave.core.internal.identity.WorkspaceServiceImpl;
import org.socialweave.core.internal.testing.DatabaseTestBase;
import org.socialweave.core.internal.testing.MutableClock;

public class SecretVaultImplTest extends DatabaseTestBase {

  private static final String PLAIN = "EAAB-super-secret-access-token-1234567890";

  private MutableClock clock;
  private byte[] key;
  private SecretVaultImpl vault;
  private Workspace ws;

  @Before
  public void setUp() {
    clock = MutableClock.atNow();
    key = randomKey();
    vault = new SecretVaultImpl(db(), key, clock);
    ws = new WorkspaceServiceImpl(db(), clock).create(unique("ws-"), "Vault", "UTC");
  }

  private static byte[] randomKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }

  private String ciphertext(String workspaceId, String name) {
    return (String)
        testDb.value(
            "SELECT ciphertext FROM sw_secret WHERE workspace_id = ? AND name = ?",
            workspaceId,
            name);
  }

  @Test
  public void putRevealListAndDelete() {
    SecretRef ref = vault.put(ws.id(), "facebook.token", PLAIN.toCharArray());
    assertEquals(new SecretRef(ws.id(), "facebook.token", clock.instant()), ref);
    assertArrayEquals(PLAIN.toCharArray(), vault.reveal(ws.id(), "facebook.token"));

    clock.advance(Duration.ofMinutes(1));
    vault.put(ws.id(), "x.api-key", "k".toCharArray());
    vault.put(ws.id(), "facebook.token", "rotated".toCharArray());
    assertArrayEquals("rotated".toCharArray(), vault.reveal(ws.id(), "facebook.token"));
    List<SecretRef> refs = vault.list(ws.id());
    assertEquals(
        List.of("facebook.token", "x.api-key"), refs.stream().map(SecretRef::name).toList());
    assertEquals(clock.instant(), refs.get(0).updatedAt());

    vault.delete(ws.id(), "facebook.token");
    assertThrows(NotFoundException.class, () -> vault.reveal(ws.id(), "facebook.token"));
    assertThrows(NotFoundException.class, () -> vault.delete(ws.id(), "facebook.token"));
    assertEquals(1, vault.list(ws.id()).size());
  }

  @Test
  public void unicodeAndSqlMetacharactersRoundTrip() {
    String name = "o'reilly\"; DROP TABLE sw_secret; -- %_";
    String value = "пароль 密码 🔑 '; --";
    vault.put(ws.id(), name, value.toCharArray());
    assertArrayEquals(value.toCharArray(), vault.reveal(ws.id(), name));
    assertEquals(name, vault.list(ws.id()).get(0).name());
    assertEquals(name, testDb.value("SELECT name FROM sw_secret WHERE workspace_id = ?", ws.id()));
  }

  @Test
  public void ciphertextInTheDatabaseDoesNotContainThePlaintext() {
    vault.put(ws.id(), "token", PLAIN.toCharArray());
    String stored = ciphertext(ws.id(), "token");
    assertTrue(stored, stored.startsWith("v1:"));
    assertFalse(stored.contains(PLAIN));
    assertFalse(stored.contains(PLAIN.substring(5, 20)));
    String b64 = Base64.getEncoder().encodeToString(PLAIN.getBytes(StandardCharsets.UTF_8));
    assertFalse(stored.contains(b64.substring(0, 20)));

    // A fresh IV each time: the same value never encrypts the same way twice.
    vault.put(ws.id(), "token", PLAIN.toCharArray());
    assertNotEquals(stored, ciphertext(ws.id(), "token"));
  }

  @Test
  public void anotherKeyCannotDecrypt() {
    vault.put(ws.id(), "token", PLAIN.toCharArray());
    SecretVaultImpl other = new SecretVaultImpl(db(), randomKey(), clock);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> other.reveal(ws.id(), "token"));
    assertFalse(e.getMessage().contains(PLAIN));
    // The right key still works.
    assertArrayEquals(
        PLAIN.toCharArray(), new SecretVaultImpl(db(), key, clock).reveal(ws.id(), "token"));
  }

  @Test
  public void ciphertextMovedToAnotherSlotFails() {
    Workspace other = new WorkspaceServiceImpl(db(), clock).create(unique("ws-"), "B", "UTC");
    vault.put(ws.id(), "token", PLAIN.toCharArray());
    vault.put(ws.id(), "decoy", "harmless".toCharArray());
    vault.put(other.id(), "token", "other ws".toCharArray());
    String sealed = ciphertext(ws.id(), "token");

    testDb.update(
        "UPDATE sw_secret SET ciphertext = ? WHERE workspace_id = ? AND name = ?",
        sealed,
        ws.id(),
        "decoy");
    assertThrows(IllegalStateException.class, () -> vault.reveal(ws.id(), "decoy"));

    testDb.update(
        "UPDATE sw_secret SET ciphertext = ? WHERE workspace_id = ? AND name = ?",
        sealed,
        other.id(),
        "token");
    assertThrows(IllegalStateException.class, () -> vault.reveal(other.id(), "token"));

    assertArrayEquals(PLAIN.toCharArray(), vault.reveal(ws.id(), "token"));
  }

  @Test
  public void tamperedCiphertextFails() {
    vault.put(ws.id(), "token", PLAIN.toCharArray());
    String sealed = ciphertext(ws.id(), "token");
    byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
    raw[raw.length - 1] ^= 1;
    testDb.update(
        "UPDATE sw_secret SET ciphertext = ? WHERE workspace_id = ?",
        "v1:" + Base64.getEncoder().encodeToString(raw),
        ws.id());
    assertThrows(IllegalStateException.class, () -> vault.reveal(ws.id(), "token"));
  }

  @Test
  public void invalidInputIsRejected() {
    ValidationException empty =
        assertThrows(ValidationException.class, () -> vault.put(ws.id(), "n", new char[0]));
    assertEquals("value", empty.field());
    assertEquals(
        "name",
        assertThrows(ValidationException.class, () -> vault.put(ws.id(), " ", "v".toCharArray()))
            .field());
    assertThrows(
        IllegalArgumentException.class, () -> new SecretVaultImpl(db(), new byte[16], clock));
  }
}
