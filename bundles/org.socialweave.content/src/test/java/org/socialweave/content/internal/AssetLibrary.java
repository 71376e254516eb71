package org.socialweave.content.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.connector.MediaRef;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.media.MediaAsset;
import org.socialweave.api.media.MediaLibrary;
import org.socialweave.api.media.MediaProblem;

/**
 * A media library of assets the tests describe by hand (the real one, which measures uploaded
 * bytes, has its own tests); its checks are the connector's media rules only: type and size.
 */
final class AssetLibrary implements MediaLibrary {

  private final Map<String, MediaAsset> assets = new ConcurrentHashMap<>();
  private int next;

  MediaAsset add(String workspaceId, String fileName, String mimeType, long sizeBytes) {
    String id = "asset" + (++next);
    MediaAsset asset =
        new MediaAsset(
            id,
            workspaceId,
            fileName,
            mimeType,
            sizeBytes,
            "0".repeat(64),
            1200,
            630,
            null,
            null,
            null,
            "alt " + fileName,
            Instant.now());
    assets.put(id, asset);
    return asset;
  }

  void remove(String mediaId) {
    assets.remove(mediaId);
  }

  @Override
  public MediaAsset get(String workspaceId, String mediaId) {
    MediaAsset asset = assets.get(mediaId);
    if (asset == null || !asset.workspaceId().equals(workspaceId)) {
      throw new NotFoundException("media", mediaId);
    }
    return asset;
  }

  @Override
  public List<MediaProblem> problems(MediaAsset asset, NetworkDescriptor network) {
    List<MediaProblem> problems = new ArrayList<>();
    if (!network.media().accepts(asset.mimeType())) {
      problems.add(
          new MediaProblem("type", network.nameEn() + " does not take " + asset.mimeType()));
    } else if (asset.sizeBytes() > network.media().maxImageBytes()) {
      problems.add(
          new MediaProblem(
              "size",
              "at most " + network.media().maxImageBytes() + " bytes on " + network.nameEn()));
    }
    return problems;
  }

  @Override
  public MediaRef ref(String workspaceId, String mediaId) {
    MediaAsset asset = get(workspaceId, mediaId);
    byte[] bytes = new byte[(int) asset.sizeBytes()];
    return new MediaRef(
        asset.id(),
        asset.mimeType(),
        asset.sizeBytes(),
        asset.width(),
        asset.height(),
        null,
        asset.altText(),
        () -> new ByteArrayInputStream(bytes));
  }

  @Override
  public MediaAsset upload(
      String workspaceId, String fileName, InputStream content, String altText) {
    throw new UnsupportedOperationException("the tests describe assets with add");
  }

  @Override
  public Page<MediaAsset> list(String workspaceId, PageRequest page) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void delete(String workspaceId, String mediaId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public InputStream open(String workspaceId, String mediaId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public InputStream thumbnail(String workspaceId, String mediaId) {
    throw new UnsupportedOperationException();
  }
}
