package org.socialweave.core.internal.bootstrap;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
    name = "SocialWeave first start",
    description = "The administrator and demo data created on an empty database")
public @interface BootstrapConfig {

  @AttributeDefinition(description = "Username of the first administrator")
  String adminUsername() default "admin";

  @AttributeDefinition(
      description =
          "Password of the first administrator. Empty: SOCIALWEAVE_ADMIN_PASSWORD, or else a"
              + " random one printed once.",
      type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
  String adminPassword() default "";

  @AttributeDefinition(description = "Create a demo workspace for the first administrator")
  boolean demoData() default false;
}
