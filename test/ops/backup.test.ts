import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import pg from 'pg';

import { Api } from '../support/api.js';
import { startApp, type TestApp } from '../support/app.js';
import { createTestDatabase, ROOT, testDatabaseEnv } from '../support/database.js';
import { databaseUrl, uniqueDatabaseName, withAdmin } from '../support/db-admin.mjs';
import { demoOpenAssignment } from '../support/fixtures.js';

/**
 * `npm run backup` and `npm run restore`, the real scripts with the real pg_dump and
 * pg_restore: a database with the demo data and rows written through the API is dumped,
 * restored into a fresh database, and every table holds the same rows there. A machine with
 * no pg_dump/pg_restore for the test server's version fails here, naming what is missing.
 */
let app: TestApp;
let sourceUrl: string;
let dir: string;
let archive: string | null = null;
let before: Fingerprint;
const dropLater: string[] = [];
const cleanAfter: { drop: () => Promise<void> }[] = [];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs scripts/<name>.mjs as `npm run <name>` does, with only the environment given changed. */
function runScript(name: 'backup' | 'restore', args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', `${name}.mjs`), ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function succeeded(run: Run, what: string): Run {
  if (run.code !== 0) throw new Error(`${what} exited with ${run.code}:\n${run.stderr}\n${run.stdout}`);
  return run;
}

/** The `table  rows` lines that both scripts print. */
function printedCounts(stdout: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const match of stdout.matchAll(/^ {2}([a-z_][a-z0-9_.]*) +(\d+)$/gm)) counts[match[1]] = Number(match[2]);
  return counts;
}

interface Fingerprint {
  /** Per table of the public schema: its row count and an md5 of its rows' text, in order. */
  tables: Record<string, { rows: number; md5: string }>;
  migrations: unknown[];
  columns: unknown[];
  constraints: unknown[];
  indexes: unknown[];
  triggers: unknown[];
  functions: unknown[];
  sequences: unknown[];
}

async function fingerprint(url: string): Promise<Fingerprint> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const q = async (sql: string) => (await db.query({ text: sql, rowMode: 'array' })).rows;
    const tables: Fingerprint['tables'] = {};
    const names = (await db.query(`SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY 1`))
      .rows;
    for (const { relname } of names) {
      const t = db.escapeIdentifier(relname);
      const { rows } = await db.query(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(r::text, E'\\n' ORDER BY r::text), '')) AS md5 FROM public.${t} r`,
      );
      tables[relname] = rows[0];
    }
    return {
      tables,
      migrations: await q('SELECT * FROM migrations ORDER BY id'),
      // Not attnum: a column a migration dropped leaves a gap that a restore closes.
      columns: await q(
        `SELECT table_name, column_name, data_type, column_default, is_nullable FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, ordinal_position`,
      ),
      constraints: await q(
        `SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`,
      ),
      indexes: await q(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2`),
      triggers: await q(`SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2`),
      functions: await q(
        `SELECT proname, pg_get_function_identity_arguments(oid), md5(prosrc) FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1, 2`,
      ),
      sequences: await q(`SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`),
    };
  } finally {
    await db.end();
  }
}

/** A new, empty database on the test server. */
async function emptyDatabase(): Promise<string> {
  const { adminUrl } = testDatabaseEnv();
  const name = uniqueDatabaseName('tt_restore');
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  dropLater.push(name);
  return databaseUrl(adminUrl, name);
}

const ANSWER = 'Em không bấm vào đường link "lạ", hỏi lại bố mẹ\nrồi báo cho cô — kể cả khi tin nhắn ghi C:\\Ngân hàng.';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinhtao-backup-'));
  app = await startApp();
  sourceUrl = app.databaseUrl;
  // Rows written the way people write them: sign-ins, an attempt with answers, handed in.
  const anon = new Api(app.url);
  const hs1 = await anon.signedIn('hs1');
  await anon.signedIn('gv1');
  const open = await demoOpenAssignment(hs1);
  const attempt = await hs1.post(`/api/assignments/${open.id}/attempt`);
  expect(attempt.status).toBe(200);
  const lesson = (await hs1.get(`/api/lessons/${attempt.body.lessonId}`)).body as { items: { id: string; kind: string }[] };
  const short = lesson.items.find((i) => i.kind === 'short_answer');
  const choice = lesson.items.find((i) => i.kind === 'single_choice' || i.kind === 'true_false');
  expect(short && choice).toBeTruthy();
  expect((await hs1.put(`/api/attempts/${attempt.body.attemptId}/responses/${short!.id}`, { response: { text: ANSWER }, seq: 1 })).status).toBe(200);
  expect((await hs1.put(`/api/attempts/${attempt.body.attemptId}/responses/${choice!.id}`, { response: [0], seq: 2 })).status).toBe(200);
  expect((await hs1.post(`/api/attempts/${attempt.body.attemptId}/submit`)).status).toBe(200);
  // The server goes; its database stays, still, for the comparisons.
  await app.kill();
  before = await fingerprint(sourceUrl);
  const stored = await withAdmin(sourceUrl, (c) => c.query(`SELECT count(*)::int AS n FROM response WHERE response->>'text' = $1`, [ANSWER]));
  expect(stored.rows[0].n).toBe(1);
});

