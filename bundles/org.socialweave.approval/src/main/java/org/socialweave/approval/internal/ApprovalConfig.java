package org.socialweave.approval.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.socialweave.approval.cfg}. */
@ObjectClassDefinition(name = "SocialWeave approval")
public @interface ApprovalConfig {

  String PID = "org.socialweave.approval";

  @AttributeDefinition(
      description =
          "How long before a stage's SLA runs out its approvers are reminded, minutes; a second"
              + " reminder goes out once it is overdue")
  int reminderLeadMinutes() default 120;

  @AttributeDefinition(description = "How often a node looks for stages to remind, seconds")
  int reminderPollSeconds() default 60;

  @AttributeDefinition(
      description = "The web console's address, for the links in reminders (no trailing slash)")
  String consoleUrl() default "http://localhost:8181";

  @AttributeDefinition(
      description =
          "Where an external reviewer opens a review link, e-mailed to them; {token} is replaced"
              + " by the link's signed token")
  String reviewLinkUrl() default "http://localhost:8181/api/v1/review/{token}";
}
