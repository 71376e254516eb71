package org.socialweave.api.media;

import java.time.Duration;
import java.time.Instant;

/**
 * An image or video in a workspace's media library. Everything but {@code fileName} and {@code
 * altText} is measured from the bytes, never taken from the uploader.
 *
 * @param mimeType the type sniffed from the content, e.g. {@code image/png}, {@code video/mp4}
 * @param sha256 lower-case hex SHA-256 of the content; the same bytes in a workspace are one asset
 * @param width pixels, or {@code null} when the format's header could not tell
 * @param height pixels, or {@code null} when the format's header could not tell
 * @param duration a video's length, or {@code null} for still images
 * @param videoCodec a video track's codec ({@code h264}, {@code hevc}, {@code av1}, ... or the
 *     sample entry's four-character code), or {@code null}
 * @param audioCodec an audio track's codec ({@code aac}, {@code mp3}, {@code opus}, ...), or {@code
 *     null} when the video has no sound or is an image
 * @param altText the description for screen readers, or {@code null}
 */
public record MediaAsset(
    String id,
    String workspaceId,
    String fileName,
    String mimeType,
    long sizeBytes,
    String sha256,
    Integer width,
    Integer height,
    Duration duration,
    String videoCodec,
    String audioCodec,
    String altText,
    Instant createdAt) {

  public boolean isImage() {
    return mimeType.startsWith("image/");
  }

  public boolean isVideo() {
    return mimeType.startsWith("video/");
  }
}
