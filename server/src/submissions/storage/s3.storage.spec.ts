import { createHash } from 'node:crypto';
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
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';

import { InvalidObjectKeyError, ObjectNotFoundError, RangeNotSatisfiableError } from './object-storage.js';
import { clientConfig, fixedSizeParts, S3Storage } from './s3.storage.js';

const MiB = 1024 * 1024;
const VIETNAMESE = Buffer.from('Video dự thi “Tỉnh táo trên mạng” của nhóm lớp 9A, Trường THCS Lê Quý Đôn — Ước mơ, đường đời.\n'.repeat(50), 'utf8');

interface Stored {
  data: Buffer;
  contentType: string;
  etag: string;
}

function notFound(name: string): Error {
  return Object.assign(new Error(name), { name, $metadata: { httpStatusCode: 404 } });
}

/**
 * An S3 bucket in memory that answers the commands S3Storage sends, the way S3 answers them
 * (a range past the end is shortened, a missing key is a 404). No network: this checks what the
 * storage asks of S3, not S3 itself; the lead runs the same interface against MinIO.
 */
class FakeS3 {
  readonly objects = new Map<string, Stored>();
  readonly calls: { command: string; input: Record<string, unknown> }[] = [];
  private readonly uploads = new Map<string, { key: string; contentType: string; parts: Map<number, Buffer> }>();
  /** When set, parts are hashed and dropped rather than kept (for the memory test). */
  keepParts = true;
  partHash = createHash('sha256');

  async send(command: { input: Record<string, unknown> }): Promise<unknown> {
    const input = command.input;
    const name = command.constructor.name;
    this.calls.push({ command: name, input: { ...input, Body: input.Body === undefined ? undefined : '<body>' } });
    const key = input.Key as string;
    if (command instanceof PutObjectCommand) {
      this.store(key, input.Body as Buffer, input.ContentType as string);
      return { ETag: this.objects.get(key)!.etag };
    }
    if (command instanceof HeadObjectCommand) {
      const object = this.objects.get(key);
      if (!object) throw notFound('NotFound');
      return { ContentLength: object.data.length, ContentType: object.contentType, ETag: object.etag, LastModified: new Date('2026-09-05T02:00:00Z') };
    }
    if (command instanceof GetObjectCommand) {
      const object = this.objects.get(key);
      if (!object) throw notFound('NoSuchKey');
      const range = /^bytes=(\d+)-(\d+)$/.exec((input.Range as string | undefined) ?? '');
      if (!range) return { Body: Readable.from([object.data]), ContentLength: object.data.length, ContentType: object.contentType, ETag: object.etag };
      const start = Number(range[1]);
      if (start >= object.data.length) throw Object.assign(new Error('InvalidRange'), { name: 'InvalidRange', $metadata: { httpStatusCode: 416 } });
      const end = Math.min(Number(range[2]), object.data.length - 1);
      return {
        Body: Readable.from([object.data.subarray(start, end + 1)]),
        ContentLength: end - start + 1,
        ContentRange: `bytes ${start}-${end}/${object.data.length}`,
        ContentType: object.contentType,
        ETag: object.etag,
      };
    }
    if (command instanceof CreateMultipartUploadCommand) {
      const id = `upload-${this.uploads.size + 1}`;
      this.uploads.set(id, { key, contentType: input.ContentType as string, parts: new Map() });
      return { UploadId: id };
    }
    if (command instanceof UploadPartCommand) {
      const body = input.Body as Buffer;
      this.calls[this.calls.length - 1].input.size = body.length;
      if (this.keepParts) this.uploads.get(input.UploadId as string)!.parts.set(input.PartNumber as number, Buffer.from(body));
      else this.partHash.update(body);
      return { ETag: `"part-${input.PartNumber as number}"` };
    }
    if (command instanceof CompleteMultipartUploadCommand) {
      const upload = this.uploads.get(input.UploadId as string)!;
      const parts = (input.MultipartUpload as { Parts: { PartNumber: number; ETag: string }[] }).Parts;
      this.store(key, Buffer.concat(parts.map((p) => upload.parts.get(p.PartNumber) ?? Buffer.alloc(0))), upload.contentType);
      this.uploads.delete(input.UploadId as string);
      return {};
    }
    if (command instanceof AbortMultipartUploadCommand) {
      this.uploads.delete(input.UploadId as string);
      return {};
    }
    if (command instanceof CopyObjectCommand) {
      const [bucket, ...rest] = (input.CopySource as string).split('/');
      expect(bucket).toBe('bai-du-thi');
      const source = this.objects.get(rest.map(decodeURIComponent).join('/'));
      if (!source) throw notFound('NoSuchKey');
      this.store(key, source.data, input.MetadataDirective === 'REPLACE' ? (input.ContentType as string) : source.contentType);
      return {};
    }
    if (command instanceof DeleteObjectCommand) {
      this.objects.delete(key);
      return {};
    }
    throw new Error(`FakeS3 does not answer ${name}`);
  }

  commands(): string[] {
    return this.calls.map((c) => c.command);
  }

