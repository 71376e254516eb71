package org.socialweave.core.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code
 * $argon2id$v=19$m=..,t=..,p=..$salt$hash}), computed by Bouncy Castle. The parameters travel with
 * each hash, so raising the work factor later still verifies old hashes and {@link #needsRehash}
 * tells when to upgrade one.
 */
public final class PasswordHasher {

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final SecureRandom random = new SecureRandom();
  private final int memoryKiB;
  private final int iterations;
  private final int parallelism;

  /** OWASP's minimum for Argon2id is 19 MiB, 2 iterations, 1 lane. */
  public PasswordHasher(int memoryKiB, int iterations, int parallelism) {
    if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
      throw new IllegalArgumentException("invalid Argon2 parameters");
    }
    this.memoryKiB = memoryKiB;
    this.iterations = iterations;
    this.parallelism = parallelism;
  }

  public String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, memoryKiB, iterations, parallelism, HASH_BYTES);
    return "$argon2id$v=19$m="
        + memoryKiB
        + ",t="
        + iterations
        + ",p="
        + parallelism
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(hash);
  }

  public boolean verify(char[] password, String encoded) {
    Parsed parsed = Parsed.of(encoded);
    if (parsed == null) {
      return false;
    }
    byte[] actual = derive(password, parsed.salt, parsed.m, parsed.t, parsed.p, parsed.hash.length);
    return MessageDigest.isEqual(actual, parsed.hash);
  }

  /** True when the hash was made with weaker parameters than the current ones. */
  public boolean needsRehash(String encoded) {
    Parsed parsed = Parsed.of(encoded);
    return parsed == null
        || parsed.m < memoryKiB
        || parsed.t < iterations
        || parsed.p != parallelism;
  }

  private static byte[] derive(char[] password, byte[] salt, int m, int t, int p, int length) {
    Argon2Parameters params =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(m)
            .withIterations(t)
            .withParallelism(p)
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[length];
    byte[] passwordBytes = new String(password).getBytes(StandardCharsets.UTF_8);
    generator.generateBytes(passwordBytes, out);
    java.util.Arrays.fill(passwordBytes, (byte) 0);
    return out;
  }

  private record Parsed(int m, int t, int p, byte[] salt, byte[] hash) {
    static Parsed of(String encoded) {
      if (encoded == null) {
        return null;
      }
      String[] parts = encoded.split("\\$");
      // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
      if (parts.length != 6 || !"argon2id".equals(parts[1]) || !"v=19".equals(parts[2])) {
        return null;
      }
      try {
        int m = 0;
        int t = 0;
        int p = 0;
        for (String param : parts[3].split(",")) {
          String[] kv = param.split("=", 2);
          int value = Integer.parseInt(kv[1]);
          switch (kv[0]) {
            case "m" -> m = value;
            case "t" -> t = value;
            case "p" -> p = value;
            default -> {
              return null;
            }
          }
        }
        return new Parsed(m, t, p, B64D.decode(parts[4]), B64D.decode(parts[5]));
      } catch (RuntimeException e) {
        return null;
      }
    }
  }
}
