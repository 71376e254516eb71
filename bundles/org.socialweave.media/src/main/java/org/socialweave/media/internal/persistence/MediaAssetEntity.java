package org.socialweave.media.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code sw_media_asset}; see {@link org.socialweave.api.media.MediaAsset}. */
@Entity
@Table(name = "sw_media_asset")
public class MediaAssetEntity {
  @Id public String id;

  @Column(name = "workspace_id")
  public String workspaceId;

  @Column(name = "file_name")
  public String fileName;

  @Column(name = "mime_type")
  public String mimeType;

  @Column(name = "size_bytes")
  public long sizeBytes;

  /** Also the blob key of the content. */
  public String sha256;

  public Integer width;

  public Integer height;

  @Column(name = "duration_ms")
  public Long durationMs;

  @Column(name = "video_codec")
  public String videoCodec;

  @Column(name = "audio_codec")
  public String audioCodec;

  @Column(name = "alt_text")
  public String altText;

  @Column(name = "thumbnail_key")
  public String thumbnailKey;

  @Column(name = "created_at")
  public Instant createdAt;
}
