package org.socialweave.api.compliance;

import java.util.List;
import java.util.Set;

/**
 * One content check, registered as a DS service with the property {@value #CHECK_PROPERTY} set to
 * its {@link #id()}. Implementations must be thread-safe, must not block on I/O during {@link
 * #check}, and must run in time linear in the text: the editor calls the checks as the user types.
 */
public interface ContentCheck {

  /**
   * The most findings a check reports for one text (or title): a text with more (a megabyte of
   * {@code 最}) says nothing new with each, and building them all would cost the editor seconds.
   */
  int MAX_FINDINGS = 1000;

  /** The service property that carries {@link #id()}. */
  String CHECK_PROPERTY = "socialweave.check";

  /** Stable lower-case id, such as {@code ad-law.absolute}. */
  String id();

  /** The categories of the findings this check can produce (see {@link Categories}). */
  Set<String> categories();

  /**
   * Inspects {@code subject}.
   *
   * @return the findings, in any order; empty when there is nothing to say
   */
  List<Finding> check(CheckSubject subject, CheckContext context);

  /**
   * The settings this check takes per workspace; the check reads a workspace's values with {@link
   * CheckContext#parameter}. None by default.
   */
  default List<CheckParameter> parameters() {
    return List.of();
  }
}
