import type { LoginResponse } from '@tinhtao/shared';

import { ApiError, problemFrom } from './ApiError';
import { session } from './session';

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON; a `FormData` goes as `multipart/form-data` (a file upload). */
  body?: unknown;
  /** Filters and paging only: a token never goes into a URL. */
  query?: Record<string, QueryValue>;
  /** Send no bearer token and never refresh on 401 (login, refresh). */
  anonymous?: boolean;
  signal?: AbortSignal;
}

export interface HttpHooks {
  /** A refresh succeeded; its user may differ from the one we hold (renamed, role changed). */
  onRefreshed(response: LoginResponse): void;
  /** The session cannot be saved (refresh token spent or revoked): sign out. */
  onSessionExpired(): void;
  /** Every answer's status: a detail page refused its own record (404/403) shows its not-found state. */
  onAnswer?(path: string, status: number, method: string): void;
}

const BASE = '/api';
/** Refresh a little before the access token runs out rather than waste a request on a 401. */
const EXPIRY_MARGIN_MS = 10_000;

let hooks: HttpHooks = { onRefreshed: () => {}, onSessionExpired: () => {} };

export function configureHttp(next: HttpHooks): void {
  hooks = next;
}

/**
 * The one way the client talks to the API: bearer token, one refresh-and-retry on 401,
 * and every failure thrown as an {@link ApiError} built from the problem details.
 */
export async function http<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await authorized(path, options);
  hooks.onAnswer?.(path, response.status, options.method ?? 'GET');
  return read<T>(response);
}

export interface DownloadedFile {
  blob: Blob;
  /** From `Content-Disposition`, when the server names the file. */
  filename: string | null;
}

/**
 * A file the API generates (a spreadsheet, a PDF), fetched like any call with the bearer
 * token in the header, so that a token never appears in a URL, a history or a log.
 */
export async function download(path: string, options: Omit<RequestOptions, 'body' | 'method'> = {}): Promise<DownloadedFile> {
  const response = await authorized(path, { ...options, accept: '*/*' });
  if (!response.ok) throw await problemFrom(response);
  return { blob: await response.blob(), filename: filenameOf(response.headers.get('Content-Disposition')) };
}

/**
 * An access token for the WebSocket handshake (`auth: {token}`): the stored one, refreshed
 * first when it is about to run out, or when `force` says the server has just refused it.
 * Null when nobody is signed in or the session is over (then the app signs out).
 */
export async function socketAccessToken(force = false): Promise<string | null> {
  const stored = session.read();
  if (!stored) return null;
  if (!force && stored.expiresAt - EXPIRY_MARGIN_MS >= Date.now()) return stored.accessToken;
  let fresh: string | null;
  try {
    fresh = await freshAccessToken(stored.accessToken);
  } catch {
    // The server is down or busy: the old token is as good as anything until it answers.
    return stored.accessToken;
  }
  if (fresh === null) expire();
  return fresh;
}

/** The response to a call with a valid token: refreshed once on a 401 about the session, or the problem thrown. */
async function authorized(path: string, options: RequestOptions & { accept?: string }): Promise<Response> {
  if (options.anonymous) return send(path, options, null);

  const stored = session.read();
  let token = stored?.accessToken ?? null;
  if (stored && stored.expiresAt - EXPIRY_MARGIN_MS < Date.now()) token = (await freshAccessToken(stored.accessToken)) ?? token;

  const first = await send(path, options, token);
  if (first.status !== 401) return first;
  const rejected = await problemFrom(first);
  if (!isSessionProblem(rejected)) throw rejected;

  const fresh = token === null ? null : await freshAccessToken(token);
  if (fresh === null) {
    expire();
    throw rejected;
  }
  const retried = await send(path, options, fresh);
  if (retried.status !== 401) return retried;
  const again = await problemFrom(retried);
  if (isSessionProblem(again)) expire();
  throw again;
}

/** `attachment; filename*=UTF-8''Ti%E1%BA%BFn%20%C4%91%E1%BB%99.xlsx` or `filename="x.xlsx"`. */
function filenameOf(header: string | null): string | null {
  if (!header) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      // A malformed name: fall back to the plain one.
    }
  }
  return /filename="?([^";]+)"?/i.exec(header)?.[1] ?? null;
}

/** A 401 about the token, not a wrong password typed into a form (e.g. the current password on /me/password). */
function isSessionProblem(error: ApiError): boolean {
  return error.code !== 'INVALID_CREDENTIALS';
}

function expire(): void {
  session.clear();
  hooks.onSessionExpired();
}

function url(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${BASE}${path}${search ? `?${search}` : ''}`;
}

async function send(path: string, options: RequestOptions & { accept?: string }, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json, application/problem+json' };
  // A form (a file upload) sets its own multipart Content-Type with the boundary.
  const form = options.body instanceof FormData;
  if (options.body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(url(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : form ? (options.body as FormData) : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw ApiError.network();
  }
}

async function read<T>(response: Response): Promise<T> {
  if (!response.ok) throw await problemFrom(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

// ── Refresh, single-flight ─────────────────────────────────────────────────

let refreshing: Promise<string | null> | null = null;

/**
 * An access token newer than `stale`, or null when the session is over. Concurrent callers
 * share one refresh; a refresh already done (here or in another tab) is reused, because a
 * refresh token is spent on use and reusing it revokes the whole session.
 */
function freshAccessToken(stale: string): Promise<string | null> {
  const current = session.accessToken();
  if (current !== null && current !== stale) return Promise.resolve(current);
  refreshing ??= acrossTabs(() => refresh(stale)).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** Tabs share localStorage, so they take turns refreshing (Web Locks where the browser has them). */
function acrossTabs<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? (locks.request('tt.auth.refresh', task) as Promise<T>) : task();
}

async function refresh(stale: string): Promise<string | null> {
  const stored = session.read();
  if (!stored) return null;
  if (stored.accessToken !== stale) return stored.accessToken;

  const response = await send('/auth/refresh', { method: 'POST', body: { refreshToken: stored.refreshToken } }, null);
  // A server that is down or busy has not spent the token: fail this request, keep the session.
  if (response.status >= 500 || response.status === 429) throw await problemFrom(response);
  if (!response.ok) return null;

  const renewed = (await response.json()) as LoginResponse;
  session.save(renewed);
  hooks.onRefreshed(renewed);
  return renewed.accessToken;
}
