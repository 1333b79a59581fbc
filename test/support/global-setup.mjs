import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { databaseUrl, SERVER_CLI, SERVER_DIST, uniqueDatabaseName, withAdmin } from './db-admin.mjs';

/**
 * Brings up the tests' PostgreSQL: the one in DATABASE_URL, or else a real embedded one in
 * a fresh folder of its own. Builds a template database (migrations + demo data) that each
 * test file copies, so every file starts from the same known state. A database that does
 * not answer fails the run; nothing is skipped.
 */
export default async function globalSetup() {
  if (!fs.existsSync(SERVER_CLI)) throw new Error('The server is not built: run `npm run build` (npm test does it)');
  // TT_TEST_DATE puts the whole run (seed, servers, tests) on one chosen date: one offset for all.
  if (process.env.TT_TEST_DATE) {
    const at = Date.parse(process.env.TT_TEST_DATE);
    if (Number.isNaN(at)) throw new Error(`TT_TEST_DATE is not a date-time: ${process.env.TT_TEST_DATE}`);
    process.env.CLOCK_OFFSET_MS = String(at - Date.now());
    console.log(`\ntest clock: ${new Date(at).toISOString()} (TT_TEST_DATE)`);
  }
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinhtao-test-pg-'));
    fs.chmodSync(dir, 0o755);
    const { startEmbeddedPostgres } = await import(path.join(SERVER_DIST, 'database/embedded-postgres.js'));
    const { pino } = await import('pino');
    const embedded = await startEmbeddedPostgres(path.join(dir, 'pg'), pino({ level: 'warn' }));
    adminUrl = embedded.url;
    globalThis.__ttEmbedded = { embedded, dir };
  }
  try {
    await withAdmin(adminUrl, (c) => c.query('SELECT 1'));
  } catch (error) {
    throw new Error(`The test PostgreSQL at ${new URL(adminUrl).host} does not answer: ${String(error)}`, { cause: error });
  }
  const template = uniqueDatabaseName('tt_template');
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${template}`));
  await promisify(execFile)(process.execPath, [SERVER_CLI, 'migrate', '--seed-demo'], {
    env: { ...process.env, DATABASE_URL: databaseUrl(adminUrl, template), LOG_LEVEL: 'warn', NODE_ENV: 'test' },
  });
  process.env.TT_TEST_ADMIN_URL = adminUrl;
  process.env.TT_TEST_TEMPLATE_DB = template;
}
