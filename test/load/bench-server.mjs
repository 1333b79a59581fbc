// One built server on a fresh database with the demo data, for benchmarks: the PostgreSQL of
// DATABASE_URL when set, or else an embedded one of its own. Gives the database URL too, so a
// benchmark can count what was stored.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { databaseUrl, ROOT, SERVER_CLI, SERVER_DIST, SERVER_MAIN, uniqueDatabaseName, withAdmin } from '../support/db-admin.mjs';

export const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

export const BENCH_JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123';

/** `shared`: another node on the database of a server already started (it keeps ownership of the database). */
export async function startBenchServer(env = {}, shared = null) {
  if (shared) return spawnNode(shared.databaseUrl, env, async () => {});
  let adminUrl = process.env.DATABASE_URL;
  let embedded;
  let dir;
  if (!adminUrl) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinhtao-bench-pg-'));
    fs.chmodSync(dir, 0o755);
    const { startEmbeddedPostgres } = await import(path.join(SERVER_DIST, 'database/embedded-postgres.js'));
    const { pino } = await import('pino');
    embedded = await startEmbeddedPostgres(path.join(dir, 'pg'), pino({ level: 'warn' }));
    adminUrl = embedded.url;
  }
  const name = uniqueDatabaseName('tt_bench');
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const dbUrl = databaseUrl(adminUrl, name);
  await promisify(execFile)(process.execPath, [SERVER_CLI, 'migrate', '--seed-demo'], {
    env: { ...process.env, DATABASE_URL: dbUrl, LOG_LEVEL: 'warn', NODE_ENV: 'test' },
  });
  return spawnNode(dbUrl, env, async () => {
    await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    if (embedded) await embedded.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
}

async function spawnNode(dbUrl, env, cleanup) {
  const port = await freePort();
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), SERVER_MAIN], {
    cwd: ROOT,
    // NODE_ENV=test, not production: production refuses a database holding the demo provinces, whose admins the benchmarks sign in as.
    env: {
      ...process.env,
      NODE_ENV: 'test',
      JWT_SECRET: BENCH_JWT_SECRET,
      DATABASE_URL: dbUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      REDIS_KEY_PREFIX: `tt-bench-${port}:`,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not up yet: try again
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    pid: child.pid,
    databaseUrl: dbUrl,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await cleanup();
    },
  };
}

/** p50, p95, p99 and max of a list of milliseconds. */
export function percentiles(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  return { n: s.length, p50: at(50), p95: at(95), p99: at(99), max: s.at(-1) };
}

/** Runs `work` over the inputs with at most `limit` at a time. */
export async function pool(inputs, limit, work) {
  const results = new Array(inputs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, inputs.length) }, async () => {
      while (next < inputs.length) {
        const i = next++;
        results[i] = await work(inputs[i], i);
      }
    }),
  );
  return results;
}

/** CPU seconds (user + system) used so far by each of these processes, from /proc (Linux; none elsewhere). */
export function cpuByPid(pids) {
  const used = new Map();
  for (const pid of pids) {
    try {
      // Fields 14 and 15 (utime, stime) follow the command name, which may hold spaces: count from its closing bracket.
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(')').pop().trim().split(' ');
      used.set(String(pid), (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // gone, or no /proc: it counts for nothing
    }
  }
  return used;
}

/** CPU seconds the processes used between two readings (a process born in between counts whole; one gone is lost). */
export function cpuBetween(before, after) {
  let seconds = 0;
  for (const [pid, used] of after) seconds += used - (before.get(pid) ?? 0);
  return seconds;
}

/** The PostgreSQL server's processes on this machine (the postmaster and its backends). */
export function postgresPids() {
  try {
    return fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d) && fs.readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres');
  } catch {
    return [];
  }
}
