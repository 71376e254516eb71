package org.socialweave.core.internal.vault;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
    name = "SocialWeave secrets vault",
    description = "Where the AES key that encrypts stored credentials lives")
public @interface VaultConfig {

  @AttributeDefinition(
      description =
          "Key file (32 random bytes, base64). Empty means etc/socialweave-vault.key under Karaf."
              + " The SOCIALWEAVE_VAULT_KEY environment variable, if set, wins.")
  String keyFile() default "";
}
