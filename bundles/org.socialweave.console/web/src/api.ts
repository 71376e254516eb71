// The console's only way to the server: the public REST API at /api/v1, with the session cookie
// (SW_SESSION, sent by the browser) and the session's CSRF token on every state change.

export const API = '/api/v1';

/** An RFC 9457 problem (or a network failure shaped like one): what the user is shown. */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly field?: string;

  constructor(status: number, problem: { type?: string; title?: string; detail?: string; field?: string }) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.type = problem.type ?? 'about:blank';
    this.title = problem.title ?? `HTTP ${status}`;
    this.detail = problem.detail || problem.title || `HTTP ${status}`;
    this.field = problem.field;
  }
}

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

type SessionExpiredHandler = () => Promise<void>;

let csrfToken: string | null = null;
let onSessionExpired: SessionExpiredHandler | null = null;

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** The session's CSRF token, for requests not made by {@link request} (uploads with progress). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

/**
 * Called when a request made while logged in answers 401: the handler asks the user to log in
 * again (keeping the screen as it is) and resolves once they did; the request is then sent again.
 */
export function setSessionExpiredHandler(handler: SessionExpiredHandler | null) {
  onSessionExpired = handler;
}

/**
 * For a 401 met outside {@link request} (uploads with progress): asks the user to log in again
 * like request() does and resolves true once they did; false when nobody is signed in to ask.
 */
export async function reloginAfterExpiry(): Promise<boolean> {
  if (!onSessionExpired) return false;
  await onSessionExpired();
  return true;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Return the raw Response (for ETags) instead of the parsed body. */
  raw?: boolean;
  /** Do not wait for a new login on 401 (the login call itself). */
  noRelogin?: boolean;
  signal?: AbortSignal;
  /** A body sent as it is (a file), with its own Content-Type, instead of JSON. */
  rawBody?: { data: BodyInit; contentType: string };
  /** Set on the one repeat after a CSRF refusal, with the session's current token. */
  tokenRenewed?: boolean;
}

const CSRF_PROBLEM = 'urn:socialweave:problem:csrf';

async function problemOf(response: Response): Promise<ApiError> {
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      return new ApiError(response.status, await response.json());
    } catch {
      // fall through to the status line
    }
  }
  return new ApiError(response.status, { title: `${response.status} ${response.statusText}`.trim() });
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  } else if (options.rawBody) {
    headers['Content-Type'] = options.rawBody.contentType;
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  let response: Response;
  try {
    response = await fetch(API + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? options.rawBody?.data : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, { type: 'urn:socialweave:console:network', title: 'Network error', detail: String((e as Error).message ?? e) });
  }
  if (response.status === 401 && !options.noRelogin && onSessionExpired) {
    await onSessionExpired();
    return request<T>(method, path, { ...options, noRelogin: true });
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (problem.type === CSRF_PROBLEM && !options.tokenRenewed) {
      // Built before a new login landed: the browser sent the new session's cookie with the old
      // session's token. The session the cookie names tells its token; the request goes once more.
      const current = await request<SessionInfo>('GET', '/session', { noRelogin: true }).catch(() => null);
      if (current) {
        csrfToken = current.csrfToken;
        return request<T>(method, path, { ...options, tokenRenewed: true });
      }
    }
    throw problem;
  }
  if (options.raw) {
    return response as unknown as T;
  }
  if (response.status === 204 || response.headers.get('Content-Length') === '0') {
    return undefined as T;
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body: body ?? {} }),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  del: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};

/** Encodes one path segment (workspace slugs, ids). */
export const seg = (value: string) => encodeURIComponent(value);

// ---------------------------------------------------------------- records of the API

export type Role = 'VIEWER' | 'ANALYST' | 'EDITOR' | 'APPROVER' | 'MANAGER' | 'ADMIN';
export const ROLES: Role[] = ['VIEWER', 'ANALYST', 'EDITOR', 'APPROVER', 'MANAGER', 'ADMIN'];

export interface SessionInfo {
  userId: string;
  username: string;
  systemAdmin: boolean;
  roles: Record<string, Role>;
  csrfToken: string;
}

export interface Workspace {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  createdAt: string;
  version: number;
}

export interface TokenHealth {
  state: 'HEALTHY' | 'EXPIRING' | 'NEEDS_RECONNECT';
  expiresAt?: string;
  expiresInDays?: number;
  checkedAt?: string;
  detail?: string;
}

