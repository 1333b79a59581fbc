import fs from 'node:fs';
import path from 'node:path';

import { DEFAULT_PROVINCE_YEAR } from '@tinhtao/shared';
import pg from 'pg';

import { createTestDatabase, ROOT } from '../../support/database.js';

/**
 * The SQL functions are source files (`server/src/<feature>/sql/<name>.sql`, applied by
 * migrations through `applySqlFunctions`): after migrating, the database holds exactly what
 * the files say, and no function without a file. A file edited without a migration fails here.
 */
const SERVER_SRC = path.join(ROOT, 'server/src');
const files = fs
  .readdirSync(SERVER_SRC, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(SERVER_SRC, d.name, 'sql')))
  .flatMap((d) =>
    fs
      .readdirSync(path.join(SERVER_SRC, d.name, 'sql'))
      .filter((f) => f.endsWith('.sql'))
      .map((f) => ({ name: f.slice(0, -'.sql'.length), file: `${d.name}/sql/${f}` })),
  );
/** The file as `pg_get_functiondef` prints it: without its leading comment lines. */
const definitionIn = (file: string) =>
  fs
    .readFileSync(path.join(SERVER_SRC, file), 'utf8')
    .replace(/^(--[^\n]*\n)+/, '')
    .trimEnd();

let db: pg.Client;
let drop: () => Promise<void>;

beforeAll(async () => {
  const created = await createTestDatabase();
  drop = created.drop;
  db = new pg.Client({ connectionString: created.url });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await drop?.();
});

async function functionsInDatabase(): Promise<Map<string, string[]>> {
  const { rows } = await db.query<{ name: string; def: string }>(
    `SELECT p.proname AS name, pg_get_functiondef(p.oid) AS def
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`,
  );
  const byName = new Map<string, string[]>();
  for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r.def.trimEnd()]);
  return byName;
}

describe('SQL functions as source files', () => {
  it('finds the coverage and diagnostics functions among the files', () => {
    expect(files.map((f) => f.file)).toEqual(
      expect.arrayContaining(['coverage/sql/coverage_rebuild.sql', 'coverage/sql/default_pass_mark.sql', 'diagnostics/sql/diagnostic_form_for.sql']),
    );
  });

  it('has a file for every function in the database and a function for every file', async () => {
    const inDatabase = [...(await functionsInDatabase()).keys()].sort();
    expect(inDatabase).toEqual(files.map((f) => f.name).sort());
  });

  it('holds each function exactly as its file says (edit a file, add a migration that applies it)', async () => {
    const inDatabase = await functionsInDatabase();
    const differing = files
      .filter(({ name, file }) => {
        const defs = inDatabase.get(name) ?? [];
        return defs.length !== 1 || defs[0] !== definitionIn(file);
      })
      .map((f) => f.file);
    expect(differing).toEqual([]);
  });

  it('takes the default pass mark from one function, equal to the shared default', async () => {
    const { rows } = await db.query<{ mark: number; columnDefault: string }>(
      `SELECT default_pass_mark()::float8 AS mark,
              (SELECT column_default FROM information_schema.columns WHERE table_name = 'province_year' AND column_name = 'pass_mark') AS "columnDefault"`,
    );
    expect(rows[0]).toEqual({ mark: DEFAULT_PROVINCE_YEAR.passMark, columnDefault: 'default_pass_mark()' });
  });
});
