package org.socialweave.api.compliance;

import java.util.Optional;
import org.socialweave.api.content.Failure;
import org.socialweave.api.publish.PublishJob;

/**
 * Asked by the dispatcher just before it sends a job: runs the content checks again on the exact
 * text being sent, so a word list changed after scheduling applies.
 */
public interface PublishGate {

  /**
   * @return the reason the job must not go out (a blocking finding that no override of the post's
   *     revision covers), or empty to send it
   */
  Optional<Failure> refuse(PublishJob job);
}
