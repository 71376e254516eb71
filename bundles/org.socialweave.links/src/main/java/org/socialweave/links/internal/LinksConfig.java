package org.socialweave.links.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.socialweave.links.cfg}. */
@ObjectClassDefinition(name = "SocialWeave links")
public @interface LinksConfig {

  @AttributeDefinition(
      description =
          "Base URL of the short links as people reach this node (a short domain in production);"
              + " links read <publicBaseUrl>/s/<code>")
  String publicBaseUrl() default "http://localhost:8181";

  @AttributeDefinition(description = "Most clicks written in one database batch")
  int batchSize() default 5000;

  @AttributeDefinition(
      description =
          "Longest time, in milliseconds, a click waits in memory before the writer stores it")
  int flushIntervalMillis() default 200;

  @AttributeDefinition(
      description =
          "File of the clicks not yet stored (memory-mapped, kept across crashes); empty for"
              + " ${karaf.data}/socialweave/links/clicks.journal. One per node, never shared")
  String clickJournal() default "";

  @AttributeDefinition(
      description =
          "Clicks the journal holds at most while the database is slow or down (512 bytes each"
              + " on disk); beyond that new clicks are counted as dropped, the redirect itself"
              + " never waits")
  int journalSlots() default 131072;

  @AttributeDefinition(description = "Links kept in the redirector's in-memory cache")
  int cacheSize() default 100000;
}
