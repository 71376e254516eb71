package org.socialweave.compliance.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.socialweave.compliance.cfg}. */
@ObjectClassDefinition(name = "SocialWeave compliance")
public @interface ComplianceConfig {

  @AttributeDefinition(
      description =
          "Ids of checks that do not run (e.g. en.substantiation); every other check runs")
  String[] disabledChecks() default {};

  @AttributeDefinition(
      description =
          "How long a node keeps a workspace's compiled word lists, seconds. A change on this node"
              + " applies at once; a change made on another node of a cluster after at most this long")
  int wordListCacheSeconds() default 30;

  @AttributeDefinition(description = "The longest text one check accepts, in UTF-16 code units")
  int maxTextLength() default 1_048_576;
}
