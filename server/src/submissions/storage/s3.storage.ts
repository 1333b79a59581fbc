import { Readable } from 'node:stream';

import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { S3Store } from '@tus/s3-store';

import {
  assertObjectKey,
  assertRangeWithin,
  assertUploadId,
  type ByteRange,
  type ObjectInfo,
  ObjectNotFoundError,
  type ObjectStorage,
  type PutOptions,
  RangeNotSatisfiableError,
  type StoredObject,
} from './object-storage.js';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** For MinIO and other S3-compatible stores, e.g. `http://minio:9000`; unset for AWS. */
  endpoint?: string;
  /** MinIO needs `true` (`http://host/bucket/key` rather than `http://bucket.host/key`). */
  forcePathStyle?: boolean;
  /** Unset: the SDK's default chain (environment, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Bytes per multipart part, at least 5 MiB (S3's minimum); a stream is held in memory one or two parts at a time. */
  partSize?: number;
  /** Unfinished tus uploads older than this may be cleaned up; unset, they never expire. */
  tusExpirationMs?: number;
}

const MIN_PART_SIZE = 5 * 1024 * 1024;
const DEFAULT_PART_SIZE = 8 * 1024 * 1024;
const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/**
 * Objects in one bucket of any S3-compatible store. A stream is sent as a multipart upload in
 * parts of `partSize` bytes, so memory stays bounded whatever the file's size; an object appears
 * only when its upload completes. Resumable uploads (tus) land at the bucket's top level under
 * their upload id (`@tus/s3-store` has no prefix) and are copied to their key when adopted.
 */
export class S3Storage implements ObjectStorage {
  readonly bucket: string;
  private readonly partSize: number;
  private tusStore: S3Store | null = null;

  constructor(
    private readonly options: S3StorageOptions,
    private readonly client: S3Client = new S3Client(clientConfig(options)),
  ) {
    this.bucket = options.bucket;
    this.partSize = Math.max(MIN_PART_SIZE, options.partSize ?? DEFAULT_PART_SIZE);
  }

