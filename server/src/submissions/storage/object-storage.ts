import type { Readable } from 'node:stream';

import type { DataStore } from '@tus/server';

/** A stored object as the storage knows it. */
export interface ObjectInfo {
  key: string;
  /** Bytes of the whole object. */
  size: number;
  contentType: string;
  /** A quoted HTTP entity tag, e.g. `"1f4-18c2a…"`; changes when the object is replaced. */
  etag: string;
  lastModified: Date;
}

/** Inclusive byte positions, as in HTTP: `{ start: 0, end: 499 }` is the first 500 bytes. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface StoredObject extends ObjectInfo {
  /** The bytes asked for: the whole object, or only the range. */
  stream: Readable;
  /** The range read, or null for the whole object. */
  range: ByteRange | null;
}

export interface PutOptions {
  contentType: string;
}

/**
 * Where submitted files live: local disk under the data folder, or any S3-compatible store.
 * Every read and write is streamed; an object becomes visible whole or not at all.
 *
 * Keys are the application's own names, `/`-separated, each segment of letters, digits, `.`, `_`
 * and `-` (see `assertObjectKey`); a key a user typed never reaches storage.
 */
export interface ObjectStorage {
  put(key: string, body: Readable | Buffer, options: PutOptions): Promise<ObjectInfo>;
  /** Throws `ObjectNotFoundError`, or `RangeNotSatisfiableError` for a range outside the object. */
  get(key: string, range?: ByteRange): Promise<StoredObject>;
  /** Null when there is no such object. */
  stat(key: string): Promise<ObjectInfo | null>;
  /** Deleting a missing object is not an error. */
  delete(key: string): Promise<void>;
  /** Renames an object (a server-side copy on S3); the old key is gone afterwards. */
  move(fromKey: string, toKey: string): Promise<ObjectInfo>;
  /** The tus data store that keeps resumable uploads in this storage (one per storage, created on first use). */
  tusDataStore(): DataStore;
  /** Makes a finished tus upload the object `key`, and forgets the upload; throws `ObjectNotFoundError` for an unknown or unfinished one. */
  adoptTusUpload(uploadId: string, key: string, options: PutOptions): Promise<ObjectInfo>;
}

export class ObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No stored object ${JSON.stringify(key)}`);
  }
}

export class InvalidObjectKeyError extends Error {
  constructor(readonly key: string) {
    super(`Not a storage key: ${JSON.stringify(key.slice(0, 200))}`);
  }
}

export class RangeNotSatisfiableError extends Error {
  constructor(
    readonly range: ByteRange,
    readonly size: number,
  ) {
    super(`Bytes ${range.start}-${range.end} are outside an object of ${size} bytes`);
  }
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;
export const MAX_KEY_LENGTH = 1024;

/**
 * Refuses anything but a plain relative name: no `..` or `.` segment, no leading or doubled `/`,
 * no backslash, no NUL or other control character, nothing outside ASCII letters, digits, `.`,
 * `_`, `-`; a segment never starts with `.` (so no hidden files, no `..`).
 */
export function assertObjectKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) throw new InvalidObjectKeyError(String(key));
  for (const segment of key.split('/')) if (!SEGMENT.test(segment)) throw new InvalidObjectKeyError(key);
}

/** Checks a range the caller asks of an object of `size` bytes (parse HTTP headers with `parseRange`). */
export function assertRangeWithin(range: ByteRange, size: number): void {
  const ok = Number.isSafeInteger(range.start) && Number.isSafeInteger(range.end) && range.start >= 0 && range.start <= range.end && range.end < size;
  if (!ok) throw new RangeNotSatisfiableError(range, size);
}

/** A tus upload id as `@tus/server` makes them (hex) or a caller's naming function might (letters, digits, `-`, `_`). */
export function assertUploadId(id: string): void {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(id)) throw new ObjectNotFoundError(`tus:${id.slice(0, 200)}`);
}
