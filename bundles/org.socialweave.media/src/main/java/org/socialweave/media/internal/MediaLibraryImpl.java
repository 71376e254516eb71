package org.socialweave.media.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.connector.MediaRef;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.media.BlobStore;
import org.socialweave.api.media.BlobStore.StoredBlob;
import org.socialweave.api.media.MediaAsset;
import org.socialweave.api.media.MediaLibrary;
import org.socialweave.api.media.MediaProblem;
import org.socialweave.api.media.MediaTooLargeException;
import org.socialweave.api.media.UnsupportedMediaException;
import org.socialweave.core.io.LimitedInputStream;
import org.socialweave.core.persistence.Ids;
import org.socialweave.core.persistence.Migrations;
import org.socialweave.core.persistence.Paging;
import org.socialweave.core.persistence.UnitOfWork;
import org.socialweave.media.internal.inspect.Inspection;
import org.socialweave.media.internal.inspect.Inspector;
import org.socialweave.media.internal.inspect.MediaFormat;
import org.socialweave.media.internal.persistence.MediaAssetEntity;

/**
 * The media library over the {@code socialweave.media} unit and a {@link BlobStore}. An upload is
 * sniffed from its first bytes before anything is stored, streamed into the store under a size
 * limit, then measured from the stored blob; damaged content is removed again unless another asset
 * uses the same bytes. Blobs are shared by every workspace that uploads the same bytes and removed
 * when the last asset using them goes.
 */
@Component(
    service = {MediaLibrary.class, MediaLibraryImpl.class},
    configurationPid = "org.socialweave.media")
@Designate(ocd = MediaConfig.class)
public class MediaLibraryImpl implements MediaLibrary {

  static final String UNIT_FILTER = "(osgi.unit.name=socialweave.media)";
  static final String DATASOURCE_FILTER = "(osgi.jndi.service.name=socialweave)";
  static final int MAX_FILE_NAME = 255;

  /** Mastodon's limit, the longest of the networks that take alt text. */
  static final int MAX_ALT_TEXT = 1500;

  private static final Logger LOG = LoggerFactory.getLogger(MediaLibraryImpl.class);

  /** The limits of {@link MediaConfig}. */
  record Settings(long maxUploadBytes, int thumbnailPixels) {
    static Settings of(MediaConfig config) {
      if (config.maxUploadBytes() < 1 || config.thumbnailPixels() < 16) {
        throw new IllegalArgumentException(
            "maxUploadBytes must be positive and thumbnailPixels at least 16");
      }
      return new Settings(config.maxUploadBytes(), config.thumbnailPixels());
    }
  }

  /** An upload's outcome: the asset and whether this upload created it. */
  public record Upload(MediaAsset asset, boolean created) {}

  private final UnitOfWork db;
  private final BlobStore blobs;
  private final Function<String, Optional<String>> workspaceIds;
  private final Settings settings;
  private final Clock clock;

  @Activate
  public MediaLibraryImpl(
      @Reference(target = DATASOURCE_FILTER) DataSource dataSource,
      @Reference(target = UNIT_FILTER) EntityManagerFactory emf,
      @Reference BlobStore blobs,
      @Reference WorkspaceService workspaces,
      MediaConfig config) {
    this(
        migrated(dataSource, emf),
        blobs,
        idOrSlug -> workspaces.find(idOrSlug).map(Workspace::id),
        Settings.of(config),
        Clock.systemUTC());
  }

  MediaLibraryImpl(
      UnitOfWork db,
      BlobStore blobs,
      Function<String, Optional<String>> workspaceIds,
      Settings settings,
      Clock clock) {
    this.db = db;
    this.blobs = blobs;
    this.workspaceIds = workspaceIds;
    this.settings = settings;
    this.clock = clock;
  }

  static UnitOfWork migrated(DataSource dataSource, EntityManagerFactory emf) {
    Migrations.apply(dataSource, MediaLibraryImpl.class.getClassLoader(), "media");
    return new UnitOfWork(emf);
  }

  public long maxUploadBytes() {
    return settings.maxUploadBytes();
  }

  // ---- uploads

  @Override
  public MediaAsset upload(String workspace, String fileName, InputStream content, String altText)
      throws IOException {
    return store(workspace, fileName, content, altText).asset();
  }

