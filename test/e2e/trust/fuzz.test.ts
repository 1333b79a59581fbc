import { randomUUID } from 'node:crypto';

import pg from 'pg';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { ask, connectLive } from '../../support/live.js';
import { tableSnapshot } from '../../support/snapshot.js';

/**
 * Hostile input to every route the OpenAPI document lists, and to every WebSocket event:
 * malformed and hostile bodies, path and query parameters, and headers. Every answer must be
 * a 4xx with problem details (a read may also answer 2xx), never a 5xx, and nothing may be
 * written: every table's content is hashed before and after.
 */
let app: TestApp;
let anon: Api;
let dept: Api;
let db: pg.Client;
let cases = 0;

interface Operation {
  method: string;
  path: string;
  params: { name: string; in: string; required?: boolean }[];
  body: { properties?: Record<string, unknown>; required?: string[] } | null;
  multipart: boolean;
}

const HOSTILE_STRINGS = [
  "' OR '1'='1' --",
  '1; DROP TABLE app_user; --',
  '<script>alert(document.cookie)</script>',
  '../../../../etc/passwd',
  '%00%0d%0a',
  '\u0000\u0001\u001f',
  '😀'.repeat(50),
  'x'.repeat(5_000),
  '${7*7}{{7*7}}',
  '-1',
  'NaN',
  '1e309',
];
const WRONG_TYPES: unknown[] = [null, true, -1, 1.7976931348623157e308, [], {}, [null], { $gt: '' }, 'x'.repeat(100_000)];
const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const POLLUTION = '{"__proto__":{"isAdmin":true,"role":"dept_admin"},"constructor":{"prototype":{"polluted":true}}}';

async function operations(): Promise<Operation[]> {
  const doc = (await anon.get('/api/docs/openapi.json')).body as { paths: Record<string, Record<string, any>> };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      params: op.parameters ?? [],
      body: op.requestBody?.content?.['application/json']?.schema ?? null,
      multipart: Boolean(op.requestBody?.content?.['multipart/form-data']),
    })),
  );
}

const fill = (path: string, value: (name: string) => string) => path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(value(name)));

async function send(method: string, url: string, body?: string | Uint8Array, headers: Record<string, string> = {}, token: string | null = dept.token!) {
  cases++;
  const res = await fetch(app.url + url, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: method === 'GET' || method === 'HEAD' ? undefined : (body as BodyInit | undefined),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text };
}

/** A refusal is a 4xx problem with a code; a read may succeed; nothing is ever a 5xx. */
function judge(op: Operation, label: string, res: { status: number; type: string; text: string }) {
  const where = `${op.method} ${op.path} (${label}) → ${res.status} ${res.text.slice(0, 200)}`;
  if (res.status >= 500) throw new Error(`server error: ${where}`);
  if (op.method !== 'GET' && res.status < 400) throw new Error(`accepted a hostile write: ${where}`);
  if (res.status >= 400) {
    if (!res.type.startsWith('application/problem+json')) throw new Error(`not problem details: ${where}`);
    if (!JSON.parse(res.text).code) throw new Error(`no code: ${where}`);
  }
}

