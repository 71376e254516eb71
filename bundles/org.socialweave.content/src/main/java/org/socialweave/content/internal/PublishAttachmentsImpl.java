package org.socialweave.content.internal;

import java.util.List;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.socialweave.api.connector.MediaRef;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.media.MediaLibrary;
import org.socialweave.api.publish.PublishAttachments;
import org.socialweave.api.publish.PublishJob;
import org.socialweave.content.internal.persistence.PostEntity;
import org.socialweave.content.internal.persistence.VariantEntity;
import org.socialweave.core.persistence.UnitOfWork;

/** The media of a claimed job's variant, from the media library. */
@Component(service = PublishAttachments.class)
public class PublishAttachmentsImpl implements PublishAttachments {

  private final UnitOfWork db;
  private final MediaLibrary library;

  @Activate
  public PublishAttachmentsImpl(
      @Reference PostServiceImpl posts,
      @Reference(target = PostServiceImpl.UNIT_FILTER) EntityManagerFactory emf,
      @Reference MediaLibrary library) {
    // The post service migrated the schema before it was activated.
    this(new UnitOfWork(emf), library);
  }

  PublishAttachmentsImpl(UnitOfWork db, MediaLibrary library) {
    this.db = db;
    this.library = library;
  }

  @Override
  public List<MediaRef> media(PublishJob job) {
    List<String> ids =
        db.read(
            em -> {
              VariantEntity variant = em.find(VariantEntity.class, job.variantId());
              PostEntity post = variant == null ? null : em.find(PostEntity.class, variant.postId);
              if (post == null || !post.workspaceId.equals(job.workspaceId())) {
                throw new NotFoundException("variant", job.variantId());
              }
              return PostEnrichment.media(post, variant);
            });
    return ids.stream().map(id -> library.ref(job.workspaceId(), id)).toList();
  }
}
