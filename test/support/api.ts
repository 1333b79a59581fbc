import type { LoginResponse, ProblemDetails } from '@tinhtao/shared';

export const DEMO_PASSWORD = 'Demo@2026';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A tiny HTTP client for tests: JSON in, JSON (or problem details) out, never throws on status. */
export class Api {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  as(token: string): Api {
    return new Api(this.baseUrl, token);
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body ?? {});
  put = <T = any>(path: string, body?: unknown) => this.request<T>('PUT', path, body ?? {});
  patch = <T = any>(path: string, body?: unknown) => this.request<T>('PATCH', path, body ?? {});
  delete = <T = any>(path: string) => this.request<T>('DELETE', path);

  /** A multipart upload of one file in the field `file`, as a browser sends it. */
  async upload<T = any>(path: string, file: { name: string; content: string | Uint8Array; type?: string }): Promise<ApiResponse<T>> {
    const form = new FormData();
    form.append('file', new Blob([file.content as BlobPart], { type: file.type ?? 'application/octet-stream' }), file.name);
    const res = await fetch(this.baseUrl + path, { method: 'POST', body: form, headers: this.token ? { authorization: `Bearer ${this.token}` } : {} });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  async login(username: string, password = DEMO_PASSWORD): Promise<LoginResponse> {
    const res = await this.post<LoginResponse>('/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username}: expected 200, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** A client signed in as the user. */
  async signedIn(username: string, password = DEMO_PASSWORD): Promise<Api> {
    return this.as((await this.login(username, password)).accessToken);
  }
}

export function expectProblem(res: ApiResponse, status: number, code?: string): ProblemDetails {
  const body = res.body as ProblemDetails;
  const shown = `${res.status} ${JSON.stringify(body)}`;
  if (res.status !== status) throw new Error(`expected status ${status}, got ${shown}`);
  if (res.headers.get('content-type')?.startsWith('application/problem+json') !== true)
    throw new Error(`expected problem+json, got ${res.headers.get('content-type')}`);
  if (body.status !== status || typeof body.title !== 'string' || typeof body.type !== 'string') throw new Error(`not a problem details body: ${shown}`);
  if (code && body.code !== code) throw new Error(`expected code ${code}, got ${shown}`);
  return body;
}
