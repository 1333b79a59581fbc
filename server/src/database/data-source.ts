import { DataSource, type DataSourceOptions } from 'typeorm';

import { migrations } from '../../../migrations/index.js';

/** `clockOffsetMs` reaches the database's app_now() through a setting of every connection. */
export function dataSourceOptions(url: string, poolSize: number, clockOffsetMs = 0): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    // No entity classes: the schema is the migrations' and every query is a repository's SQL
    // (README, "What TypeORM is for here").
    entities: [],
    migrations,
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: poolSize,
      connectionTimeoutMillis: 10_000,
      application_name: 'tinhtao',
      options: `-c tinhtao.clock_offset_ms=${Math.round(clockOffsetMs)}`,
    },
  };
}

/** An arbitrary constant: one node migrates while the others wait. */
const MIGRATION_LOCK = 71_907_2026;

/** Run pending migrations under an advisory lock so that nodes starting together do not race. */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = new DataSource({ ...dataSourceOptions(url, 2), migrationsTransactionMode: 'each' });
  await ds.initialize();
  const lock = ds.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const ran = await ds.runMigrations();
    return ran.map((m) => m.name);
  } finally {
    // Closing the lock's connection releases the advisory lock.
    await lock.release();
    await ds.destroy();
  }
}
