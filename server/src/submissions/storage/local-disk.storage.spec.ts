import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';

import { LocalDiskStorage } from './local-disk.storage.js';
import { assertObjectKey, InvalidObjectKeyError, ObjectNotFoundError, RangeNotSatisfiableError } from './object-storage.js';
import { parseRange } from './range.js';

const VIETNAMESE = 'Bài dự thi: Áp phích “Tỉnh táo trước tin giả” — Trường THCS Nguyễn Trãi, lớp 8A. Ước mơ xanh, đường đời, Ỷ, ỹ, Đ, đ.\n';
const TEXT = Buffer.from(VIETNAMESE.repeat(40), 'utf8');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Everything under a folder, as relative paths. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(folder, path.join(e.parentPath, e.name)));
}

describe(LocalDiskStorage.name, () => {
  let parent: string;
  let root: string;
  let storage: LocalDiskStorage;

  beforeEach(async () => {
    parent = await fs.mkdtemp(path.join(os.tmpdir(), 'tinhtao-storage-'));
    root = path.join(parent, 'media');
    storage = new LocalDiskStorage(root);
  });

  afterEach(async () => {
    await fs.rm(parent, { recursive: true, force: true });
  });

  it('gives back Vietnamese text byte for byte, from a buffer and from a stream, with its content type', async () => {
    const fromBuffer = await storage.put('entries/e1/description.txt', TEXT, { contentType: 'text/plain; charset=utf-8' });
    expect(fromBuffer).toMatchObject({ key: 'entries/e1/description.txt', size: TEXT.length, contentType: 'text/plain; charset=utf-8' });
    const read = await storage.get('entries/e1/description.txt');
    expect(read.range).toBeNull();
    expect(read.size).toBe(TEXT.length);
    const back = await readAll(read.stream);
    expect(back.equals(TEXT)).toBe(true);
    expect(back.toString('utf8')).toBe(VIETNAMESE.repeat(40));

    // Chunks cut in the middle of multi-byte letters must join back whole.
    const pieces = Array.from({ length: Math.ceil(TEXT.length / 7) }, (_, i) => TEXT.subarray(i * 7, i * 7 + 7));
    await storage.put('entries/e1/streamed.txt', Readable.from(pieces), { contentType: 'text/plain; charset=utf-8' });
    expect((await readAll((await storage.get('entries/e1/streamed.txt')).stream)).equals(TEXT)).toBe(true);
  });

  it('reads ranges: the first bytes, the middle, a suffix (bytes=-500)', async () => {
    await storage.put('v/clip.bin', TEXT, { contentType: 'application/octet-stream' });
    const size = TEXT.length;

    const first = await storage.get('v/clip.bin', { start: 0, end: 99 });
    expect(first).toMatchObject({ size, range: { start: 0, end: 99 } });
    expect((await readAll(first.stream)).equals(TEXT.subarray(0, 100))).toBe(true);

    const middle = await storage.get('v/clip.bin', { start: 1000, end: 1999 });
    expect((await readAll(middle.stream)).equals(TEXT.subarray(1000, 2000))).toBe(true);

    const suffix = parseRange('bytes=-500', size);
    expect(suffix).toEqual({ kind: 'partial', start: size - 500, end: size - 1 });
    if (suffix.kind !== 'partial') throw new Error('expected a partial range');
    const last = await storage.get('v/clip.bin', suffix);
    expect((await readAll(last.stream)).equals(TEXT.subarray(size - 500))).toBe(true);

    const single = await storage.get('v/clip.bin', { start: size - 1, end: size - 1 });
    expect((await readAll(single.stream)).equals(TEXT.subarray(size - 1))).toBe(true);
  });

  it('refuses a range outside the object, as HTTP refuses it with 416', async () => {
    await storage.put('v/clip.bin', TEXT, { contentType: 'application/octet-stream' });
    const size = TEXT.length;
    expect(parseRange(`bytes=${size}-`, size)).toEqual({ kind: 'unsatisfiable' });
    await expect(storage.get('v/clip.bin', { start: size, end: size + 10 })).rejects.toBeInstanceOf(RangeNotSatisfiableError);
    await expect(storage.get('v/clip.bin', { start: 0, end: size })).rejects.toBeInstanceOf(RangeNotSatisfiableError);
    await expect(storage.get('v/clip.bin', { start: 10, end: 5 })).rejects.toBeInstanceOf(RangeNotSatisfiableError);
    await expect(storage.get('v/clip.bin', { start: -1, end: 5 })).rejects.toBeInstanceOf(RangeNotSatisfiableError);
  });

  it('answers a missing object: get throws not-found, stat is null, delete is quiet', async () => {
    await expect(storage.get('nothing/here')).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(storage.stat('nothing/here')).resolves.toBeNull();
    await expect(storage.delete('nothing/here')).resolves.toBeUndefined();
    await expect(storage.move('nothing/here', 'else/where')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('answers a folder of keys as no object', async () => {
    await storage.put('entries/e1/poster.jpg', TEXT, { contentType: 'image/jpeg' });
    await expect(storage.get('entries/e1')).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(storage.stat('entries/e1')).resolves.toBeNull();
  });

  it('deletes an object and its content type', async () => {
    await storage.put('a/b.txt', TEXT, { contentType: 'text/plain' });
    await storage.delete('a/b.txt');
    expect(await storage.stat('a/b.txt')).toBeNull();
    expect(await filesUnder(path.join(root, 'objects'))).toEqual([]);
    expect(await filesUnder(path.join(root, 'meta'))).toEqual([]);
  });

  it('moves an object with its content type, and the old key is gone', async () => {
    await storage.put('incoming/x', TEXT, { contentType: 'video/mp4' });
    const moved = await storage.move('incoming/x', 'entries/e9/video.mp4');
    expect(moved).toMatchObject({ key: 'entries/e9/video.mp4', size: TEXT.length, contentType: 'video/mp4' });
    expect(await storage.stat('incoming/x')).toBeNull();
    expect((await readAll((await storage.get('entries/e9/video.mp4')).stream)).equals(TEXT)).toBe(true);
  });

  it('changes the ETag when an object is replaced', async () => {
    const before = await storage.put('a/etag', TEXT, { contentType: 'text/plain' });
    const after = await storage.put('a/etag', Buffer.concat([TEXT, TEXT]), { contentType: 'text/plain' });
    expect(before.etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(after.etag).not.toBe(before.etag);
  });

  it('never shows a half-written file: a reader sees the old version until the new one is whole', async () => {
    await storage.put('poster/p.jpg', Buffer.from('version one'), { contentType: 'image/jpeg' });
    const slow = new PassThrough();
    const writing = storage.put('poster/p.jpg', slow, { contentType: 'image/jpeg' });
    slow.write(Buffer.alloc(64 * 1024, 2));
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect((await storage.stat('poster/p.jpg'))?.size).toBe('version one'.length);
    expect((await readAll((await storage.get('poster/p.jpg')).stream)).toString()).toBe('version one');

    slow.end(Buffer.alloc(64 * 1024, 2));
    await writing;
    expect((await storage.stat('poster/p.jpg'))?.size).toBe(128 * 1024);
  });

  it('leaves nothing behind when the source fails half-way: no object, no temporary file', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(32 * 1024, 1));
        this.destroy(new Error('the phone lost its connection'));
      },
    });
    await expect(storage.put('entries/e2/video.mp4', failing, { contentType: 'video/mp4' })).rejects.toThrow('the phone lost its connection');
    expect(await storage.stat('entries/e2/video.mp4')).toBeNull();
    expect(await filesUnder(path.join(root, 'objects'))).toEqual([]);
    expect(await filesUnder(path.join(root, 'tmp'))).toEqual([]);
  });

  describe('refuses keys that could leave the root or hide', () => {
    const hostile = [
      '',
      '..',
      '../outside',
      'a/../../outside',
      'a/./b',
      '/etc/passwd',
      'a//b',
      'a/',
      '.hidden',
      'a/.meta',
      'a\\..\\..\\outside',
      'C:/Windows/x',
      'a\u0000b',
      'a\nb',
      '%2e%2e/outside',
      'ảnh/áp-phích.jpg',
      '\uD800',
      'a b',
      'x'.repeat(2000),
    ];

    it.each(hostile.map((key) => [JSON.stringify(key.slice(0, 40)), key]))('%s', async (_label, key) => {
      expect(() => assertObjectKey(key)).toThrow(InvalidObjectKeyError);
      await expect(storage.put(key, Buffer.from('x'), { contentType: 'text/plain' })).rejects.toBeInstanceOf(InvalidObjectKeyError);
      await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidObjectKeyError);
      await expect(storage.stat(key)).rejects.toBeInstanceOf(InvalidObjectKeyError);
      await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidObjectKeyError);
      await expect(storage.move('ok', key)).rejects.toBeInstanceOf(InvalidObjectKeyError);
      expect(await filesUnder(parent)).toEqual([]);
    });
  });

  it('takes ordinary keys: letters, digits, dots, dashes, underscores, slashes between', () => {
    for (const key of ['a', 'entries/2b9f/poster.v2.jpg', 'E_1-x/thumb.webp', 'x'.repeat(255)]) expect(() => assertObjectKey(key)).not.toThrow();
  });

  it('streams 200 MB through put and get with flat memory', async () => {
    const total = 200 * 1024 * 1024;
    const chunkSize = 64 * 1024;
    const written = createHash('sha256');
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < total / chunkSize; i++) {
          const chunk = Buffer.alloc(chunkSize, i % 251);
          chunk.writeUInt32BE(i, 0);
          written.update(chunk);
          yield chunk;
        }
      })(),
    );

    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      const info = await storage.put('big/video.mp4', source, { contentType: 'video/mp4' });
      expect(info.size).toBe(total);
      const read = createHash('sha256');
      let bytes = 0;
      for await (const chunk of (await storage.get('big/video.mp4')).stream) {
        read.update(chunk as Buffer);
        bytes += (chunk as Buffer).length;
      }
      expect(bytes).toBe(total);
      expect(read.digest('hex')).toBe(written.digest('hex'));
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    // Buffering the file would grow by its 200 MB; a stream grows by its buffers (about 36 MB seen), and the allocator keeps some.
    expect((peak - before) / total).toBeLessThan(0.5);
  });
});