export interface Channel {
  id: string;
  workspaceId: string;
  network: string;
  accountId: string;
  displayName: string;
  health: TokenHealth;
  settings: Record<string, string>;
  connectedAt: string;
  updatedAt: string;
  version: number;
}

export interface ConnectField {
  name: string;
  labelZh: string;
  labelEn: string;
  secret: boolean;
}

export interface TextLimit {
  maxLength: number;
  counting: 'UTF16_CODE_UNITS' | 'CODE_POINTS' | 'GRAPHEMES' | 'GRAPHEMES_AND_UTF8_BYTES' | 'X_WEIGHTED' | 'WEIBO_CJK_FULL_LATIN_HALF';
  maxUtf8Bytes?: number;
  urlLength?: number;
}

export interface MediaRules {
  maxImages: number;
  maxVideos: number;
  allowedMimeTypes: string[];
  maxImageBytes: number;
  maxVideoBytes: number;
  textWithVideo: boolean;
  imagesWithVideo: boolean;
}

export interface Network {
  descriptor: { id: string; nameZh: string; nameEn: string; text: TextLimit; media?: MediaRules; operations: string[] };
  connectFlow: { method: 'OAUTH2_PKCE' | 'OAUTH2' | 'APP_SECRET' | 'APP_PASSWORD' | 'BOT_TOKEN' | 'ACCESS_TOKEN'; fields: ConnectField[] };
}

export const isOAuth = (network: Network) => network.connectFlow.method.startsWith('OAUTH2');

export interface User {
  id: string;
  username: string;
  displayName?: string;
  email?: string;
  systemAdmin: boolean;
  disabled: boolean;
  createdAt: string;
  version: number;
}

export interface Membership {
  workspaceId: string;
  userId: string;
  username: string;
  role: Role;
  grantedAt: string;
}

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  userId: string;
  createdAt: string;
  expiresAt?: string;
  revokedAt?: string;
  lastUsedAt?: string;
}

export interface AuditEntry {
  sequence: number;
  at: string;
  event: { actor: string; workspaceId?: string; action: string; target?: string; sourceAddress?: string; outcome: string };
  hash: string;
}

export interface Verification {
  intact: boolean;
  entriesChecked: number;
  firstBrokenSequence?: number;
  reason?: string;
}

export interface Plugin {
  symbolicName: string;
  name: string;
  version: string;
  state: string;
  thirdParty: boolean;
  capabilities: { service: string; properties: Record<string, unknown> }[];
}

export type PostStatus = 'DRAFT' | 'SCHEDULED' | 'PUBLISHING' | 'PUBLISHED' | 'PARTIALLY_PUBLISHED' | 'FAILED' | 'CANCELLED';

export interface PostVariant {
  id: string;
  channelId: string;
  network: string;
  text: string;
  customText: boolean;
  length: number;
  maxLength: number;
  warnings: string[];
  status: Exclude<PostStatus, 'PARTIALLY_PUBLISHED'>;
  scheduledAt?: string;
  attempts: number;
  url?: string;
  publishedAt?: string;
  failure?: { kind: string; networkCode?: string; message: string; action?: string };
  media?: string[];
  customMedia?: boolean;
  mentions?: string[];
  /** The tracked short link that replaced each link of the text, by original URL. */
  shortLinks?: Record<string, string>;
}

export interface Post {
  id: string;
  text: string;
  title?: string;
  link?: string;
  timeZone?: string;
  scheduledAt?: string;
  status: PostStatus;
  revision: number;
  variants: PostVariant[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  media?: string[];
  tags?: string[];
  utmCampaign?: string | null;
  sponsored?: boolean;
}

export interface PostBody {
  text: string;
  title?: string;
  link?: string;
  channelIds: string[];
  timeZone?: string;
  variantTexts?: Record<string, string>;
  media?: string[];
  variantMedia?: Record<string, string[]>;
  tags?: string[];
  variantMentions?: Record<string, string[]>;
  utmCampaign?: string;
  sponsored?: boolean;
}

/** Every page of a list, following nextCursor (bounded, for small admin lists). */
export async function all<T>(path: string, maxPages = 20): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null | undefined;
  for (let i = 0; i < maxPages; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const page = await api.get<Page<T>>(`${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}
