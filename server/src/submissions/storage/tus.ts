import type { IncomingMessage } from 'node:http';

import { Server, type ServerOptions, type Upload } from '@tus/server';

import type { ObjectStorage } from './object-storage.js';

/** An upload as the callbacks see it: its id, declared size, bytes received so far, and metadata (the client's, then the server's own on top). */
export interface TusUploadInfo {
  id: string;
  size: number;
  offset: number;
  metadata: Record<string, string>;
}

/** Thrown by a callback to refuse a request with this status and a short plain-text message. */
export class UploadRefused extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429,
    message: string,
  ) {
    super(message);
  }
}

export interface TusServerOptions {
  /** Where the server is mounted, e.g. `/api/uploads`; a request for `<path>/<id>` addresses one upload. */
  path: string;
  /** The uploads land in `storage.tusDataStore()`: a `FileStore` under the data folder, or an `S3Store`. */
  storage: ObjectStorage;
  /** The largest upload accepted, in bytes (Upload-Length above it: 413). */
  maxSize: number;
  /**
   * Decides whether the request may start this upload (the caller's auth decides: the guard that
   * ran before the handler put the user on `req`). Returns metadata to keep with the upload, e.g. the
   * owner's and the entry's ids; those keys override any the client sent. Throw `UploadRefused` to refuse.
   */
  authorizeCreate(req: IncomingMessage, upload: TusUploadInfo): Promise<Record<string, string> | void>;
  /**
   * Decides on every later request to an existing upload (HEAD, PATCH, DELETE), from the metadata
   * kept at creation. Unset, the upload URL (128 random bits) is the only key to it.
   */
  authorizeResume?(req: IncomingMessage, upload: TusUploadInfo): Promise<void>;
  /**
   * Runs when the last byte has arrived, before the client's last PATCH is answered; adopt, check
   * and process the file here. Throw `UploadRefused` (e.g. 415 for a file that lies about its type)
   * and the upload is deleted, unless already adopted: delete an adopted one yourself.
   */
  onFinish(req: IncomingMessage, upload: TusUploadInfo): Promise<void | { headers?: Record<string, string> }>;
  /** Origins a browser may upload from (CORS); unset, any origin. */
  allowedOrigins?: string[];
  /** Honour `Forwarded` / `X-Forwarded-*` when building absolute upload URLs (only matters with `relativeLocation: false`). */
  respectForwardedHeaders?: boolean;
  /** `Location: /api/uploads/<id>` rather than an absolute URL guessed from the Host header (the default: right behind any proxy). */
  relativeLocation?: boolean;
}

type TusRequest = Parameters<NonNullable<ServerOptions['onUploadCreate']>>[0];

/**
 * A tus 1.0 server (resumable uploads: a phone that loses its connection at 80% goes on from 80%)
 * storing into the given storage. Mount it with its own body handling, e.g.
 * `app.use('/api/uploads', guard, (req, res) => server.handle(req, res))`. It never serves the
 * files back: GET answers 404; the app serves a file after its own access check (`serveObject`).
 */
export function createTusServer(options: TusServerOptions): Server {
  const datastore = options.storage.tusDataStore();
  return new Server({
    path: options.path,
    datastore,
    maxSize: options.maxSize,
    relativeLocation: options.relativeLocation ?? true,
    respectForwardedHeaders: options.respectForwardedHeaders ?? false,
    allowedOrigins: options.allowedOrigins,
    // A finished upload belongs to the app (adopted into storage); the client cannot delete it from under it.
    disableTerminationForFinishedUploads: true,
    async onIncomingRequest(req, id) {
      if (req.method === 'GET') throw tusError(404, 'Not found');
      if (req.method === 'POST' || !options.authorizeResume) return;
      const upload = await datastore.getUpload(id);
      await refusing(() => options.authorizeResume!(nodeRequest(req), describe(upload)));
    },
    async onUploadCreate(req, upload) {
      if (upload.sizeIsDeferred) throw tusError(400, 'Upload-Length is required');
      const own = await refusing(() => options.authorizeCreate(nodeRequest(req), describe(upload)));
      return { metadata: { ...upload.metadata, ...(own ?? {}) } };
    },
    async onUploadFinish(req, upload) {
      try {
        const answer = await refusing(() => options.onFinish(nodeRequest(req), describe(upload)));
        return answer?.headers ? { headers: answer.headers } : {};
      } catch (error) {
        // A refused file is forgotten, so that a retrying client finds no finished upload (404) to call a success.
        if (error instanceof TusHttpError) await datastore.remove(upload.id).catch(() => undefined);
        throw error;
      }
    },
    onResponseError(_req, error) {
      // tus's own errors carry their status; anything else is ours and says nothing of its insides.
      if ('status_code' in error) return undefined;
      return { status_code: 500, body: 'Internal error\n' };
    },
  });
}

function describe(upload: Upload): TusUploadInfo {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(upload.metadata ?? {})) metadata[name] = value ?? '';
  return { id: upload.id, size: upload.size ?? 0, offset: upload.offset, metadata };
}

function nodeRequest(req: TusRequest): IncomingMessage {
  const node = req.runtime?.node?.req;
  if (!node) throw new Error('The tus server is mounted on Node.js http (server.handle), not as a fetch handler');
  return node as IncomingMessage;
}

async function refusing<T>(callback: () => Promise<T>): Promise<T> {
  try {
    return await callback();
  } catch (error) {
    if (error instanceof UploadRefused) throw tusError(error.status, error.message);
    throw error;
  }
}

/** An error in the shape `@tus/server` turns into a response (`status_code`, `body`). */
class TusHttpError extends Error {
  readonly body: string;
  constructor(
    readonly status_code: number,
    message: string,
  ) {
    super(message);
    this.body = `${message}\n`;
  }
}

function tusError(status: number, message: string): TusHttpError {
  return new TusHttpError(status, message);
}
