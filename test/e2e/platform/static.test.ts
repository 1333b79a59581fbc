import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';

import { startApp, type TestApp } from '../../support/app.js';
import { ROOT } from '../../support/database.js';

/**
 * The built client as a phone receives it from `npm start`: the build's brotli or gzip twin by
 * the request's Accept-Encoding, byte for byte the original once decoded; hashed assets cached
 * for a year, everything else revalidated so that a new release reaches phones at once.
 */
const DIST = path.join(ROOT, 'client/dist');
const IMMUTABLE = 'public, max-age=31536000, immutable';

let app: TestApp;
let entryAsset: string;

beforeAll(async () => {
  const manifestFile = path.join(DIST, '.vite/manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error('The client is not built: run `npm run build` (npm test does it)');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, { file: string; isEntry?: boolean }>;
  entryAsset = `/${Object.values(manifest).find((chunk) => chunk.isEntry)!.file}`;
  app = await startApp();
});
afterAll(() => app?.stop());

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request whose body comes back as sent on the wire (fetch would decode it and choose its own Accept-Encoding). */
function request(urlPath: string, acceptEncoding: string | null, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = acceptEncoding === null ? {} : { 'accept-encoding': acceptEncoding };
    const req = http.request(`${app.url}${urlPath}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function decode(res: RawResponse): Buffer {
  switch (res.headers['content-encoding']) {
    case 'br':
      return zlib.brotliDecompressSync(res.body);
    case 'gzip':
      return zlib.gunzipSync(res.body);
    case undefined:
      return res.body;
    default:
      throw new Error(`unexpected Content-Encoding ${res.headers['content-encoding']}`);
  }
}

const varyNames = (res: RawResponse) =>
  String(res.headers.vary ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase());

/** What is fetched, which built file it is, and whether the build wrote twins for it (not below 1 KB: index.html is near that line). */
const targets = () =>
  [
    { name: 'the entry chunk', path: entryAsset, file: entryAsset.slice(1), type: /^text\/javascript; charset=utf-8$/i, cache: IMMUTABLE },
    { name: 'index.html at /', path: '/', file: 'index.html', type: /^text\/html; charset=utf-8$/i, cache: 'no-cache' },
    { name: 'index.html for the SPA path /student', path: '/student', file: 'index.html', type: /^text\/html; charset=utf-8$/i, cache: 'no-cache' },
  ].map((target) => ({ ...target, compressed: fs.existsSync(path.join(DIST, `${target.file}.br`)) && fs.existsSync(path.join(DIST, `${target.file}.gz`)) }));

const negotiations: { acceptEncoding: string | null; sent: 'br' | 'gzip' | 'identity' }[] = [
  { acceptEncoding: 'br, gzip', sent: 'br' },
  // What Chrome sends: gzip listed first at equal weight, brotli still wins.
  { acceptEncoding: 'gzip, deflate, br, zstd', sent: 'br' },
  { acceptEncoding: 'gzip', sent: 'gzip' },
  { acceptEncoding: 'br;q=0, gzip', sent: 'gzip' },
  { acceptEncoding: null, sent: 'identity' },
  { acceptEncoding: 'identity', sent: 'identity' },
];

describe('static files', () => {
  it.each(negotiations)('sends $sent for Accept-Encoding: $acceptEncoding, decoding to the very bytes of the built file', async ({ acceptEncoding, sent }) => {
    const expected = sent === 'identity' ? undefined : sent;
    for (const target of targets()) {
      const res = await request(target.path, acceptEncoding);
      const what = `${target.name} with Accept-Encoding: ${acceptEncoding}`;
      expect({ what, status: res.status, encoding: res.headers['content-encoding'] }).toEqual({
        what,
        status: 200,
        encoding: target.compressed ? expected : undefined,
      });
      expect(decode(res).equals(fs.readFileSync(path.join(DIST, target.file)))).toBe(true);
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      expect(varyNames(res)).toContain('accept-encoding');
      expect(res.headers['content-type']).toMatch(target.type);
      expect({ what, cache: res.headers['cache-control'] }).toEqual({ what, cache: target.cache });
    }
  });

  it('sends a compressed twin far smaller than the file (the entry chunk, and index.html when over 1 KB)', async () => {
    const [entry, index] = targets();
    expect(entry.compressed).toBe(true);
    for (const target of [entry, index].filter((t) => t.compressed)) {
      const original = fs.statSync(path.join(DIST, target.file)).size;
      const br = await request(target.path, 'br');
      const gzip = await request(target.path, 'gzip');
      expect(br.body.length).toBeLessThan(gzip.body.length);
      expect(gzip.body.length).toBeLessThan(original * 0.6);
    }
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    for (const target of targets()) {
      const get = await request(target.path, 'br, gzip');
      const head = await request(target.path, 'br, gzip', 'HEAD');
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      for (const name of ['content-encoding', 'content-length', 'content-type', 'cache-control', 'vary', 'etag'])
        expect({ name, value: head.headers[name] }).toEqual({ name, value: get.headers[name] });
    }
  });

  it('revalidates the files at fixed names (icons, favicon) on every use', async () => {
    const res = await request('/favicon.svg', 'br, gzip');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(decode(res).equals(fs.readFileSync(path.join(DIST, 'favicon.svg')))).toBe(true);
  });

  it('keeps CORS’s Vary: Origin beside Accept-Encoding', async () => {
    const res = await request(entryAsset, 'br');
    expect(varyNames(res)).toEqual(expect.arrayContaining(['accept-encoding', 'origin']));
  });

  it('answers a missing hashed asset with a 404 problem, never with index.html', async () => {
    for (const missing of ['/assets/nope.js', '/assets/nope.css']) {
      const res = await request(missing, 'br, gzip');
      expect({ missing, status: res.status, type: res.headers['content-type'] }).toEqual({
        missing,
        status: 404,
        type: 'application/problem+json; charset=utf-8',
      });
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(res.body.toString('utf8'))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    }
  });

  it('leaves the API to the API: an unknown /api path is a problem, not index.html', async () => {
    const res = await request('/api/nothing-here', 'br, gzip');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['content-encoding']).toBeUndefined();
  });
});