  async put(key: string, body: Readable | Buffer, options: PutOptions): Promise<ObjectInfo> {
    assertObjectKey(key);
    if (Buffer.isBuffer(body)) {
      await this.putWhole(key, body, options.contentType);
    } else {
      const parts = fixedSizeParts(body, this.partSize)[Symbol.asyncIterator]();
      const first = await parts.next();
      const second = first.done ? first : await parts.next();
      if (second.done) {
        await this.putWhole(key, first.done ? Buffer.alloc(0) : first.value, options.contentType);
      } else {
        await this.putInParts(key, [first.value as Buffer, second.value], parts, options.contentType);
      }
    }
    return this.requireStat(key);
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject> {
    assertObjectKey(key);
    if (range) assertRangeWithin(range, Number.MAX_SAFE_INTEGER);
    const answer = await this.client
      .send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }))
      .catch((error: unknown) => {
        if (isNotFound(error)) throw new ObjectNotFoundError(key);
        if (statusOf(error) === 416 && range) throw new RangeNotSatisfiableError(range, Number.NaN);
        throw error;
      });
    if (!(answer.Body instanceof Readable)) throw new Error('The S3 client answered without a Node stream');
    const stream = answer.Body;
    const size = range ? totalFromContentRange(answer.ContentRange) : (answer.ContentLength ?? 0);
    if (range && range.end >= size) {
      // S3 shortens a range that runs past the end; this storage refuses it like the local one.
      stream.destroy();
      throw new RangeNotSatisfiableError(range, size);
    }
    return {
      key,
      size,
      contentType: answer.ContentType ?? DEFAULT_CONTENT_TYPE,
      etag: answer.ETag ?? '""',
      lastModified: answer.LastModified ?? new Date(0),
      stream,
      range: range ?? null,
    };
  }

  async stat(key: string): Promise<ObjectInfo | null> {
    assertObjectKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        key,
        size: head.ContentLength ?? 0,
        contentType: head.ContentType ?? DEFAULT_CONTENT_TYPE,
        etag: head.ETag ?? '""',
        lastModified: head.LastModified ?? new Date(0),
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertObjectKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async move(fromKey: string, toKey: string): Promise<ObjectInfo> {
    assertObjectKey(fromKey);
    assertObjectKey(toKey);
    await this.copy(fromKey, toKey);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: fromKey }));
    return this.requireStat(toKey);
  }

  tusDataStore(): S3Store {
    this.tusStore ??= new S3Store({
      partSize: this.partSize,
      expirationPeriodInMilliseconds: this.options.tusExpirationMs,
      s3ClientConfig: { ...clientConfig(this.options), bucket: this.bucket },
    });
    return this.tusStore;
  }

  async adoptTusUpload(uploadId: string, key: string, options: PutOptions): Promise<ObjectInfo> {
    assertUploadId(uploadId);
    assertObjectKey(key);
    const upload = await this.tusDataStore()
      .getUpload(uploadId)
      .catch(() => null);
    if (!upload || upload.size === undefined || upload.offset !== upload.size) throw new ObjectNotFoundError(`tus:${uploadId}`);
    await this.copy(uploadId, key, options.contentType);
    // `S3Store.remove` would try to abort the (completed) multipart upload first; delete the two objects it leaves.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: uploadId }));
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: `${uploadId}.info` }));
    return this.requireStat(key);
  }

  private async putWhole(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentLength: body.length, ContentType: contentType }));
  }

  private async putInParts(key: string, firstParts: Buffer[], rest: AsyncIterator<Buffer>, contentType: string): Promise<void> {
    const created = await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key, ContentType: contentType }));
    const uploadId = created.UploadId;
    if (!uploadId) throw new Error('The S3 store started a multipart upload without an id');
    try {
      const done: { ETag: string | undefined; PartNumber: number }[] = [];
      const send = async (part: Buffer) => {
        const PartNumber = done.length + 1;
        const answer = await this.client.send(
          new UploadPartCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumber, Body: part, ContentLength: part.length }),
        );
        done.push({ ETag: answer.ETag, PartNumber });
      };
      for (const part of firstParts) await send(part);
      firstParts.length = 0;
      for (let next = await rest.next(); !next.done; next = await rest.next()) await send(next.value);
      await this.client.send(new CompleteMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: done } }));
    } catch (error) {
      // Ends the source stream too, so that a failed upload does not leave it paused.
      await rest.return?.();
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId })).catch(() => undefined);
      throw error;
    }
  }

  private async copy(fromKey: string, toKey: string, contentType?: string): Promise<void> {
    await this.client
      .send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: toKey,
          CopySource: `${this.bucket}/${fromKey.split('/').map(encodeURIComponent).join('/')}`,
          ...(contentType ? { ContentType: contentType, MetadataDirective: 'REPLACE' as const } : {}),
        }),
      )
      .catch((error: unknown) => {
        throw isNotFound(error) ? new ObjectNotFoundError(fromKey) : error;
      });
  }

  private async requireStat(key: string): Promise<ObjectInfo> {
    const info = await this.stat(key);
    if (!info) throw new ObjectNotFoundError(key);
    return info;
  }
}

/** The S3 client's settings from the storage's options. */
export function clientConfig(options: S3StorageOptions): S3ClientConfig {
  return {
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    forcePathStyle: options.forcePathStyle ?? false,
    ...(options.credentials ? { credentials: options.credentials } : {}),
  };
}

/** Cuts a stream into buffers of exactly `size` bytes (the last one shorter); holds one part at a time. */
export async function* fixedSizeParts(source: AsyncIterable<unknown>, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let length = 0;
  for await (const chunk of source) {
    let bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array | string);
    while (length + bytes.length >= size) {
      const take = size - length;
      pending.push(bytes.subarray(0, take));
      yield Buffer.concat(pending, size);
      pending = [];
      length = 0;
      bytes = bytes.subarray(take);
    }
    if (bytes.length > 0) {
      pending.push(bytes);
      length += bytes.length;
    }
  }
  if (length > 0) yield Buffer.concat(pending, length);
}

function totalFromContentRange(header: string | undefined): number {
  const total = /\/(\d+)$/.exec(header ?? '')?.[1];
  if (total === undefined) throw new Error(`The S3 store answered a range without its total size: ${header}`);
  return Number(total);
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

function isNotFound(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'NoSuchKey' || name === 'NotFound' || statusOf(error) === 404;
}
