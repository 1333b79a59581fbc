import path from 'node:path';

import type { Logger } from 'pino';

import type { Config } from '../config/config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export interface ResolvedDatabase {
  url: string;
  /** Stops the embedded server, if this process started one. */
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise a real PostgreSQL embedded under DATA_DIR. */
export async function resolveDatabase(config: Config, logger: Logger): Promise<ResolvedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => {} };
  const embedded = await startEmbeddedPostgres(path.join(config.dataDir, 'pg'), logger);
  return embedded;
}
