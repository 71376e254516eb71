package org.socialweave.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "SocialWeave REST API", description = "Limits of the REST API")
public @interface RestConfig {

  @AttributeDefinition(description = "Largest accepted request body, in bytes")
  long maxBodyBytes() default 1048576;

  @AttributeDefinition(description = "Login attempts allowed per client address per minute")
  int loginAttemptsPerMinute() default 10;

  @AttributeDefinition(description = "Mark the session cookie Secure (set when served over HTTPS)")
  boolean secureCookies() default false;
}
