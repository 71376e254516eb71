package org.socialweave.publish.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.socialweave.publish.cfg}: how this node's dispatcher runs due jobs. */
@ObjectClassDefinition(name = "SocialWeave publishing dispatcher")
public @interface DispatcherConfig {

  @AttributeDefinition(description = "How often the outbox is asked for due jobs, in milliseconds")
  long pollMillis() default 250;

  @AttributeDefinition(description = "Jobs this node publishes at the same time")
  int workers() default 16;

  @AttributeDefinition(
      description =
          "How long a claimed job belongs to this node, in seconds; longer than any connector"
              + " call. A job of a node that died is claimed again (and reconciled) after it")
  long leaseSeconds() default 120;

  @AttributeDefinition(description = "Attempts before a job that keeps failing is given up")
  int maxAttempts() default 8;

  @AttributeDefinition(description = "Ceiling of the first retry delay, in seconds")
  long backoffBaseSeconds() default 5;

  @AttributeDefinition(description = "Largest retry delay, in seconds")
  long backoffCapSeconds() default 900;

  @AttributeDefinition(description = "How often an asynchronous publish is looked at, in seconds")
  long pendingCheckSeconds() default 5;

  @AttributeDefinition(description = "This node's name in leases; empty means host name and pid")
  String nodeId() default "";
}