  /** {@link #upload}, telling whether the asset is new or the same bytes were there already. */
  public Upload store(String workspace, String fileName, InputStream content, String altText)
      throws IOException {
    String workspaceId = workspaceId(workspace);
    String name = fileName == null || fileName.isBlank() ? null : fileName.strip();
    if (name != null
        && (name.length() > MAX_FILE_NAME || name.chars().anyMatch(Character::isISOControl))) {
      throw new ValidationException(
          "fileName", "at most " + MAX_FILE_NAME + " characters without control characters");
    }
    String alt = altText == null || altText.isBlank() ? null : altText.strip();
    if (alt != null && alt.length() > MAX_ALT_TEXT) {
      throw new ValidationException("altText", "at most " + MAX_ALT_TEXT + " characters");
    }
    if (content == null) {
      throw new UnsupportedMediaException("the upload is empty");
    }
    BufferedInputStream in =
        new BufferedInputStream(
            new LimitedInputStream(content, settings.maxUploadBytes(), UploadTooLarge::new));
    StoredBlob blob;
    MediaFormat format;
    try {
      in.mark(MediaFormat.HEAD_BYTES);
      byte[] head = in.readNBytes(MediaFormat.HEAD_BYTES);
      in.reset();
      if (head.length == 0) {
        throw new UnsupportedMediaException("the upload is empty");
      }
      format =
          MediaFormat.sniff(head)
              .orElseThrow(
                  () ->
                      new UnsupportedMediaException(
                          "not an image or video we recognise: JPEG, PNG, GIF, WebP, HEIC, MP4"
                              + " and MOV are taken, recognised by their content"));
      blob = blobs.put(in);
    } catch (UploadTooLarge e) {
      throw new MediaTooLargeException(settings.maxUploadBytes());
    }
    Optional<MediaAsset> existing = findByContent(workspaceId, blob.key());
    if (existing.isPresent()) {
      return new Upload(existing.get(), false);
    }
    Inspection inspection;
    try (InputStream stored = blobs.open(blob.key())) {
      inspection = Inspector.inspect(format, stored, blob.sizeBytes(), settings.thumbnailPixels());
    } catch (IOException | RuntimeException e) {
      deleteIfUnused(blob.key());
      throw e;
    }
    String thumbnailKey =
        inspection.thumbnail() == null
            ? null
            : blobs.put(new ByteArrayInputStream(inspection.thumbnail())).key();
    MediaAssetEntity row = new MediaAssetEntity();
    row.id = Ids.next();
    row.workspaceId = workspaceId;
    row.fileName = name != null ? name : "upload." + format.extension();
    row.mimeType = format.mimeType();
    row.sizeBytes = blob.sizeBytes();
    row.sha256 = blob.key();
    row.width = inspection.width();
    row.height = inspection.height();
    row.durationMs = inspection.duration() == null ? null : inspection.duration().toMillis();
    row.videoCodec = inspection.videoCodec();
    row.audioCodec = inspection.audioCodec();
    row.altText = alt;
    row.thumbnailKey = thumbnailKey;
    row.createdAt = clock.instant();
    try {
      db.inTransaction(
          em -> {
            em.persist(row);
            return null;
          });
    } catch (ConflictException sameBytesMeanwhile) {
      // Another upload of the same bytes to this workspace committed first.
      return new Upload(
          findByContent(workspaceId, blob.key()).orElseThrow(() -> sameBytesMeanwhile), false);
    }
    LOG.info(
        "Stored media {} ({}, {} bytes) in workspace {}",
        row.id,
        row.mimeType,
        row.sizeBytes,
        workspaceId);
    return new Upload(toAsset(row), true);
  }

  private Optional<MediaAsset> findByContent(String workspaceId, String sha256) {
    return db.read(
        em ->
            em
                .createQuery(
                    "SELECT m FROM MediaAssetEntity m WHERE m.workspaceId = :ws AND m.sha256 = :sha",
                    MediaAssetEntity.class)
                .setParameter("ws", workspaceId)
                .setParameter("sha", sha256)
                .getResultList()
                .stream()
                .findFirst()
                .map(MediaLibraryImpl::toAsset));
  }

