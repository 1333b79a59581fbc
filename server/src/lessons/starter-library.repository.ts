import { DataSource } from 'typeorm';

import { dataSourceOptions } from '../database/data-source.js';
import type { Queryable, Tx } from '../database/transaction.repository.js';

/**
 * What loading the starter library needs besides the lesson and curriculum repositories: the
 * province by its code, and, for the `cli library` command, which runs outside the app, a
 * connection of its own.
 */
export class StarterLibraryRepository {
  constructor(private readonly db: Queryable) {}

  /** Runs `work` in one transaction on a connection opened for it, closed afterwards. */
  static async inOwnTransaction<T>(databaseUrl: string, clockOffsetMs: number, work: (tx: Tx) => Promise<T>): Promise<T> {
    const db = new DataSource(dataSourceOptions(databaseUrl, 2, clockOffsetMs));
    await db.initialize();
    try {
      return await db.transaction(work);
    } finally {
      await db.destroy();
    }
  }

  async findProvinceId(code: string): Promise<string | null> {
    const rows = await this.db.query<{ id: string }[]>(`SELECT id FROM province WHERE code = $1`, [code]);
    return rows[0]?.id ?? null;
  }
}
