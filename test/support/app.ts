import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';

import { createTestDatabase, ROOT, SERVER_MAIN } from './database.js';

export type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

export interface TestApp {
  url: string;
  databaseUrl: string;
  database: TestDatabase;
  /** What the server printed, for failure messages. */
  output(): string;
  /** Stops the server gracefully and drops its database. */
  stop(): Promise<void>;
  /** kill -9: the process dies mid-work; the database stays for a restart (`startApp(env, app.database)`). */
  kill(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Waits until the process exits; resolves with its exit code. */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * Starts the built server as its own process on a fresh copy of the demo database, the
 * way it runs in production, and waits for /api/health.
 */
export async function startApp(env: Record<string, string> = {}, database?: TestDatabase): Promise<TestApp> {
  const db = database ?? (await createTestDatabase());
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
      // The machine's Redis when REDIS_URL is set (CI), under keys of this app alone.
      REDIS_KEY_PREFIX: `tt-test-${port}-${Date.now()}:`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server did not become healthy in 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    databaseUrl: db.url,
    database: db,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
      await db.drop();
    },
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}
