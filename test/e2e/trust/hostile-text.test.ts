import { randomUUID } from 'node:crypto';

import { AnswerPayload, HostPayload, JoinPayload, KickPayload, LIVE_CLIENT_EVENTS, type LiveClientEvent } from '@tinhtao/shared';
import pg from 'pg';
import { type z } from 'zod';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { ask, connectLive } from '../../support/live.js';
import { tableSnapshot } from '../../support/snapshot.js';

/**
 * Text no field may hold — U+0000, a lone surrogate, the noncharacter U+FFFF — and a 1 MB
 * string, put into every string field of every documented request body, every query
 * parameter and every `/live` event. Each must be refused with a 4xx that names the field
 * (the megabyte: 413), never a 5xx, and nothing may be written.
 */
let app: TestApp;
let anon: Api;
let dept: Api;
let db: pg.Client;
let cases = 0;

const BAD_TEXT = { nul: 'Nguyễn\u0000Văn A', lone: 'Trần \uD800 Bình', nonchar: 'Lê Thị\uFFFF' } as const;
const MEGABYTE = 'ầ'.repeat(350_000);
/** An upload route's body: a small, well-formed CSV, so that only the hostile query is wrong. */
const upload = () => {
  const form = new FormData();
  form.append('file', new Blob(['Họ và tên,Lớp\nNguyễn Văn An,8A1\n'], { type: 'text/csv' }), 'hoc-sinh.csv');
  return form;
};

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  required?: string[];
  enum?: unknown[];
  format?: string;
  minimum?: number;
  default?: unknown;
};

interface Operation {
  method: string;
  path: string;
  query: string[];
  body: JsonSchema | null;
  multipart: boolean;
}

const variants = (s: JsonSchema): JsonSchema[] => [s, ...(s.anyOf ?? []), ...(s.oneOf ?? [])];
const isString = (s: JsonSchema) => variants(s).some((v) => v.type === 'string' || (Array.isArray(v.type) && v.type.includes('string')));

/** A plausible value of a schema, so that the hostile field is not the only thing wrong with the body. */
function sample(s: JsonSchema, depth = 0): unknown {
  if (s.default !== undefined) return s.default;
  if (s.enum) return s.enum[0];
  const v = s.anyOf?.[0] ?? s.oneOf?.[0] ?? s;
  const type = Array.isArray(v.type) ? v.type[0] : v.type;
  if (type === 'string') return v.format === 'uuid' ? randomUUID() : v.format === 'date-time' ? '2026-10-01T08:00:00+07:00' : v.enum ? v.enum[0] : 'Tên hợp lệ';
  if (type === 'number' || type === 'integer') return v.minimum ?? 1;
  if (type === 'boolean') return false;
  if (type === 'array') return depth > 3 || !v.items ? [] : [sample(v.items, depth + 1)];
  if (type === 'object' || v.properties) {
    return Object.fromEntries(Object.entries(v.properties ?? {}).map(([k, p]) => [k, depth > 3 ? null : sample(p, depth + 1)]));
  }
  return null;
}

/** Every path to a string field in a schema (object properties, and the first element of arrays). */
function stringPaths(s: JsonSchema, at: (string | number)[] = [], depth = 0): (string | number)[][] {
  if (depth > 4) return [];
  const out: (string | number)[][] = [];
  if (isString(s) && at.length > 0) out.push(at);
  for (const v of variants(s)) {
    for (const [k, p] of Object.entries(v.properties ?? {})) out.push(...stringPaths(p, [...at, k], depth + 1));
    if (v.items) out.push(...stringPaths(v.items, [...at, 0], depth + 1));
  }
  return out.filter((p, i) => out.findIndex((q) => q.join('.') === p.join('.')) === i);
}

function setAt(value: unknown, path: (string | number)[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  const container: any =
    typeof head === 'number' ? (Array.isArray(value) ? [...value] : []) : value && typeof value === 'object' && !Array.isArray(value) ? { ...value } : {};
  container[head] = setAt(container[head], rest, leaf);
  return container;
}

async function operations(): Promise<Operation[]> {
  const doc = (await anon.get('/api/docs/openapi.json')).body as { paths: Record<string, Record<string, any>> };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      query: ((op.parameters ?? []) as { name: string; in: string }[]).filter((p) => p.in === 'query').map((p) => p.name),
      body: op.requestBody?.content?.['application/json']?.schema ?? null,
      multipart: Boolean(op.requestBody?.content?.['multipart/form-data']),
    })),
  );
}

async function send(method: string, url: string, body?: string | FormData) {
  cases++;
  const res = await fetch(app.url + url, {
    method,
    headers: { ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}), authorization: `Bearer ${dept.token}` },
    body: method === 'GET' ? undefined : body,
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    json: (() => {
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    })(),
  };
}

