import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import pg from 'pg';
import { pino } from 'pino';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { ROOT } from '../../support/database.js';
import { demoOpenAssignment } from '../../support/fixtures.js';

/**
 * Faults while a student works: PostgreSQL restarted under the app, then the app killed with
 * SIGKILL and started again. The student's autosaves run one after another all along; every
 * save the server acknowledged must be the one stored at the end, and during the outage the
 * answers are 503 problems the client retries, never a half-written row.
 */
const SERVER_DIST = path.join(ROOT, 'server/dist/server/src');
const SERVER_CLI = path.join(SERVER_DIST, 'cli.js');
let dir: string;
let port: number;
let database: { url: string; stop: () => Promise<void> };
let app: TestApp;

async function startPostgres() {
  const { startEmbeddedPostgres } = await import(path.join(SERVER_DIST, 'database/embedded-postgres.js'));
  database = await startEmbeddedPostgres(path.join(dir, 'pg'), pino({ level: 'warn' }), port);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinhtao-faults-'));
  fs.chmodSync(dir, 0o755);
  const { freePort } = await import(path.join(SERVER_DIST, 'database/embedded-postgres.js'));
  port = await freePort();
  await startPostgres();
  await promisify(execFile)(process.execPath, [SERVER_CLI, 'migrate', '--seed-demo'], {
    env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn', NODE_ENV: 'test' },
  });
  app = await startApp({}, { url: database.url, drop: async () => {} });
}, 120_000);
afterAll(async () => {
  await app?.stop();
  await database?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('faults', () => {
  it('keeps every acknowledged autosave through a PostgreSQL restart and a killed app', async () => {
    let api = new Api(app.url);
    const hs1 = await api.signedIn('hs1');
    // The fixture is chosen by what it is: the demo's open media-literacy lesson of 8A1, by its title, and its written answer.
    const chosen = await demoOpenAssignment(hs1);
    expect({ status: chosen.status, closed: chosen.closed }).toEqual({ status: 'not_started', closed: false });
    const item = ((await hs1.get(`/api/lessons/${chosen.lessonId}`)).body.items as { id: string; kind: string }[]).find((i) => i.kind === 'short_answer')!;
    expect(item).toBeDefined();
    const attempt = (await hs1.post(`/api/assignments/${chosen.id}/attempt`)).body;
    let seq = 0;
    let lastAcked = 0;
    const statuses = new Map<number, number>();
    let client = hs1;
    let running = true;
    const saver = (async () => {
      while (running) {
        const n = ++seq;
        const res = await client
          .put(`/api/attempts/${attempt.attemptId}/responses/${item.id}`, { response: { text: `Lần lưu thứ ${n}` }, seq: n })
          .catch(() => ({ status: 0, body: null, headers: new Headers() }));
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 200) lastAcked = n;
        else if (res.status !== 0) {
          // The outage answers 503 with problem details; nothing else is acceptable.
          expect({ status: res.status, code: (res.body as { code?: string })?.code }).toEqual({ status: 503, code: 'DATABASE_UNAVAILABLE' });
          expect(res.headers.get('retry-after')).toBe('2');
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const until = async (check: () => Promise<boolean>, ms: number) => {
      const deadline = Date.now() + ms;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error('timed out');
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const health = async () => (await fetch(`${app.url}/api/health`)).status;

    await until(async () => lastAcked >= 20, 20_000);
    // PostgreSQL goes away, and comes back on the same port and data folder.
    await database.stop();
    await until(async () => (await health()) === 503, 10_000);
    const ackedBeforeOutage = lastAcked;
    await new Promise((r) => setTimeout(r, 1_000));
    await startPostgres();
    await until(async () => (await health()) === 200, 30_000);
    await until(async () => lastAcked > ackedBeforeOutage + 10, 20_000);
    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);

    // The app dies mid-save and starts again on the same database; the student signs in again.
    await app.kill();
    await new Promise((r) => setTimeout(r, 300));
    const ackedBeforeKill = lastAcked;
    app = await startApp({}, { url: database.url, drop: async () => {} });
    api = new Api(app.url);
    client = await api.signedIn('hs1');
    await until(async () => lastAcked > ackedBeforeKill + 10, 20_000);
    running = false;
    await saver;

    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    const stored = (await db.query(`SELECT response, seq FROM response WHERE attempt_id = $1 AND item_id = $2`, [attempt.attemptId, item.id])).rows[0];
    await db.end();
    expect(stored.response).toEqual({ text: `Lần lưu thứ ${lastAcked}` });
    expect(Number(stored.seq)).toBe(lastAcked);
    expect([...statuses.keys()].filter((s) => ![200, 503, 0, 401].includes(s))).toEqual([]);
  }, 180_000);
});
