import { useState } from 'react';
import { FileImageOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { API } from './api';
import { isVideo, mediaPath, type MediaAsset } from './media';

/** An asset's server-made thumbnail; an icon for videos and for images without one. */
export function Thumbnail({ base, asset, size }: { base: string; asset: MediaAsset; size: number }) {
  const [failed, setFailed] = useState(false);
  const box = { width: '100%', height: size, display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f5f5', overflow: 'hidden' } as const;
  if (isVideo(asset) || failed) {
    return (
      <div style={{ ...box, fontSize: size / 3, color: '#8c8c8c' }} aria-hidden="true">
        {isVideo(asset) ? <VideoCameraOutlined /> : <FileImageOutlined />}
      </div>
    );
  }
  return (
    <div style={box}>
      <img
        src={`${API}${mediaPath(base, asset.id)}/thumbnail`}
        alt={asset.altText || asset.fileName}
        loading="lazy"
        data-testid="media-thumbnail"
        onError={() => setFailed(true)}
        style={{ maxWidth: '100%', maxHeight: size, objectFit: 'contain' }}
      />
    </div>
  );
}
