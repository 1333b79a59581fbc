// Cold start to healthy: a fresh data folder (embedded PostgreSQL initdb + migrations + demo
// seed + Nest boot), then a warm start on the same folder. Prints one line per run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { ROOT, SERVER_MAIN } from '../support/db-admin.mjs';

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function startOnce(dataDir) {
  const port = await freePort();
  const started = performance.now();
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const child = spawn(process.execPath, [SERVER_MAIN], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) break;
    } catch {
      // not up yet: try again
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const ms = performance.now() - started;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return ms;
}

export async function coldStart(runs = 3) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinhtao-bench-'));
    fs.chmodSync(dir, 0o755);
    try {
      const cold = await startOnce(dir);
      const warm = await startOnce(dir);
      results.push({ cold, warm });
      console.log(`cold-start run ${i + 1}: cold ${(cold / 1000).toFixed(2)} s, warm ${(warm / 1000).toFixed(2)} s`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const max = (k) => Math.max(...results.map((r) => r[k]));
  console.log(`cold-start: worst cold ${(max('cold') / 1000).toFixed(2)} s, worst warm ${(max('warm') / 1000).toFixed(2)} s (target < 15 s)`);
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) await coldStart(Number(process.argv[2] ?? 3));
