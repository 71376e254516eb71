package org.socialweave.webhooks.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.socialweave.webhooks.cfg}. */
@ObjectClassDefinition(name = "SocialWeave webhooks")
public @interface WebhooksConfig {

  String PID = "org.socialweave.webhooks";

  @AttributeDefinition(
      description =
          "Allow receiver URLs on loopback, private (RFC 1918, fc00::/7), link-local and"
              + " unspecified addresses. Off by default: a subscription must not turn the node"
              + " into a proxy into its own network (SSRF). Turn on only for tests and trusted"
              + " on-premises receivers")
  boolean allowPrivateAddresses() default false;

  @AttributeDefinition(
      description = "Waits between attempts, ISO-8601 durations; the last one repeats")
  String backoff() default "PT1M,PT5M,PT30M,PT2H,PT6H";

  @AttributeDefinition(description = "Attempts per delivery before it is FAILED")
  int maxAttempts() default 6;

  @AttributeDefinition(description = "TCP connect timeout, seconds")
  int connectTimeoutSeconds() default 5;

  @AttributeDefinition(description = "Time for the receiver to answer, seconds")
  int requestTimeoutSeconds() default 10;

  @AttributeDefinition(description = "How often a worker looks for due deliveries, milliseconds")
  int pollIntervalMillis() default 1000;

  @AttributeDefinition(description = "Deliveries sent in parallel per node")
  int workerThreads() default 4;
}
