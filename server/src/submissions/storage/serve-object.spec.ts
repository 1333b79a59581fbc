import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { AppError, ErrorCode } from '../../platform/app-error.js';
import { LocalDiskStorage } from './local-disk.storage.js';
import { serveObject } from './serve-object.js';

const VIETNAMESE = Buffer.from('Phim ngắn “Đừng chia sẻ mật khẩu” — nhóm Ước Mơ, Trường THPT Chu Văn An. Ỷ lại, nghĩ kỹ!\n'.repeat(60), 'utf8');
const SIZE = VIETNAMESE.length;

describe(serveObject.name, () => {
  let folder: string;
  let storage: LocalDiskStorage;
  let server: http.Server;
  let base: string;
  /** What each request's serveObject ended with: 'done', or the error it threw. */
  let outcomes: (string | Error)[];

  beforeAll(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'tinhtao-serve-'));
    storage = new LocalDiskStorage(folder);
    await storage.put('clips/c1.webm', VIETNAMESE, { contentType: 'video/webm' });
    await storage.put('clips/big.mp4', Buffer.alloc(32 * 1024 * 1024, 9), { contentType: 'video/mp4' });
    server = http.createServer((req, res) => {
      const key = decodeURIComponent(new URL(req.url!, 'http://x').pathname.slice(1));
      serveObject(storage, key, req, res, { cacheControl: 'private, max-age=60' }).then(
        () => outcomes.push('done'),
        (error: Error) => {
          outcomes.push(error);
          // What the problem filter does with an AppError.
          res.writeHead(error instanceof AppError && error.code === ErrorCode.NotFound ? 404 : 500).end();
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    outcomes = [];
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await fs.rm(folder, { recursive: true, force: true });
  });

  async function ask(key: string, headers: Record<string, string> = {}, method = 'GET') {
    const res = await fetch(`${base}/${key}`, { method, headers });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  }

  it('sends the whole object with 200, its length, type, ETag and Accept-Ranges', async () => {
    const res = await ask('clips/c1.webm');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(SIZE));
    expect(res.headers.get('content-type')).toBe('video/webm');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('etag')).toBe((await storage.stat('clips/c1.webm'))!.etag);
    expect(res.headers.get('cache-control')).toBe('private, max-age=60');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.body.equals(VIETNAMESE)).toBe(true);
  });

  it('sends the first bytes with 206 and Content-Range', async () => {
    const res = await ask('clips/c1.webm', { Range: 'bytes=0-99' });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 0-99/${SIZE}`);
    expect(res.headers.get('content-length')).toBe('100');
    expect(res.body.equals(VIETNAMESE.subarray(0, 100))).toBe(true);
  });

  it('sends a middle range and a suffix (bytes=-500)', async () => {
    const middle = await ask('clips/c1.webm', { Range: 'bytes=1000-2999' });
    expect(middle.status).toBe(206);
    expect(middle.body.equals(VIETNAMESE.subarray(1000, 3000))).toBe(true);

    const suffix = await ask('clips/c1.webm', { Range: 'bytes=-500' });
    expect(suffix.status).toBe(206);
    expect(suffix.headers.get('content-range')).toBe(`bytes ${SIZE - 500}-${SIZE - 1}/${SIZE}`);
    expect(suffix.body.equals(VIETNAMESE.subarray(SIZE - 500))).toBe(true);
  });

  it('answers 416 with bytes */size for a range past the end', async () => {
    const res = await ask('clips/c1.webm', { Range: `bytes=${SIZE}-` });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${SIZE}`);
    expect(res.body.length).toBe(0);
  });

  it('sends the whole object for several ranges or a range it cannot read', async () => {
    for (const range of ['bytes=0-1,4-5', 'bytes=5-1', 'pages=1-2']) {
      const res = await ask('clips/c1.webm', { Range: range });
      expect({ range, status: res.status, length: res.body.length }).toEqual({ range, status: 200, length: SIZE });
    }
  });

  it('honours If-Range: a range of the current version, the whole object for a stale one', async () => {
    const { etag } = (await storage.stat('clips/c1.webm'))!;
    expect((await ask('clips/c1.webm', { Range: 'bytes=0-9', 'If-Range': etag })).status).toBe(206);
    const stale = await ask('clips/c1.webm', { Range: 'bytes=0-9', 'If-Range': '"an-older-version"' });
    expect(stale.status).toBe(200);
    expect(stale.body.length).toBe(SIZE);
  });

  it('answers 304 when the client already has this version', async () => {
    const { etag } = (await storage.stat('clips/c1.webm'))!;
    const res = await ask('clips/c1.webm', { 'If-None-Match': `"other", W/${etag}` });
    expect(res.status).toBe(304);
    expect(res.body.length).toBe(0);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await ask('clips/c1.webm', { Range: 'bytes=0-99' }, 'HEAD');
    expect(res.status).toBe(206);
    expect(res.headers.get('content-length')).toBe('100');
    expect(res.body.length).toBe(0);
  });

  it('throws the app’s not-found for a missing object, before writing anything', async () => {
    const res = await ask('clips/none.mp4');
    expect(res.status).toBe(404);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toBeInstanceOf(AppError);
  });

  it('ends quietly when the player goes away in the middle of a file', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/clips/big.mp4`, { signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    await reader.read().catch(() => undefined);
    for (let i = 0; i < 100 && outcomes.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(outcomes).toEqual(['done']);
  });
});
