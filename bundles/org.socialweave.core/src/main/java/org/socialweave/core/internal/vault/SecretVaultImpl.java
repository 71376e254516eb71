package org.socialweave.core.internal.vault;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.vault.SecretRef;
import org.socialweave.api.vault.SecretVault;
import org.socialweave.core.internal.Validation;
import org.socialweave.core.internal.persistence.Database;
import org.socialweave.core.internal.persistence.SecretEntity;
import org.socialweave.core.persistence.Ids;

@Component(configurationPid = "org.socialweave.vault")
@Designate(ocd = VaultConfig.class)
public class SecretVaultImpl implements SecretVault {

  private final Database db;
  private final AesGcmCipher cipher;
  private final Clock clock;

  @Activate
  public SecretVaultImpl(@Reference Database db, VaultConfig config, BundleContext context) {
    this(
        db,
        VaultKeys.load(System.getenv(VaultKeys.ENV), keyFile(config, context)),
        Clock.systemUTC());
  }

  public SecretVaultImpl(Database db, byte[] key, Clock clock) {
    this.db = db;
    this.cipher = new AesGcmCipher(key);
    this.clock = clock;
  }

  private static Path keyFile(VaultConfig config, BundleContext context) {
    if (!config.keyFile().isBlank()) {
      return Path.of(config.keyFile());
    }
    String etc = context.getProperty("karaf.etc");
    return Path.of(etc == null ? "etc" : etc, "socialweave-vault.key");
  }

  @Override
  public SecretRef put(String workspaceId, String name, char[] value) {
    String validName = Validation.text("name", name, 200);
    if (value == null || value.length == 0) {
      throw new org.socialweave.api.error.ValidationException("value", "value is required");
    }
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
    byte[] plain = Arrays.copyOf(encoded.array(), encoded.limit());
    Arrays.fill(encoded.array(), (byte) 0);
    String sealed = cipher.encrypt(plain, workspaceId + "\n" + validName);
    Arrays.fill(plain, (byte) 0);
    return db.inTransaction(
        em -> {
          SecretEntity secret = find(em, workspaceId, validName);
          if (secret == null) {
            secret = new SecretEntity();
            secret.id = Ids.next();
            secret.workspaceId = workspaceId;
            secret.name = validName;
            em.persist(secret);
          }
          secret.ciphertext = sealed;
          secret.updatedAt = clock.instant();
          return new SecretRef(workspaceId, validName, secret.updatedAt);
        });
  }

  @Override
  public char[] reveal(String workspaceId, String name) {
    SecretEntity secret = db.read(em -> find(em, workspaceId, name));
    if (secret == null) {
      throw new NotFoundException("secret", name);
    }
    byte[] plain = cipher.decrypt(secret.ciphertext, workspaceId + "\n" + name);
    CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(plain));
    Arrays.fill(plain, (byte) 0);
    char[] value = Arrays.copyOf(chars.array(), chars.limit());
    Arrays.fill(chars.array(), '\0');
    return value;
  }

  @Override
  public List<SecretRef> list(String workspaceId) {
    return db.read(
        em ->
            em.createQuery(
                    "SELECT s FROM SecretEntity s WHERE s.workspaceId = :ws ORDER BY s.name",
                    SecretEntity.class)
                .setParameter("ws", workspaceId)
                .getResultStream()
                .map(s -> new SecretRef(s.workspaceId, s.name, s.updatedAt))
                .toList());
  }

  @Override
  public void delete(String workspaceId, String name) {
    db.inTransaction(
        em -> {
          SecretEntity secret = find(em, workspaceId, name);
          if (secret == null) {
            throw new NotFoundException("secret", name);
          }
          em.remove(secret);
          return null;
        });
  }

  private static SecretEntity find(
      javax.persistence.EntityManager em, String workspaceId, String name) {
    return em.createQuery(
            "SELECT s FROM SecretEntity s WHERE s.workspaceId = :ws AND s.name = :name",
            SecretEntity.class)
        .setParameter("ws", workspaceId)
        .setParameter("name", name)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }
}
