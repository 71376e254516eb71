// The media library's records and the uploads to it: the file's bytes are the request body (the
// media REST streams it to storage and sniffs the type from the content), sent with XMLHttpRequest
// because fetch reports no upload progress.
import { API, ApiError, currentCsrfToken, reloginAfterExpiry } from './api';

export interface MediaAsset {
  id: string;
  workspaceId: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  width?: number | null;
  height?: number | null;
  /** Jackson writes a Duration as decimal seconds, or as ISO-8601 ("PT12.5S") when configured so. */
  duration?: number | string | null;
  videoCodec?: string | null;
  audioCodec?: string | null;
  altText?: string | null;
  createdAt: string;
}

export interface MediaProblem {
  rule: string;
  detail: string;
}

export interface Uploaded {
  asset: MediaAsset;
  /** The workspace had these bytes already: the answer is the existing asset (200, not 201). */
  duplicate: boolean;
}

const UNITS = ['B', 'KB', 'MB', 'GB'];

/** 1536 -> "1.5 KB": binary multiples, one decimal below 10 of a unit. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** Seconds from the API's Duration: a number of seconds or an ISO-8601 duration; null if neither. */
export function durationSeconds(duration: number | string | null | undefined): number | null {
  if (duration === null || duration === undefined) return null;
  if (typeof duration === 'number') return Number.isFinite(duration) ? duration : null;
  const plain = Number(duration);
  if (duration.trim() !== '' && Number.isFinite(plain)) return plain;
  const iso = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(duration.trim());
  if (!iso || duration.trim() === 'PT') return null;
  return Number(iso[1] ?? 0) * 3600 + Number(iso[2] ?? 0) * 60 + Number(iso[3] ?? 0);
}

/** 75.4 -> "1:15", 3725 -> "1:02:05" (whole seconds, rounded down). */
export function formatDuration(duration: number | string | null | undefined): string | null {
  const seconds = durationSeconds(duration);
  if (seconds === null) return null;
  const whole = Math.floor(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "1920 × 1080", or null when the header did not tell. */
export function formatDimensions(asset: Pick<MediaAsset, 'width' | 'height'>): string | null {
  return asset.width && asset.height ? `${asset.width} × ${asset.height}` : null;
}

/** "PNG", "MP4": the sniffed type as people name it. */
export function formatType(mimeType: string): string {
  const subtype = mimeType.split('/')[1] ?? mimeType;
  return (subtype === 'quicktime' ? 'MOV' : subtype.replace(/^x-/, '')).toUpperCase();
}

export const isVideo = (asset: Pick<MediaAsset, 'mimeType'>) => asset.mimeType.startsWith('video/');

export const mediaPath = (base: string, id?: string) => `${base}/media${id ? `/${encodeURIComponent(id)}` : ''}`;

/** The API's answer to an upload as an ApiError: its problem when it sent one, else the status. */
export function uploadProblem(status: number, contentType: string, body: string): ApiError {
  if (contentType.includes('json')) {
    try {
      return new ApiError(status, JSON.parse(body));
    } catch {
      // not JSON after all: the status line below
    }
  }
  return new ApiError(status, { title: status === 0 ? 'Network error' : `HTTP ${status}` });
}

/**
 * Sends one file as the raw request body; `onProgress` gets 0..1 as the bytes go out. A session
 * that ran out (401) asks the user to log in again, then the file is sent once more.
 */
export async function uploadMedia(base: string, file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<Uploaded> {
  try {
    return await send(base, file, onProgress, signal);
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401) || !(await reloginAfterExpiry())) throw e;
    onProgress(0);
    return send(base, file, onProgress, signal);
  }
}

function send(base: string, file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<Uploaded> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API}${mediaPath(base)}?fileName=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    const token = currentCsrfToken();
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      if (xhr.status === 200 || xhr.status === 201) {
        onProgress(1);
        resolve({ asset: JSON.parse(xhr.responseText) as MediaAsset, duplicate: xhr.status === 200 });
      } else {
        reject(uploadProblem(xhr.status, xhr.getResponseHeader('Content-Type') ?? '', xhr.responseText));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, { type: 'urn:socialweave:console:network', title: 'Network error', detail: 'the upload was interrupted' }));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}
