-- The media library. Bytes are in the blob store under their SHA-256 (content_key); one blob
-- serves every workspace that uploads the same bytes, one asset per workspace and content.
CREATE TABLE sw_media_asset (
  id             VARCHAR(26)   NOT NULL PRIMARY KEY,
  workspace_id   VARCHAR(26)   NOT NULL,
  file_name      VARCHAR(255)  NOT NULL,
  mime_type      VARCHAR(100)  NOT NULL,
  size_bytes     BIGINT        NOT NULL,
  sha256         VARCHAR(64)   NOT NULL,
  width          INTEGER,
  height         INTEGER,
  duration_ms    BIGINT,
  video_codec    VARCHAR(40),
  audio_codec    VARCHAR(40),
  alt_text       VARCHAR(1500),
  -- The blob key of the JPEG thumbnail, when one could be made.
  thumbnail_key  VARCHAR(64),
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT uq_media_content UNIQUE (workspace_id, sha256)
);

-- Whether any workspace still uses a blob, asked before the blob is removed.
CREATE INDEX ix_media_sha256 ON sw_media_asset (sha256);
CREATE INDEX ix_media_thumbnail ON sw_media_asset (thumbnail_key);
