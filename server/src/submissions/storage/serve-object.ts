import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';

import { notFound } from '../../platform/app-error.js';
import { ObjectNotFoundError, type ObjectStorage, RangeNotSatisfiableError, type StoredObject } from './object-storage.js';
import { parseRange } from './range.js';

export interface ServeOptions {
  /** E.g. `private, max-age=3600` for a judge's view; unset, no Cache-Control header is sent. */
  cacheControl?: string;
  /** A ready `Content-Disposition` value (see `contentDisposition` in platform/download). */
  disposition?: string;
}

/**
 * Sends a stored object as the answer to a GET or HEAD: 200 with the whole object, 206 with the
 * one range asked for, 304 when the client's copy is current, 416 for a range outside the object.
 * Range requests are what lets a video player seek. The caller has checked access first; a
 * missing object is the app's usual 404 problem, thrown before anything is written.
 */
export async function serveObject(storage: ObjectStorage, key: string, req: IncomingMessage, res: ServerResponse, options: ServeOptions = {}): Promise<void> {
  const info = await storage.stat(key);
  if (!info) throw notFound('file');

  if (matchesEtag(req.headers['if-none-match'], info.etag)) {
    res.writeHead(304, { ETag: info.etag, 'Accept-Ranges': 'bytes', ...(options.cacheControl ? { 'Cache-Control': options.cacheControl } : {}) });
    res.end();
    return;
  }

  // If-Range: the client's partial copy is of this version, or it gets the whole object.
  const ifRange = req.headers['if-range'];
  const rangeHeader = ifRange === undefined || ifRange === info.etag ? req.headers.range : undefined;
  const answer = parseRange(rangeHeader, info.size);
  if (answer.kind === 'unsatisfiable') return refuseRange(res, info.size);

  let object: StoredObject;
  try {
    object = await storage.get(key, answer.kind === 'partial' ? { start: answer.start, end: answer.end } : undefined);
  } catch (error) {
    // Replaced or deleted between the two reads.
    if (error instanceof ObjectNotFoundError) throw notFound('file');
    if (error instanceof RangeNotSatisfiableError) return refuseRange(res, Number.isFinite(error.size) ? error.size : info.size);
    throw error;
  }

  const headers: Record<string, string> = {
    'Content-Type': object.contentType,
    'Content-Length': String(object.range ? object.range.end - object.range.start + 1 : object.size),
    ETag: object.etag,
    'Last-Modified': object.lastModified.toUTCString(),
    'Accept-Ranges': 'bytes',
    'X-Content-Type-Options': 'nosniff',
  };
  if (object.range) headers['Content-Range'] = `bytes ${object.range.start}-${object.range.end}/${object.size}`;
  if (options.cacheControl) headers['Cache-Control'] = options.cacheControl;
  if (options.disposition) headers['Content-Disposition'] = options.disposition;
  res.writeHead(object.range ? 206 : 200, headers);

  if (req.method === 'HEAD') {
    object.stream.destroy();
    res.end();
    return;
  }
  try {
    await pipeline(object.stream, res);
  } catch {
    // The client went away (a player seeking elsewhere closes its request): nothing to answer.
    object.stream.destroy();
  }
}

function refuseRange(res: ServerResponse, size: number): void {
  res.writeHead(416, { 'Content-Range': `bytes */${size}`, 'Accept-Ranges': 'bytes', 'Content-Length': '0' });
  res.end();
}

/** `If-None-Match`: `*`, or a list of tags compared weakly (RFC 9110 §13.1.2). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => bare(tag) === bare(etag));
}
