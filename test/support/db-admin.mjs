// Plain ESM so that jest's global setup (loaded outside the test runtime) and the tests share it.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import pg from 'pg';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER_DIST = path.join(ROOT, 'server/dist/server/src');
export const SERVER_MAIN = path.join(SERVER_DIST, 'main.js');
export const SERVER_CLI = path.join(SERVER_DIST, 'cli.js');

/** @param {string} adminUrl @param {string} database */
export function databaseUrl(adminUrl, database) {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** @template T @param {string} adminUrl @param {(client: pg.Client) => Promise<T>} work @returns {Promise<T>} */
export async function withAdmin(adminUrl, work) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** @param {string} prefix */
export const uniqueDatabaseName = (prefix) => `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
