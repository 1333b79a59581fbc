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

  /** The year's staff program from the library, when the province has none for the year; true when it was set. */
  async setStaffProgramIfNone(provinceId: string, schoolYear: string, lessons: { lessonId: string; required: boolean }[]): Promise<boolean> {
    const rows = await this.db.query<{ n: number }[]>(
      `INSERT INTO staff_program_lesson (province_id, school_year, lesson_id, position, required)
       SELECT $1, $2, l.lesson_id, l.position, l.required FROM unnest($3::uuid[], $4::boolean[]) WITH ORDINALITY AS l(lesson_id, required, position)
        WHERE NOT EXISTS (SELECT 1 FROM staff_program_lesson WHERE province_id = $1 AND school_year = $2)
       RETURNING 1 AS n`,
      [provinceId, schoolYear, lessons.map((l) => l.lessonId), lessons.map((l) => l.required)],
    );
    return rows.length > 0;
  }
}