beforeAll(async () => {
  app = await startApp();
  anon = new Api(app.url);
  dept = await anon.signedIn('so-admin');
  db = new pg.Client({ connectionString: app.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await app?.stop();
  process.stdout.write(`fuzz: ${cases} hostile requests and events\n`);
});

describe('hostile input', () => {
  it('gets a 4xx with problem details from every REST route, never a 5xx, and writes nothing', async () => {
    const ops = (await operations()).filter((op) => !['/api/auth/logout'].includes(op.path) || op.method !== 'POST');
    expect(ops.length).toBeGreaterThan(70);
    const before = await tableSnapshot(db);
    for (const op of ops) {
      const anyId = () => randomUUID();
      // Path parameters: each hostile value in each place.
      if (op.path.includes('{')) {
        for (const value of HOSTILE_STRINGS)
          judge(
            op,
            `path ${value.slice(0, 20)}`,
            await send(
              op.method,
              fill(op.path, () => value),
              op.body ? '{}' : undefined,
            ),
          );
      }
      const url = fill(op.path, anyId);
      // Query parameters: hostile values and repeated keys.
      for (const param of op.params.filter((p) => p.in === 'query')) {
        for (const value of HOSTILE_STRINGS.slice(0, 8))
          judge(
            op,
            `query ${param.name}`,
            await send(op.method, `${url}?${param.name}=${encodeURIComponent(value)}&${param.name}=2`, op.body ? '{}' : undefined),
          );
      }
      if (op.multipart) {
        judge(op, 'json instead of a file', await send(op.method, url, '{"file":"x"}'));
        judge(op, 'text/plain', await send(op.method, url, 'Lớp,Khối', { 'content-type': 'text/plain' }));
        continue;
      }
      if (op.method === 'GET' || op.method === 'DELETE') continue;
      // Bodies: not an object, hostile keys, deep nesting, invalid UTF-8, broken JSON, too large, another content type.
      for (const body of ['null', '[]', '"x"', '42', 'true', POLLUTION, deep(5_000), '{"a":', '{]', JSON.stringify({ x: 'x'.repeat(2_000_000) })]) {
        judge(op, `body ${body.slice(0, 16)}`, await send(op.method, url, body));
      }
      judge(op, 'invalid UTF-8', await send(op.method, url, new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d])));
      judge(op, 'form content type', await send(op.method, url, 'a=1&b=2', { 'content-type': 'application/x-www-form-urlencoded' }));
      // Each property alone with a value of the wrong type (or far too long).
      for (const property of Object.keys(op.body?.properties ?? {})) {
        for (const value of WRONG_TYPES)
          judge(op, `${property}=${String(value).slice(0, 12)}`, await send(op.method, url, JSON.stringify({ [property]: value })));
      }
    }
    expect(await tableSnapshot(db)).toEqual(before);
  });

  it('stores hostile text as text: what goes in as SQL or HTML comes back as the same characters', async () => {
    for (const name of HOSTILE_STRINGS.slice(0, 3)) {
      const made = await dept.post('/api/areas', { name });
      expect(made.status).toBe(201);
      expect((await dept.get('/api/areas')).body.find((a: { id: string }) => a.id === made.body.id).name).toBe(name);
      expect((await dept.delete(`/api/areas/${made.body.id}`)).status).toBe(204);
    }
    expect(Number((await db.query(`SELECT count(*) FROM app_user`)).rows[0].count)).toBeGreaterThan(50);
  });

  it('refuses hostile credentials and headers with 401 or 4xx', async () => {
    const op: Operation = { method: 'GET', path: '/api/me', params: [], body: null, multipart: false };
    const none = 'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImRlcHRfYWRtaW4ifQ.';
    for (const authorization of [
      `Bearer ${none}`,
      'Bearer ' + 'a'.repeat(8_000),
      'Basic c28tYWRtaW46RGVtb0AyMDI2',
      `bearer ${dept.token}x`,
      'Bearer',
      `Bearer ${dept.token} ${dept.token}`,
    ]) {
      const res = await send('GET', '/api/me', undefined, { authorization }, null);
      judge(op, authorization.slice(0, 20), res);
      expect(res.status).toBe(401);
    }
    // A token in the query string is not a token.
    const res = await send('GET', `/api/me?access_token=${dept.token}`, undefined, {}, null);
    expect(res.status).toBe(401);
    // The login route under hostile bodies: 400 or 401, never a session.
    const login: Operation = { method: 'POST', path: '/api/auth/login', params: [], body: null, multipart: false };
    for (const body of [
      { username: "so-admin' --", password: 'x' },
      { username: { $ne: '' }, password: { $ne: '' } },
      { username: 'so-admin', password: 'x'.repeat(10_000) },
    ]) {
      judge(login, JSON.stringify(body).slice(0, 20), await send('POST', '/api/auth/login', JSON.stringify(body), {}, null));
    }
  });

  it('answers hostile WebSocket payloads with an error ack, and keeps serving', async () => {
    const student = await connectLive(app.url, (await anon.login('hs1')).accessToken);
    const host = await connectLive(app.url, (await anon.login('gv1')).accessToken);
    const payloads: unknown[] = [
      undefined,
      null,
      42,
      'x',
      [],
      [1, 2],
      { pin: { $gt: '' } },
      { pin: "' OR 1=1" },
      { pin: 'x'.repeat(10_000) },
      JSON.parse(POLLUTION),
      { questionIndex: -1, choice: 'x' },
      { questionIndex: 1e9, choice: [1e9] },
      { sessionId: '../../x' },
      { sessionId: randomUUID(), extra: { deep: JSON.parse(deep(500)) } },
    ];
    const events = [
      'session:join',
      'answer:submit',
      'host:attach',
      'host:start',
      'host:next',
      'host:reveal',
      'host:end',
      'host:pause',
      'host:resume',
      'host:skip',
      'host:kick',
      'no:such-event',
    ];
    const codes = new Set<string>();
    for (const [socket, name] of [
      [student, 'student'],
      [host, 'host'],
    ] as const) {
      for (const event of events) {
        for (const payload of payloads) {
          cases++;
          if (event === 'no:such-event') {
            socket.emit(event, payload); // unknown events get no answer, and nothing happens
            continue;
          }
          const answer = await (socket.timeout(3_000).emitWithAck(event, payload) as Promise<Awaited<ReturnType<typeof ask>>>).catch(() => ({
            ok: false as const,
            error: { code: `NO_ACK ${event} ${JSON.stringify(payload)?.slice(0, 40)}`, message: '' },
          }));
          expect({ event, name, ok: answer.ok }).toEqual({ event, name, ok: false });
          if (!answer.ok) codes.add(answer.error.code);
        }
        // Without an ack callback: nothing to answer, nothing breaks.
        cases++;
        socket.emit(event, { pin: { $gt: '' } });
      }
      // Rate limiting may have kicked in; after a pause the socket still answers.
      await new Promise((r) => setTimeout(r, 2_100));
      expect(await ask(socket, 'session:join', { pin: '000000' })).toMatchObject({ ok: false, error: { code: 'PIN_NOT_FOUND' } });
    }
    expect([...codes].filter((c) => !['BAD_PAYLOAD', 'NOT_ALLOWED', 'PIN_NOT_FOUND', 'RATE_LIMITED', 'NOT_FOUND'].includes(c))).toEqual([]);
    expect(codes.has('BAD_PAYLOAD')).toBe(true);
    // A message over the 16 KiB limit closes that connection, and only that one.
    cases++;
    const closed = new Promise<string>((resolve) => student.once('disconnect', resolve));
    student.emit('session:join', { pin: 'x'.repeat(100_000) });
    expect(await closed).toBe('transport close');
    expect(await ask(host, 'session:join', { pin: '000000' })).toMatchObject({ ok: false, error: { code: 'PIN_NOT_FOUND' } });
    host.close();
    expect((await anon.get('/api/health')).status).toBe(200);
  });
});
