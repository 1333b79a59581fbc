import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { FileStore } from '@tus/file-store';

import {
  assertObjectKey,
  assertRangeWithin,
  assertUploadId,
  type ByteRange,
  type ObjectInfo,
  ObjectNotFoundError,
  type ObjectStorage,
  type PutOptions,
  type StoredObject,
} from './object-storage.js';

const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

interface Sidecar {
  contentType: string;
}

/**
 * Objects as files under one root folder:
 *   `objects/<key>`        the bytes
 *   `meta/<key>.json`      the content type
 *   `tmp/`                 files being written, renamed into `objects/` only when whole
 *   `tus/`                 resumable uploads in progress (`@tus/file-store`)
 * All four sit on one filesystem, so a rename is atomic: a reader sees the old file or the new
 * one, never half of either.
 */
export class LocalDiskStorage implements ObjectStorage {
  private tusStore: FileStore | null = null;

  constructor(
    readonly root: string,
    private readonly options: { tusExpirationMs?: number } = {},
  ) {}

  async put(key: string, body: Readable | Buffer, options: PutOptions): Promise<ObjectInfo> {
    assertObjectKey(key);
    const temporary = await this.temporaryPath();
    try {
      // `flush`: the bytes reach the disk before the rename makes them visible.
      await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, createWriteStream(temporary, { flags: 'wx', flush: true }));
      return await this.publish(temporary, key, options.contentType);
    } finally {
      await fs.rm(temporary, { force: true });
    }
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject> {
    assertObjectKey(key);
    const handle = await fs.open(this.objectPath(key), 'r').catch((error: unknown) => {
      throw isMissing(error) ? new ObjectNotFoundError(key) : error;
    });
    try {
      // The size and the bytes come from the one open file, even if the key is replaced meanwhile.
      const stats = await handle.stat();
      if (!stats.isFile()) throw new ObjectNotFoundError(key);
      if (range) assertRangeWithin(range, stats.size);
      const contentType = await this.readContentType(key);
      const stream = handle.createReadStream(range ? { start: range.start, end: range.end } : {});
      return { ...this.info(key, stats, contentType), stream, range: range ?? null };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async stat(key: string): Promise<ObjectInfo | null> {
    assertObjectKey(key);
    const stats = await fs.stat(this.objectPath(key)).catch((error: unknown) => {
      if (isMissing(error)) return null;
      throw error;
    });
    if (!stats?.isFile()) return null;
    return this.info(key, stats, await this.readContentType(key));
  }

  async delete(key: string): Promise<void> {
    assertObjectKey(key);
    await fs.rm(this.objectPath(key), { force: true });
    await fs.rm(this.metaPath(key), { force: true });
  }

  async move(fromKey: string, toKey: string): Promise<ObjectInfo> {
    assertObjectKey(fromKey);
    assertObjectKey(toKey);
    const contentType = await this.readContentType(fromKey);
    await fs.mkdir(path.dirname(this.objectPath(toKey)), { recursive: true });
    await fs.rename(this.objectPath(fromKey), this.objectPath(toKey)).catch((error: unknown) => {
      throw isMissing(error) ? new ObjectNotFoundError(fromKey) : error;
    });
    await this.writeSidecar(toKey, { contentType });
    await fs.rm(this.metaPath(fromKey), { force: true });
    return this.info(toKey, await fs.stat(this.objectPath(toKey)), contentType);
  }

  tusDataStore(): FileStore {
    this.tusStore ??= new FileStore({ directory: this.tusDirectory(), expirationPeriodInMilliseconds: this.options.tusExpirationMs });
    return this.tusStore;
  }

  async adoptTusUpload(uploadId: string, key: string, options: PutOptions): Promise<ObjectInfo> {
    assertUploadId(uploadId);
    assertObjectKey(key);
    const store = this.tusDataStore();
    const upload = await store.getUpload(uploadId).catch(() => null);
    if (!upload || upload.size === undefined || upload.offset !== upload.size) throw new ObjectNotFoundError(`tus:${uploadId}`);
    const info = await this.publish(path.join(this.tusDirectory(), uploadId), key, options.contentType);
    await store.configstore.delete(uploadId);
    return info;
  }

  /** Renames a whole file into place under `key`, its content type first so that the bytes never appear without it. */
  private async publish(file: string, key: string, contentType: string): Promise<ObjectInfo> {
    await this.writeSidecar(key, { contentType });
    const target = this.objectPath(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.rename(file, target);
    return this.info(key, await fs.stat(target), contentType);
  }

  private async writeSidecar(key: string, sidecar: Sidecar): Promise<void> {
    const temporary = await this.temporaryPath();
    try {
      await fs.writeFile(temporary, JSON.stringify(sidecar), { flag: 'wx' });
      const target = this.metaPath(key);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.rename(temporary, target);
    } finally {
      await fs.rm(temporary, { force: true });
    }
  }

  private async readContentType(key: string): Promise<string> {
    const text = await fs.readFile(this.metaPath(key), 'utf8').catch(() => null);
    if (text === null) return DEFAULT_CONTENT_TYPE;
    try {
      const sidecar = JSON.parse(text) as Partial<Sidecar>;
      return typeof sidecar.contentType === 'string' ? sidecar.contentType : DEFAULT_CONTENT_TYPE;
    } catch {
      return DEFAULT_CONTENT_TYPE;
    }
  }

  private info(key: string, stats: { size: number; mtimeMs: number; mtime: Date }, contentType: string): ObjectInfo {
    return { key, size: stats.size, contentType, etag: `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`, lastModified: stats.mtime };
  }

  private async temporaryPath(): Promise<string> {
    const directory = path.join(this.root, 'tmp');
    await fs.mkdir(directory, { recursive: true });
    return path.join(directory, `${randomBytes(12).toString('hex')}.part`);
  }

  private objectPath(key: string): string {
    return path.join(this.root, 'objects', ...key.split('/'));
  }

  private metaPath(key: string): string {
    return `${path.join(this.root, 'meta', ...key.split('/'))}.json`;
  }

  private tusDirectory(): string {
    return path.join(this.root, 'tus');
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}
