import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCsrfToken, setSessionExpiredHandler } from './api';
import { durationSeconds, formatBytes, formatDimensions, formatDuration, formatType, uploadMedia, uploadProblem } from './media';

describe('media formatting', () => {
  it('gives sizes in binary units with one decimal below ten', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(15 * 1024 * 1024)).toBe('15 MB');
    expect(formatBytes(3.25 * 1024 ** 3)).toBe('3.3 GB');
  });

  it('reads a Duration as Jackson writes it: decimal seconds or ISO-8601', () => {
    expect(durationSeconds(12.5)).toBe(12.5);
    expect(durationSeconds('12.500000000')).toBe(12.5);
    expect(durationSeconds('PT1M15.4S')).toBeCloseTo(75.4);
    expect(durationSeconds('PT1H2M5S')).toBe(3725);
    expect(durationSeconds(null)).toBeNull();
    expect(durationSeconds('PT')).toBeNull();
    expect(durationSeconds('soon')).toBeNull();
  });

  it('shows durations as m:ss or h:mm:ss, and nothing for a still image', () => {
    expect(formatDuration(75.4)).toBe('1:15');
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration('PT1H2M5S')).toBe('1:02:05');
    expect(formatDuration(undefined)).toBeNull();
  });

  it('shows dimensions only when both are known, and the type as people name it', () => {
    expect(formatDimensions({ width: 1920, height: 1080 })).toBe('1920 × 1080');
    expect(formatDimensions({ width: 1920, height: null })).toBeNull();
    expect(formatType('image/png')).toBe('PNG');
    expect(formatType('video/quicktime')).toBe('MOV');
    expect(formatType('image/x-icon')).toBe('ICON');
  });

  it('turns a refused upload into its problem detail, or the status without one', () => {
    const tooBig = uploadProblem(413, 'application/problem+json', JSON.stringify({ title: 'Media too large', detail: 'the upload exceeds the limit of 10 bytes' }));
    expect(tooBig.status).toBe(413);
    expect(tooBig.detail).toBe('the upload exceeds the limit of 10 bytes');
    const proxy = uploadProblem(502, 'text/html', '<html>Bad gateway</html>');
    expect(proxy.detail).toBe('HTTP 502');
    expect(uploadProblem(415, 'application/json', 'not json').detail).toBe('HTTP 415');
  });
});

/** An XMLHttpRequest that answers each send with the next of `answers`, recording what was sent. */
function fakeXhr(answers: { status: number; body: unknown }[]) {
  const sent: { url: string; headers: Record<string, string> }[] = [];
  class FakeXhr {
    status = 0;
    responseText = '';
    upload = { onprogress: null as unknown };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    private url = '';
    private headers: Record<string, string> = {};
    open(_method: string, url: string) {
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value;
    }
    getResponseHeader() {
      return this.status === 401 ? 'application/problem+json' : 'application/json';
    }
    abort() {}
    send() {
      sent.push({ url: this.url, headers: this.headers });
      const answer = answers.shift()!;
      this.status = answer.status;
      this.responseText = JSON.stringify(answer.body);
      queueMicrotask(() => this.onload?.());
    }
  }
  return { FakeXhr, sent };
}

describe('uploads and the session', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setSessionExpiredHandler(null);
    setCsrfToken(null);
  });

  const file = new File([new Uint8Array([1, 2, 3])], 'winter.png', { type: 'image/png' });
  const asset = { id: 'a1', fileName: 'winter.png', mimeType: 'image/png', sizeBytes: 3 };

  it('asks for a new login on 401, then sends the file again with the new CSRF token', async () => {
    const { FakeXhr, sent } = fakeXhr([
      { status: 401, body: { title: 'Unauthorized', detail: 'the session has ended' } },
      { status: 201, body: asset },
    ]);
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    setCsrfToken('old');
    const relogin = vi.fn(async () => setCsrfToken('new'));
    setSessionExpiredHandler(relogin);
    const uploaded = await uploadMedia('/workspaces/demo', file, () => undefined);
    expect(uploaded).toEqual({ asset, duplicate: false });
    expect(relogin).toHaveBeenCalledTimes(1);
    expect(sent.map((s) => s.headers['X-CSRF-Token'])).toEqual(['old', 'new']);
    expect(sent[1].url).toBe('/api/v1/workspaces/demo/media?fileName=winter.png');
  });

  it('gives up after a second 401, and at once when nobody is signed in to ask', async () => {
    const twice = fakeXhr([
      { status: 401, body: { detail: 'ended' } },
      { status: 401, body: { detail: 'still ended' } },
    ]);
    vi.stubGlobal('XMLHttpRequest', twice.FakeXhr);
    setSessionExpiredHandler(async () => undefined);
    await expect(uploadMedia('/workspaces/demo', file, () => undefined)).rejects.toMatchObject({ status: 401, detail: 'still ended' });
    expect(twice.sent).toHaveLength(2);

    setSessionExpiredHandler(null);
    const once = fakeXhr([{ status: 401, body: { detail: 'ended' } }]);
    vi.stubGlobal('XMLHttpRequest', once.FakeXhr);
    await expect(uploadMedia('/workspaces/demo', file, () => undefined)).rejects.toMatchObject({ status: 401 });
    expect(once.sent).toHaveLength(1);
  });
});