  private store(key: string, data: Buffer, contentType: string): void {
    this.objects.set(key, { data, contentType, etag: `"${createHash('md5').update(data).digest('hex')}"` });
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function storageOn(fake: FakeS3, partSize = 5 * MiB): S3Storage {
  return new S3Storage({ bucket: 'bai-du-thi', region: 'us-east-1', partSize }, fake as unknown as S3Client);
}

describe(S3Storage.name, () => {
  it('puts a buffer in one request and gives Vietnamese text back byte for byte', async () => {
    const fake = new FakeS3();
    const storage = storageOn(fake);
    const info = await storage.put('entries/e1/mo-ta.txt', VIETNAMESE, { contentType: 'text/plain; charset=utf-8' });
    expect(info).toMatchObject({ key: 'entries/e1/mo-ta.txt', size: VIETNAMESE.length, contentType: 'text/plain; charset=utf-8' });
    expect(fake.calls[0]).toEqual({
      command: 'PutObjectCommand',
      input: { Bucket: 'bai-du-thi', Key: 'entries/e1/mo-ta.txt', Body: '<body>', ContentLength: VIETNAMESE.length, ContentType: 'text/plain; charset=utf-8' },
    });
    expect((await readAll((await storage.get('entries/e1/mo-ta.txt')).stream)).equals(VIETNAMESE)).toBe(true);
  });

  it('puts a stream shorter than a part in one request, without a multipart upload', async () => {
    const fake = new FakeS3();
    await storageOn(fake).put('a/small', Readable.from([VIETNAMESE.subarray(0, 100), VIETNAMESE.subarray(100)]), { contentType: 'text/plain' });
    expect(fake.commands()).toEqual(['PutObjectCommand', 'HeadObjectCommand']);
    expect(fake.objects.get('a/small')!.data.equals(VIETNAMESE)).toBe(true);
  });

  it('puts an empty stream as an empty object', async () => {
    const fake = new FakeS3();
    const info = await storageOn(fake).put('a/empty', Readable.from([]), { contentType: 'text/plain' });
    expect(info.size).toBe(0);
  });

  it('sends a longer stream in parts of the part size, numbered from 1, then completes it', async () => {
    const fake = new FakeS3();
    const source = Buffer.alloc(12 * MiB + 3);
    for (let i = 0; i + 4 <= source.length; i += 4096) source.writeUInt32BE(i, i);
    const chunks = Array.from({ length: Math.ceil(source.length / 65_521) }, (_, i) => source.subarray(i * 65_521, (i + 1) * 65_521));
    await storageOn(fake).put('entries/e2/video.mp4', Readable.from(chunks), { contentType: 'video/mp4' });

    expect(fake.commands()).toEqual([
      'CreateMultipartUploadCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'CompleteMultipartUploadCommand',
      'HeadObjectCommand',
    ]);
    expect(fake.calls.filter((c) => c.command === 'UploadPartCommand').map((c) => [c.input.PartNumber, c.input.size])).toEqual([
      [1, 5 * MiB],
      [2, 5 * MiB],
      [3, 2 * MiB + 3],
    ]);
    expect(fake.calls[4].input.MultipartUpload).toEqual({
      Parts: [
        { ETag: '"part-1"', PartNumber: 1 },
        { ETag: '"part-2"', PartNumber: 2 },
        { ETag: '"part-3"', PartNumber: 3 },
      ],
    });
    expect(fake.objects.get('entries/e2/video.mp4')).toMatchObject({ contentType: 'video/mp4' });
    expect(fake.objects.get('entries/e2/video.mp4')!.data.equals(source)).toBe(true);
  });

  it('aborts the multipart upload when the source fails, and no object appears', async () => {
    const fake = new FakeS3();
    let sent = 0;
    const failing = new Readable({
      read() {
        if (sent >= 11 * MiB) return this.destroy(new Error('the phone lost its connection'));
        sent += MiB;
        this.push(Buffer.alloc(MiB, 7));
      },
    });
    await expect(storageOn(fake).put('entries/e3/video.mp4', failing, { contentType: 'video/mp4' })).rejects.toThrow('the phone lost its connection');
    expect(fake.commands()).toEqual(['CreateMultipartUploadCommand', 'UploadPartCommand', 'UploadPartCommand', 'AbortMultipartUploadCommand']);
    expect(fake.objects.has('entries/e3/video.mp4')).toBe(false);
  });

  it('reads a range with an HTTP Range header and takes the size from Content-Range', async () => {
    const fake = new FakeS3();
    const storage = storageOn(fake);
    await storage.put('v/clip', VIETNAMESE, { contentType: 'video/webm' });
    const part = await storage.get('v/clip', { start: 100, end: 199 });
    expect(fake.calls.at(-1)!.input.Range).toBe('bytes=100-199');
    expect(part).toMatchObject({ size: VIETNAMESE.length, range: { start: 100, end: 199 }, contentType: 'video/webm' });
    expect((await readAll(part.stream)).equals(VIETNAMESE.subarray(100, 200))).toBe(true);
  });

  it('refuses a range S3 would shorten or refuse, like the local storage', async () => {
    const fake = new FakeS3();
    const storage = storageOn(fake);
    await storage.put('v/clip', VIETNAMESE, { contentType: 'video/webm' });
    await expect(storage.get('v/clip', { start: 0, end: VIETNAMESE.length })).rejects.toBeInstanceOf(RangeNotSatisfiableError);
    await expect(storage.get('v/clip', { start: VIETNAMESE.length, end: VIETNAMESE.length + 5 })).rejects.toBeInstanceOf(RangeNotSatisfiableError);
    await expect(storage.get('v/clip', { start: 9, end: 3 })).rejects.toBeInstanceOf(RangeNotSatisfiableError);
  });

  it('answers a missing key: get throws not-found, stat is null, move throws not-found', async () => {
    const storage = storageOn(new FakeS3());
    await expect(storage.get('no/such')).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(storage.stat('no/such')).resolves.toBeNull();
    await expect(storage.move('no/such', 'b/c')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('moves with a server-side copy, then deletes the old key', async () => {
    const fake = new FakeS3();
    const storage = storageOn(fake);
    await storage.put('incoming/x', VIETNAMESE, { contentType: 'video/mp4' });
    fake.calls.length = 0;
    const moved = await storage.move('incoming/x', 'entries/e4/video.mp4');
    expect(fake.calls.map((c) => [c.command, c.input.Key, c.input.CopySource])).toEqual([
      ['CopyObjectCommand', 'entries/e4/video.mp4', 'bai-du-thi/incoming/x'],
      ['DeleteObjectCommand', 'incoming/x', undefined],
      ['HeadObjectCommand', 'entries/e4/video.mp4', undefined],
    ]);
    expect(moved).toMatchObject({ size: VIETNAMESE.length, contentType: 'video/mp4' });
    expect(fake.objects.has('incoming/x')).toBe(false);
  });

  it('refuses a hostile key before asking S3 anything', async () => {
    const fake = new FakeS3();
    const storage = storageOn(fake);
    for (const key of ['../x', '/x', 'a//b', 'a\u0000b', '.hidden', 'ảnh.jpg']) {
      await expect(storage.put(key, Buffer.from('x'), { contentType: 'text/plain' })).rejects.toBeInstanceOf(InvalidObjectKeyError);
      await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidObjectKeyError);
      await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidObjectKeyError);
    }
    expect(fake.calls).toEqual([]);
  });

  it('streams 200 MB into parts with flat memory', async () => {
    const fake = new FakeS3();
    fake.keepParts = false;
    const total = 200 * MiB;
    const chunkSize = 64 * 1024;
    const written = createHash('sha256');
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < total / chunkSize; i++) {
          const chunk = Buffer.alloc(chunkSize, i % 251);
          written.update(chunk);
          yield chunk;
        }
      })(),
    );
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      // The fake hashes the parts and drops them: what matters is what was sent, and what it cost.
      await storageOn(fake, 8 * MiB).put('big/video.mp4', source, { contentType: 'video/mp4' });
    } finally {
      clearInterval(sampler);
    }
    expect(fake.calls.filter((c) => c.command === 'UploadPartCommand')).toHaveLength(25);
    expect(fake.partHash.digest('hex')).toBe(written.digest('hex'));
    // Buffering the file would grow by its 200 MB; the upload holds a few 8 MB parts at a time (up to 65 MB seen under a loaded machine).
    expect((Math.max(peak, process.memoryUsage().rss) - before) / total).toBeLessThan(0.5);
  });
});