afterAll(async () => {
  await app?.database.drop();
  for (const db of cleanAfter) await db.drop();
  const adminUrl = process.env.TT_TEST_ADMIN_URL;
  if (adminUrl) for (const name of dropLater) await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('backups', () => {
  it('backs up the database with pg_dump into a custom-format archive, and prints its rows', async () => {
    const file = path.join(dir, 'source.dump');
    const run = succeeded(
      await runScript('backup', ['--out', file], { DATABASE_URL: sourceUrl }),
      'npm run backup (pg_dump must be there, of the test server’s version or newer)',
    );
    expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('PGDMP');
    expect(run.stdout).toContain(`Wrote ${file}`);
    expect(run.stdout).toMatch(/size: .*\(\d+ bytes\)/);
    expect(run.stdout).toMatch(/read back with pg_restore/);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
    const expected = Object.fromEntries(Object.entries(before.tables).map(([t, v]) => [t, v.rows]));
    expect(printedCounts(run.stdout)).toEqual(expected);
    archive = file;
    // An archive that is there already is never overwritten.
    const again = await runScript('backup', ['--out', file], { DATABASE_URL: sourceUrl });
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('exists already');
  });

  it('restores into a fresh, empty database: every table, every row and the migrations the same', async () => {
    if (!archive) throw new Error('no archive: `npm run backup` failed in the test before');
    const target = await emptyDatabase();
    const run = succeeded(
      await runScript('restore', [archive, '--target', target], {}),
      'npm run restore (pg_restore must be there, of the test server’s version or newer)',
    );
    const after = await fingerprint(target);
    expect(Object.keys(after.tables)).toEqual(Object.keys(before.tables));
    expect(Object.keys(before.tables).length).toBeGreaterThan(20);
    for (const [table, content] of Object.entries(before.tables)) expect({ table, ...after.tables[table] }).toEqual({ table, ...content });
    expect(after.migrations).toEqual(before.migrations);
    expect(before.migrations.length).toBeGreaterThan(0);
    expect(after).toEqual(before);
    expect(printedCounts(run.stdout)).toEqual(Object.fromEntries(Object.entries(before.tables).map(([t, v]) => [t, v.rows])));
    const stored = await withAdmin(target, (c) => c.query(`SELECT count(*)::int AS n FROM response WHERE response->>'text' = $1`, [ANSWER]));
    expect(stored.rows[0].n).toBe(1);
  });

  it('refuses a database that is not empty unless --clean, and changes nothing there', async () => {
    if (!archive) throw new Error('no archive: `npm run backup` failed in the test before');
    // The configured database (DATABASE_URL) is the source itself, with everything in it.
    const run = await runScript('restore', [archive], { DATABASE_URL: sourceUrl });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/is not empty .*nothing was changed/);
    expect(run.stderr).toContain('--clean');
    expect(run.stdout).not.toContain('Restored');
    expect(await fingerprint(sourceUrl)).toEqual(before);
  });

  it('with --clean, drops the objects of the backup in a database that has them and recreates them', async () => {
    if (!archive) throw new Error('no archive: `npm run backup` failed in the test before');
    // A copy of the demo data without the rows written above, and changed besides.
    const other = await createTestDatabase();
    cleanAfter.push(other);
    await withAdmin(other.url, (c) => c.query(`UPDATE province SET name = name || ' (cũ)'; DELETE FROM audit_event`));
    expect((await fingerprint(other.url)).tables).not.toEqual(before.tables);
    const run = succeeded(await runScript('restore', [archive, '--target', other.url, '--clean'], {}), 'npm run restore --clean');
    expect(run.stdout).toContain('--clean: dropping');
    expect(await fingerprint(other.url)).toEqual(before);
  });
});
