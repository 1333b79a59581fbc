import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

import { DefaultHttpStack, type HttpRequest, type HttpStack, Upload } from 'tus-js-client';

import { LocalDiskStorage } from './local-disk.storage.js';
import { createTusServer, type TusUploadInfo, UploadRefused } from './tus.js';

const MiB = 1024 * 1024;

/** 6 MiB that start with Vietnamese text, then a counter pattern: any byte out of place shows. */
function sourceFile(): Buffer {
  const file = Buffer.alloc(6 * MiB);
  for (let i = 0; i + 4 <= file.length; i += 4) file.writeUInt32BE(i, i);
  file.write('Video dự thi: “Tỉnh táo trước tin giả” — nhóm Ước Mơ, lớp 9A, Trường THCS Nguyễn Trãi.', 0, 'utf8');
  return file;
}

/** The signed-in student, as the app's guard would have put it on the request. */
function callerOf(req: http.IncomingMessage): string | null {
  return /^Bearer (student-\d+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
}

/**
 * The first PATCH sends only the first `sendBytes` bytes and then stalls, the way a phone's
 * connection dies; later requests go through untouched.
 */
class StallingStack implements HttpStack {
  private readonly inner = new DefaultHttpStack({});
  private stalled = false;

  constructor(private readonly sendBytes: number) {}

  createRequest(method: string, url: string): HttpRequest {
    const request = this.inner.createRequest(method, url);
    if (method !== 'PATCH' || this.stalled) return request;
    this.stalled = true;
    const send = request.send.bind(request);
    request.send = (body: Buffer) => {
      const stalling = new Readable({ read() {} });
      stalling.push(body.subarray(0, this.sendBytes));
      return send(stalling);
    };
    return request;
  }

  getName(): string {
    return 'stalling';
  }
}

async function until<T>(probe: () => Promise<T | null>, what: string): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const value = await probe();
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe(createTusServer.name, () => {
  let folder: string;
  let storage: LocalDiskStorage;
  let server: http.Server;
  let endpoint: string;
  let requests: { method: string; offset: string | undefined; answered: boolean }[];
  let finished: TusUploadInfo[];

  beforeAll(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'tinhtao-tus-'));
    storage = new LocalDiskStorage(folder);
    const tus = createTusServer({
      path: '/api/uploads',
      storage,
      maxSize: 8 * MiB,
      async authorizeCreate(req) {
        const caller = callerOf(req);
        if (!caller) throw new UploadRefused(401, 'Đăng nhập trước');
        return { owner: caller };
      },
      async authorizeResume(req, upload) {
        if (upload.metadata.owner !== callerOf(req)) throw new UploadRefused(404, 'Không có tệp này');
      },
      async onFinish(_req, upload) {
        if (upload.metadata.filename === 'poster.jpg') throw new UploadRefused(415, 'Tệp không phải là ảnh');
        finished.push(upload);
        await storage.adoptTusUpload(upload.id, `entries/e1/${upload.id}.mp4`, { contentType: 'video/mp4' });
      },
    });
    server = http.createServer((req, res) => {
      const request = { method: req.method!, offset: req.headers['upload-offset'] as string | undefined, answered: false };
      requests.push(request);
      res.on('close', () => (request.answered = true));
      void tus.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/uploads`;
  });

  beforeEach(() => {
    requests = [];
    finished = [];
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('resumes an upload cut off half-way from the offset the server reports, and the file arrives byte for byte', async () => {
    const source = sourceFile();
    const half = 3 * MiB;
    let reportedOffset: string | undefined;
    let succeed!: () => void;
    let fail!: (error: Error) => void;
    const done = new Promise<void>((resolve, reject) => ((succeed = resolve), (fail = reject)));

    const upload = new Upload(source, {
      endpoint,
      headers: { Authorization: 'Bearer student-1' },
      metadata: { filename: 'Phim ngắn – Ước mơ.mp4', filetype: 'video/mp4', owner: 'someone-else' },
      httpStack: new StallingStack(half),
      retryDelays: null,
      onAfterResponse(req, res) {
        if (req.getMethod() === 'HEAD') reportedOffset = res.getHeader('Upload-Offset');
      },
      onSuccess: () => succeed(),
      onError: (error) => fail(error),
    });
    upload.start();

    // The first PATCH has delivered its half and hangs: the connection drops.
    const id = await until(async () => (upload.url ? upload.url.split('/').pop()! : null), 'the upload URL');
    const partial = path.join(folder, 'tus', id);
    await until(async () => ((await fs.stat(partial).catch(() => null))?.size === half ? true : null), 'half of the bytes on disk');
    await upload.abort();
    // The phone comes back later, not in the same tick: the dead request has been given up on both sides.
    await until(async () => (requests[1].answered ? true : null), 'the server to give up the cut request');
    await new Promise((resolve) => setTimeout(resolve, 50));

    // Later, the phone goes on: tus-js-client asks the server where it stopped and sends the rest.
    upload.start();
    await done;

    expect(requests.map((r) => [r.method, r.offset])).toEqual([
      ['POST', undefined],
      ['PATCH', '0'],
      ['HEAD', undefined],
      ['PATCH', String(half)],
    ]);
    expect(reportedOffset).toBe(String(half));

    expect(finished).toHaveLength(1);
    expect(finished[0]).toMatchObject({ id, size: source.length, offset: source.length });
    // The server's metadata overrides the client's; the client's own keys survive as sent.
    expect(finished[0].metadata).toEqual({ filename: 'Phim ngắn – Ước mơ.mp4', filetype: 'video/mp4', owner: 'student-1' });

    const stored = await storage.get(`entries/e1/${id}.mp4`);
    expect(stored.contentType).toBe('video/mp4');
    const hash = createHash('sha256');
    for await (const chunk of stored.stream) hash.update(chunk as Buffer);
    expect(hash.digest('hex')).toBe(createHash('sha256').update(source).digest('hex'));
    // Adopted: nothing of the upload is left in the tus folder.
    expect(await fs.readdir(path.join(folder, 'tus'))).toEqual([]);
  });

  describe('refusals', () => {
    const tusHeaders = { 'Tus-Resumable': '1.0.0' };

    async function create(headers: Record<string, string>, length = 10): Promise<Response> {
      return fetch(endpoint, { method: 'POST', headers: { ...tusHeaders, 'Upload-Length': String(length), ...headers } });
    }

    it('refuses to start an upload for a caller the app does not let in, with its message', async () => {
      const res = await create({});
      expect(res.status).toBe(401);
      expect(await res.text()).toBe('Đăng nhập trước\n');
    });

    it('refuses an upload larger than the maximum before any byte is sent', async () => {
      expect((await create({ Authorization: 'Bearer student-1' }, 8 * MiB + 1)).status).toBe(413);
    });

    it('refuses an upload of unknown length', async () => {
      const res = await fetch(endpoint, { method: 'POST', headers: { ...tusHeaders, 'Upload-Defer-Length': '1', Authorization: 'Bearer student-1' } });
      expect(res.status).toBe(400);
    });

    it('hides an upload from another student: HEAD and PATCH answer 404', async () => {
      const created = await create({ Authorization: 'Bearer student-1' });
      expect(created.status).toBe(201);
      const location = created.headers.get('location')!;
      expect(location).toMatch(/^\/api\/uploads\/[0-9a-f]{32}$/);
      const url = new URL(location, endpoint).toString();

      const head = await fetch(url, { method: 'HEAD', headers: { ...tusHeaders, Authorization: 'Bearer student-2' } });
      expect(head.status).toBe(404);
      const patch = await fetch(url, {
        method: 'PATCH',
        headers: { ...tusHeaders, Authorization: 'Bearer student-2', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
        body: 'x'.repeat(10),
      });
      expect(patch.status).toBe(404);
      const own = await fetch(url, { method: 'HEAD', headers: { ...tusHeaders, Authorization: 'Bearer student-1' } });
      expect(own.status).toBe(200);
      expect(own.headers.get('upload-offset')).toBe('0');
    });

    it('refuses a finished file the app rejects, and forgets it so that a retry cannot call it a success', async () => {
      const created = await create({ Authorization: 'Bearer student-1', 'Upload-Metadata': `filename ${Buffer.from('poster.jpg').toString('base64')}` }, 9);
      const url = new URL(created.headers.get('location')!, endpoint).toString();
      const patch = await fetch(url, {
        method: 'PATCH',
        headers: { ...tusHeaders, Authorization: 'Bearer student-1', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
        body: '%PDF-1.7\n',
      });
      expect(patch.status).toBe(415);
      expect(await patch.text()).toBe('Tệp không phải là ảnh\n');
      const head = await fetch(url, { method: 'HEAD', headers: { ...tusHeaders, Authorization: 'Bearer student-1' } });
      expect(head.status).toBe(404);
      const id = url.split('/').pop()!;
      expect((await fs.readdir(path.join(folder, 'tus'))).filter((name) => name.startsWith(id))).toEqual([]);
    });

    it('never serves an upload back (GET answers 404)', async () => {
      const created = await create({ Authorization: 'Bearer student-1' });
      const res = await fetch(new URL(created.headers.get('location')!, endpoint), { headers: { Authorization: 'Bearer student-1' } });
      expect(res.status).toBe(404);
    });

    it('answers an error of its own with 500 and no detail', async () => {
      const broken = createTusServer({
        path: '/api/uploads',
        storage,
        maxSize: MiB,
        authorizeCreate: () => Promise.reject(new Error('database password is hunter2')),
        onFinish: () => Promise.resolve(),
      });
      const httpServer = http.createServer((req, res) => void broken.handle(req, res));
      await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
      try {
        const res = await fetch(`http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/api/uploads`, {
          method: 'POST',
          headers: { ...tusHeaders, 'Upload-Length': '10' },
        });
        expect(res.status).toBe(500);
        expect(await res.text()).toBe('Internal error\n');
      } finally {
        httpServer.closeAllConnections();
        await new Promise((resolve) => httpServer.close(resolve));
      }
    });
  });
});
