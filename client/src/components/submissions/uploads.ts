import type { PickedFile } from './files';

/** Why an upload stopped, as the student is told it. */
export type UploadFailureKind = 'network' | 'session' | 'type' | 'tooLarge' | 'unreadable' | 'closed' | 'gone' | 'busy' | 'server' | 'other';

export interface UploadFailure {
  kind: UploadFailureKind;
  /** The problem details' `code`, when the server sent JSON problem details. */
  code?: string;
}

const BY_STATUS: Record<number, UploadFailureKind> = {
  0: 'network',
  401: 'session',
  403: 'closed',
  404: 'gone',
  409: 'closed',
  410: 'gone',
  413: 'tooLarge',
  415: 'type',
  422: 'unreadable',
  429: 'busy',
};

/**
 * What a refused tus request means. The server answers problem details (a `code` the client
 * translates) or a short plain text; without a code, the status says it: 413 too large, 415 a
 * file that is not what it claims, 403/409 the window closed, 404/410 the upload is gone.
 */
export function uploadFailure(status: number, body: string): UploadFailure {
  const kind: UploadFailureKind = BY_STATUS[status] ?? (status >= 500 ? 'server' : 'other');
  const code = problemCode(body);
  return code ? { kind, code } : { kind };
}

function problemCode(body: string): string | undefined {
  if (!body.trimStart().startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    const code = parsed && typeof parsed === 'object' ? (parsed as { code?: unknown }).code : undefined;
    return typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether tus should try the request again by itself: a dropped connection, an offset the server
 * sees differently (409 on a PATCH: tus asks where it stands, then goes on), a locked upload, a busy
 * or failing server. A refusal (type, size, window, rights) is final.
 */
export function shouldRetryUpload(status: number, method: string): boolean {
  if (status === 0 || status === 423 || status === 429 || status >= 500) return true;
  return status === 409 && method === 'PATCH';
}

/** The header of the upload's last answer that names the file it became (the server's `Submission-File-Id`). */
export const FILE_ID_HEADER = 'Submission-File-Id';

/**
 * The key under which tus remembers an unfinished upload on this device, to resume it when the same
 * file is picked again. It names the person and the contest: on a phone shared by a class, another
 * student picking a file of the same name never continues someone else's upload.
 */
export function uploadFingerprint(userId: string, scope: string, file: PickedFile): string {
  return ['tt-upload', userId, scope, file.name, file.type, file.size, file.lastModified ?? 0].join(':');
}

/** The share sent, 0-100, never 100 before the server has answered the last byte. */
export function uploadPercent(sent: number, total: number, done: boolean): number {
  if (done) return 100;
  if (total <= 0) return 0;
  return Math.min(99, Math.floor((100 * sent) / total));
}