  // ---- queries

  @Override
  public MediaAsset get(String workspace, String mediaId) {
    return toAsset(row(workspace, mediaId));
  }

  @Override
  public Page<MediaAsset> list(String workspace, PageRequest page) {
    String workspaceId = workspaceId(workspace);
    return db.read(
        em ->
            Paging.page(
                em.createQuery(
                        "SELECT m FROM MediaAssetEntity m WHERE m.workspaceId = :ws AND m.id > :after"
                            + " ORDER BY m.id",
                        MediaAssetEntity.class)
                    .setParameter("ws", workspaceId),
                page,
                m -> m.id,
                MediaLibraryImpl::toAsset));
  }

  @Override
  public InputStream open(String workspace, String mediaId) throws IOException {
    return blobs.open(row(workspace, mediaId).sha256);
  }

  @Override
  public InputStream thumbnail(String workspace, String mediaId) throws IOException {
    MediaAssetEntity row = row(workspace, mediaId);
    if (row.thumbnailKey == null) {
      throw new NotFoundException("thumbnail of media", mediaId);
    }
    return blobs.open(row.thumbnailKey);
  }

  @Override
  public MediaRef ref(String workspace, String mediaId) {
    MediaAssetEntity row = row(workspace, mediaId);
    String key = row.sha256;
    return new MediaRef(
        row.id,
        row.mimeType,
        row.sizeBytes,
        row.width,
        row.height,
        row.durationMs == null ? null : Duration.ofMillis(row.durationMs),
        row.altText,
        () -> blobs.open(key));
  }

  @Override
  public List<MediaProblem> problems(MediaAsset asset, NetworkDescriptor network) {
    return MediaChecks.problems(asset, network);
  }

  // ---- removal

  @Override
  public void delete(String workspace, String mediaId) throws IOException {
    String workspaceId = workspaceId(workspace);
    MediaAssetEntity removed =
        db.inTransaction(
            em -> {
              MediaAssetEntity row = find(em, workspaceId, mediaId);
              em.remove(row);
              return row;
            });
    deleteIfUnused(removed.sha256);
    if (removed.thumbnailKey != null) {
      deleteIfUnused(removed.thumbnailKey);
    }
  }

  /**
   * Removes a blob no asset uses any more. An upload of the same bytes racing with the last delete
   * could lose its blob; uploads are rare next to reads, so this is checked, not locked.
   */
  private void deleteIfUnused(String key) throws IOException {
    long users =
        db.read(
            em ->
                em.createQuery(
                        "SELECT COUNT(m) FROM MediaAssetEntity m WHERE m.sha256 = :key OR"
                            + " m.thumbnailKey = :key",
                        Long.class)
                    .setParameter("key", key)
                    .getSingleResult());
    if (users == 0) {
      blobs.delete(key);
    }
  }

  // ---- helpers

  private MediaAssetEntity row(String workspace, String mediaId) {
    String workspaceId = workspaceId(workspace);
    return db.read(em -> find(em, workspaceId, mediaId));
  }

  private static MediaAssetEntity find(EntityManager em, String workspaceId, String mediaId) {
    MediaAssetEntity row = mediaId == null ? null : em.find(MediaAssetEntity.class, mediaId);
    if (row == null || !row.workspaceId.equals(workspaceId)) {
      throw new NotFoundException("media", mediaId);
    }
    return row;
  }

  private String workspaceId(String workspace) {
    return workspaceIds
        .apply(workspace)
        .orElseThrow(() -> new NotFoundException("workspace", workspace));
  }

  static MediaAsset toAsset(MediaAssetEntity row) {
    return new MediaAsset(
        row.id,
        row.workspaceId,
        row.fileName,
        row.mimeType,
        row.sizeBytes,
        row.sha256,
        row.width,
        row.height,
        row.durationMs == null ? null : Duration.ofMillis(row.durationMs),
        row.videoCodec,
        row.audioCodec,
        row.altText,
        row.createdAt);
  }

  /** The read that passed the upload limit; nothing of the upload may be kept. */
  private static final class UploadTooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    UploadTooLarge(long limit) {
      super("the upload exceeds " + limit + " bytes");
    }
  }
}
