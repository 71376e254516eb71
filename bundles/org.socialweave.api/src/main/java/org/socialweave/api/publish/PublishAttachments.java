package org.socialweave.api.publish;

import java.util.List;
import org.socialweave.api.connector.MediaRef;

/**
 * What a claimed job sends besides its text, title and link: the media its variant carries. Read
 * when the job runs; a post cannot be edited while one of its jobs is being sent, so it is the
 * media of the claimed revision.
 */
public interface PublishAttachments {

  /**
   * The variant's media in display order, each opening its bytes on demand; empty for a text post.
   *
   * @throws org.socialweave.api.error.NotFoundException when an asset was deleted from the library
   *     after the post was scheduled
   */
  List<MediaRef> media(PublishJob job);
}
