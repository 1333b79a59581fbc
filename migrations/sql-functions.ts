import { readFileSync } from 'node:fs';

import type { QueryRunner } from 'typeorm';

/**
 * The SQL functions live as source files, `server/src/<feature>/sql/<name>.sql`, one
 * `CREATE OR REPLACE FUNCTION` each, in the form `pg_get_functiondef` prints (a leading
 * `--` comment is allowed). The rule: a change to such a file comes with a new migration that
 * calls `applySqlFunctions` with it; test/e2e/coverage/sql-functions.test.ts fails when a file
 * and the migrated database disagree, or when a function has no file.
 *
 * A function whose return type or arguments change is not replaced but added: that migration
 * drops the old one first (and an older migration applying the file on a fresh database then
 * creates the new shape early, which the drop must tolerate: `DROP FUNCTION IF EXISTS`).
 */

/** `server/src` in the sources, `server/dist/server/src` once built: the server's build copies every `sql/*.sql` there. */
const SERVER_SRC = new URL('../server/src/', import.meta.url);

/** The text of one function file, by its path under `server/src` (`coverage/sql/coverage_rebuild.sql`). */
export function readSqlFunction(file: string): string {
  return readFileSync(new URL(file, SERVER_SRC), 'utf8');
}

/** Creates or replaces each function from its file, in order. */
export async function applySqlFunctions(q: QueryRunner, files: readonly string[]): Promise<void> {
  // On a fresh database an older migration applies today's file, which may read a table a later migration brings.
  const [{ was }] = (await q.query(`SELECT current_setting('check_function_bodies') AS was`)) as { was: string }[];
  await q.query(`SELECT set_config('check_function_bodies', 'off', true)`);
  for (const file of files) await q.query(readSqlFunction(file));
  await q.query(`SELECT set_config('check_function_bodies', $1, true)`, [was]);
}
