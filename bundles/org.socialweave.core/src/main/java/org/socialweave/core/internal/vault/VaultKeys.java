package org.socialweave.core.internal.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the vault key from the environment or a key file, creating the file on first start. */
final class VaultKeys {

  static final String ENV = "SOCIALWEAVE_VAULT_KEY";
  private static final Logger LOG = LoggerFactory.getLogger(VaultKeys.class);

  private VaultKeys() {}

  static byte[] load(String fromEnvironment, Path keyFile) {
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return decode(fromEnvironment.strip(), ENV);
    }
    try {
      if (!Files.exists(keyFile)) {
        create(keyFile);
      }
      return decode(
          Files.readString(keyFile, StandardCharsets.US_ASCII).strip(), keyFile.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the vault key file " + keyFile, e);
    }
  }

  private static void create(Path keyFile) throws IOException {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Files.createDirectories(keyFile.toAbsolutePath().getParent());
    try {
      Files.createFile(
          keyFile,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(keyFile);
    } catch (FileAlreadyExistsException e) {
      return; // another node or thread created it first
    }
    Files.writeString(keyFile, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
    LOG.warn(
        "Created a new vault key at {}; back it up: without it stored credentials are lost",
        keyFile);
  }

  private static byte[] decode(String base64, String source) {
    try {
      byte[] key = Base64.getDecoder().decode(base64);
      if (key.length != 32) {
        throw new IllegalArgumentException();
      }
      return key;
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "the vault key in " + source + " is not 32 base64-encoded bytes");
    }
  }
}