describe(fixedSizeParts.name, () => {
  async function sizes(chunks: number[], size: number): Promise<number[]> {
    const parts: number[] = [];
    for await (const part of fixedSizeParts(Readable.from(chunks.map((n) => Buffer.alloc(n))), size)) parts.push(part.length);
    return parts;
  }

  it('cuts chunks into parts of exactly the size, the last one shorter', async () => {
    expect(await sizes([3, 3, 3], 4)).toEqual([4, 4, 1]);
    expect(await sizes([10], 4)).toEqual([4, 4, 2]);
  });

  it('adds no empty part when the bytes fill the last part exactly, and none for an empty stream', async () => {
    expect(await sizes([4, 4], 4)).toEqual([4, 4]);
    expect(await sizes([], 4)).toEqual([]);
  });
});

describe(clientConfig.name, () => {
  it('points the client at MinIO with path-style addresses and the given keys', () => {
    expect(
      clientConfig({
        bucket: 'b',
        region: 'us-east-1',
        endpoint: 'http://minio:9000',
        forcePathStyle: true,
        credentials: { accessKeyId: 'minio', secretAccessKey: 'minio-secret' },
      }),
    ).toEqual({
      region: 'us-east-1',
      endpoint: 'http://minio:9000',
      forcePathStyle: true,
      credentials: { accessKeyId: 'minio', secretAccessKey: 'minio-secret' },
    });
  });

  it('leaves the endpoint and the keys to the SDK for AWS', () => {
    expect(clientConfig({ bucket: 'b', region: 'ap-southeast-1' })).toEqual({ region: 'ap-southeast-1', forcePathStyle: false });
  });
});
