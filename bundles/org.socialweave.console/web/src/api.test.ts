import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, request, setCsrfToken, setSessionExpiredHandler } from './api';

function answer(status: number, body: unknown, type = 'application/json') {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  setSessionExpiredHandler(null);
  setCsrfToken(null);
});

describe('api', () => {
  it('sends the CSRF token on state changes only', async () => {
    const fetch = vi.fn().mockImplementation(async () => answer(200, { ok: true }));
    vi.stubGlobal('fetch', fetch);
    setCsrfToken('csrf-1');
    await api.get('/workspaces');
    await api.post('/workspaces/demo/channels/x/test');
    expect(fetch.mock.calls[0][1].headers['X-CSRF-Token']).toBeUndefined();
    expect(fetch.mock.calls[1][1].headers['X-CSRF-Token']).toBe('csrf-1');
    expect(fetch.mock.calls[1][0]).toBe('/api/v1/workspaces/demo/channels/x/test');
  });

  it('turns a problem into an ApiError carrying its detail', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(answer(409, { type: 'urn:socialweave:problem:conflict', title: 'Conflict', status: 409, detail: 'the bot token was refused' }, 'application/problem+json')));
    const error = await api.post('/x').catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(409);
    expect(error.detail).toBe('the bot token was refused');
  });

  it('waits for a new login on 401 and then sends the request again', async () => {
    const fetch = vi.fn().mockResolvedValueOnce(answer(401, { title: 'Unauthorized', detail: 'session expired' })).mockResolvedValueOnce(answer(200, { saved: true }));
    vi.stubGlobal('fetch', fetch);
    const relogin = vi.fn().mockResolvedValue(undefined);
    setSessionExpiredHandler(relogin);
    await expect(api.put('/workspaces/demo/posts/1', { text: 'kept' })).resolves.toEqual({ saved: true });
    expect(relogin).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[1][1].body).toBe(JSON.stringify({ text: 'kept' }));
  });

  it('sends a request refused for an old CSRF token once more with the token of the current session', async () => {
    const refused = { type: 'urn:socialweave:problem:csrf', title: 'CSRF token missing or wrong', status: 403 };
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(answer(403, refused, 'application/problem+json'))
      .mockResolvedValueOnce(answer(200, { csrfToken: 'csrf-new' }))
      .mockResolvedValueOnce(answer(201, { id: 'p1' }));
    vi.stubGlobal('fetch', fetch);
    setCsrfToken('csrf-old');
    await expect(api.post('/workspaces/demo/posts', { text: 'kept' })).resolves.toEqual({ id: 'p1' });
    expect(fetch.mock.calls[1][0]).toBe('/api/v1/session');
    expect(fetch.mock.calls[2][1].headers['X-CSRF-Token']).toBe('csrf-new');
    expect(fetch.mock.calls[2][1].body).toBe(JSON.stringify({ text: 'kept' }));
  });

  it('gives up on a CSRF refusal after one repeat, and on other refusals at once', async () => {
    const refused = { type: 'urn:socialweave:problem:csrf', title: 'CSRF token missing or wrong', status: 403 };
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(answer(403, refused, 'application/problem+json'))
      .mockResolvedValueOnce(answer(200, { csrfToken: 'csrf-new' }))
      .mockResolvedValueOnce(answer(403, refused, 'application/problem+json'))
      .mockResolvedValueOnce(answer(403, { type: 'urn:socialweave:problem:forbidden', title: 'Forbidden', status: 403 }, 'application/problem+json'));
    vi.stubGlobal('fetch', fetch);
    setCsrfToken('csrf-old');
    expect((await api.post('/x').catch((e) => e)).status).toBe(403);
    expect((await api.post('/y').catch((e) => e)).type).toBe('urn:socialweave:problem:forbidden');
    expect(fetch).toHaveBeenCalledTimes(4);
  });

  it('reports an unreachable server as a network problem, not a crash', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const error = await api.get('/health').catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(0);
  });

  it('sends a raw body (a CSV file) as it is, with its own type and the CSRF token', async () => {
    const fetch = vi.fn().mockImplementation(async () => answer(200, { rows: 1 }));
    vi.stubGlobal('fetch', fetch);
    setCsrfToken('csrf-2');
    const bytes = new TextEncoder().encode('text,channels\nhi,tg\n');
    await request('POST', '/workspaces/demo/posts/imports?dryRun=true', { rawBody: { data: bytes, contentType: 'text/csv' } });
    const init = fetch.mock.calls[0][1];
    expect(init.body).toBe(bytes);
    expect(init.headers['Content-Type']).toBe('text/csv');
    expect(init.headers['X-CSRF-Token']).toBe('csrf-2');
  });
});