/** Refused with a problem that names the field: `errors[].field` is the dotted path. */
function expectRefusedNaming(where: string, res: Awaited<ReturnType<typeof send>>, field: string) {
  const got = { where, status: res.status, type: res.type.split(';')[0], fields: (res.json?.errors ?? []).map((e: { field: string }) => e.field) };
  expect(got).toEqual({ where, status: 400, type: 'application/problem+json', fields: [field] });
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
  process.stdout.write(`hostile text: ${cases} requests and events\n`);
});

describe('text no field may hold', () => {
  it('answers a NUL in the login name with 400 naming the field, not 500', async () => {
    const res = await send('POST', '/api/auth/login', JSON.stringify({ username: '\u0000', password: 'x' }));
    expectRefusedNaming('login', res, 'username');
    expect(res.json.code).toBe('VALIDATION_FAILED');
  });

  it('is refused in every string field of every documented body and query, with the field named, and writes nothing', async () => {
    const ops = await operations();
    const before = await tableSnapshot(db);
    let fields = 0;
    for (const op of ops) {
      const url = op.path.replace(/\{(\w+)\}/g, () => randomUUID());
      for (const name of op.query) {
        // A URL carries UTF-8 bytes, so no lone surrogate can reach a query: U+0000 and U+FFFF can.
        for (const [label, bad] of Object.entries(BAD_TEXT).filter(([label]) => label !== 'lone')) {
          expectRefusedNaming(
            `${op.method} ${op.path} ?${name} ${label}`,
            await send(op.method, `${url}?${name}=${encodeURIComponent(bad)}`, op.multipart ? upload() : op.body ? '{}' : undefined),
            name,
          );
        }
      }
      if (!op.body || op.method === 'GET') continue;
      const valid = sample(op.body);
      for (const path of stringPaths(op.body)) {
        fields++;
        const field = path.join('.');
        for (const [label, bad] of Object.entries(BAD_TEXT)) {
          expectRefusedNaming(`${op.method} ${op.path} ${field} ${label}`, await send(op.method, url, JSON.stringify(setAt(valid, path, bad))), field);
        }
        const huge = await send(op.method, url, JSON.stringify(setAt(valid, path, MEGABYTE)));
        expect({ where: `${op.method} ${op.path} ${field} 1 MB`, status: huge.status, code: huge.json?.code }).toEqual({
          where: `${op.method} ${op.path} ${field} 1 MB`,
          status: 413,
          code: 'PAYLOAD_TOO_LARGE',
        });
      }
    }
    expect(fields).toBeGreaterThan(60);
    expect(await tableSnapshot(db)).toEqual(before);
  });

  it('is refused in every field of every /live event with BAD_PAYLOAD naming the field', async () => {
    const schemaOf = (event: LiveClientEvent): z.ZodObject =>
      event === 'session:join' ? JoinPayload : event === 'answer:submit' ? AnswerPayload : event === 'host:kick' ? KickPayload : HostPayload;
    for (const [role, username] of [
      ['student', 'hs1'],
      ['host', 'gv1'],
    ] as const) {
      const socket = await connectLive(app.url, (await anon.login(username)).accessToken);
      for (const event of LIVE_CLIENT_EVENTS) {
        const fields = [...Object.keys(schemaOf(event).shape), 'note'];
        for (const field of fields) {
          for (const [label, bad] of Object.entries(BAD_TEXT)) {
            cases++;
            const answer = await ask(socket, event, { [field]: bad });
            const where = `${role} ${event} ${field} ${label}`;
            expect({
              where,
              ok: answer.ok,
              code: answer.ok ? null : answer.error.code,
              names: answer.ok ? false : answer.error.message.startsWith(`${field}:`),
            }).toEqual({ where, ok: false, code: 'BAD_PAYLOAD', names: true });
          }
          // Slow enough for the per-socket rate limit (10 events a second).
          await new Promise((r) => setTimeout(r, 350));
        }
      }
      // A megabyte is past the socket's 16 KiB frame limit: the server closes that socket, and nothing is stored.
      cases++;
      const closed = new Promise((resolve) => socket.once('disconnect', resolve));
      socket.emit('session:join', { pin: MEGABYTE });
      await expect(closed).resolves.toBeDefined();
    }
    // The server goes on serving.
    const again = await connectLive(app.url, (await anon.login('hs2')).accessToken);
    expect(await ask(again, 'session:join', { pin: '000000' })).toMatchObject({ ok: false, error: { code: 'PIN_NOT_FOUND' } });
    again.close();
  });
});
