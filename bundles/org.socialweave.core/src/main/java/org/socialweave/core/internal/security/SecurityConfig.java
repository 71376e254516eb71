package org.socialweave.core.internal.security;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
    name = "SocialWeave security",
    description = "Password hashing, lockout and session settings")
public @interface SecurityConfig {

  @AttributeDefinition(description = "Argon2id memory cost in KiB")
  int argon2MemoryKiB() default 19456;

  @AttributeDefinition(description = "Argon2id iterations")
  int argon2Iterations() default 2;

  @AttributeDefinition(description = "Argon2id lanes")
  int argon2Parallelism() default 1;

  @AttributeDefinition(description = "Failed logins in a row before the account is locked")
  int maxFailedLogins() default 5;

  @AttributeDefinition(description = "How long a locked account stays locked, in minutes")
  int lockoutMinutes() default 15;

  @AttributeDefinition(description = "Browser session lifetime, in minutes")
  int sessionTtlMinutes() default 480;

  @AttributeDefinition(description = "Shortest accepted password")
  int minPasswordLength() default 12;
}
