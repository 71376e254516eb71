package org.socialweave.api.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.connector.MediaRef;
import org.socialweave.api.connector.NetworkDescriptor;

/**
 * The media library of every workspace. Workspaces are named by id or slug; a record of another
 * workspace is never found.
 */
public interface MediaLibrary {

  /**
   * Stores an image or video. The content is streamed, never held in memory, and refused as soon as
   * it passes the configured size limit (nothing is stored then). Its type is sniffed from the
   * bytes; the file name is kept for people only. The same bytes uploaded again to the workspace
   * answer the existing asset.
   *
   * @param fileName the uploader's file name, or {@code null}
   * @param altText the description for screen readers, or {@code null}
   * @throws UnsupportedMediaException when the content is not an image or video we recognise, or is
   *     damaged
   * @throws MediaTooLargeException when the content passes the size limit
   * @throws IOException when reading the content or storing it fails
   */
  MediaAsset upload(String workspaceId, String fileName, InputStream content, String altText)
      throws IOException;

  /**
   * @throws org.socialweave.api.error.NotFoundException when there is no such asset
   */
  MediaAsset get(String workspaceId, String mediaId);

  /** The workspace's assets, oldest first. */
  Page<MediaAsset> list(String workspaceId, PageRequest page);

  /**
   * Removes an asset; its bytes go when no workspace uses them any more.
   *
   * @throws org.socialweave.api.error.NotFoundException when there is no such asset
   */
  void delete(String workspaceId, String mediaId) throws IOException;

  /** Opens the asset's bytes; the caller closes the stream. */
  InputStream open(String workspaceId, String mediaId) throws IOException;

  /**
   * Opens the asset's JPEG thumbnail; the caller closes the stream.
   *
   * @throws org.socialweave.api.error.NotFoundException when the asset has none (videos, and
   *     formats the platform cannot decode)
   */
  InputStream thumbnail(String workspaceId, String mediaId) throws IOException;

  /** The asset as a connector publishes it: its facts and a way to open its bytes. */
  MediaRef ref(String workspaceId, String mediaId);

  /**
   * What a network would refuse in this asset: its {@link NetworkDescriptor#media() media rules}
   * plus the network's dimension, aspect-ratio, duration and codec rules. Empty when the network
   * takes it.
   */
  List<MediaProblem> problems(MediaAsset asset, NetworkDescriptor network);
}
