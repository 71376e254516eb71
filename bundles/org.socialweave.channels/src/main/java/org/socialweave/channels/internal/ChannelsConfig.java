package org.socialweave.channels.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.socialweave.channels.cfg}. */
@ObjectClassDefinition(name = "SocialWeave channels")
public @interface ChannelsConfig {

  @AttributeDefinition(
      description =
          "The node's public base URL as browsers and networks reach it; OAuth callbacks go to"
              + " <publicBaseUrl>/api/v1/oauth/<network>/callback and must be registered so with"
              + " each network")
  String publicBaseUrl() default "http://localhost:8181";

  @AttributeDefinition(description = "Refresh access tokens this many minutes before they expire")
  int refreshMarginMinutes() default 15;

  @AttributeDefinition(description = "Warn this many days before an authorization ends")
  int expiryWarningDays() default 7;

  @AttributeDefinition(description = "How often the refresher looks for expiring tokens, seconds")
  int refreshIntervalSeconds() default 120;

  @AttributeDefinition(description = "How long an OAuth connect may take, minutes")
  int authorizationMinutes() default 10;
}
