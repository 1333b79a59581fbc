import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ImportCellError, ImportCounts, ImportRowDto, ImportStatusDto, ImportType } from '@tinhtao/shared';
import type { DataSource } from 'typeorm';

import type { Queryable, Tx } from '../database/transaction.repository.js';

export interface JobRow extends ImportStatusDto {
  provinceId: string;
  creates: { classes?: string[]; areas?: string[] };
}

export interface StagedRow {
  row: number;
  cells: Record<string, string>;
  value: object | null;
  errors: ImportCellError[];
}

/** A job as stored: its times are dates until they leave the repository. */
type StoredJobRow = Omit<JobRow, 'createdAt' | 'finishedAt'> & { createdAt: Date; finishedAt: Date | null };

/** A staged row as read for the contract. */
interface StagedRowRecord {
  row: number;
  action: ImportRowDto['action'];
  errors: ImportCellError[];
  values: Record<string, string>;
  changes: string[] | null;
}

const JOB_COLUMNS = `id, type, status, progress, counts, file_name AS "fileName", school_id AS "schoolId", school_year AS "schoolYear",
  province_id AS "provinceId", creates, created_at AS "createdAt", finished_at AS "finishedAt", error`;

/** Import jobs and their staged rows. */
@Injectable()
export class ImportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async createJob(job: {
    provinceId: string;
    schoolId: string | null;
    type: ImportType;
    schoolYear: string | null;
    fileName: string;
    createdBy: string;
  }): Promise<string> {
    const rows = await this.db.query<{ id: string }[]>(
      `INSERT INTO import_job (province_id, school_id, type, school_year, file_name, counts, created_by)
       VALUES ($1, $2, $3, $4, $5, '{}', $6) RETURNING id`,
      [job.provinceId, job.schoolId, job.type, job.schoolYear, job.fileName, job.createdBy],
    );
    return rows[0].id;
  }

  async deleteJob(id: string): Promise<void> {
    await this.db.query(`DELETE FROM import_job WHERE id = $1`, [id]);
  }

  /** A batch of rows as read: an error row is judged already; the others wait for the second pass. */
  async stage(importId: string, rows: StagedRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `INSERT INTO import_row (import_id, row_no, action, cells, value, errors)
       SELECT $1, r.row_no, CASE WHEN r.value IS NULL THEN 'error' ELSE 'create' END, r.cells, r.value, r.errors
         FROM unnest($2::int[], $3::jsonb[], $4::jsonb[], $5::jsonb[]) AS r (row_no, cells, value, errors)`,
      [
        importId,
        rows.map((r) => r.row),
        rows.map((r) => JSON.stringify(r.cells)),
        rows.map((r) => (r.value ? JSON.stringify(r.value) : null)),
        rows.map((r) => JSON.stringify(r.errors)),
      ],
    );
  }

  async finishPreview(importId: string, creates: object): Promise<ImportCounts> {
    const rows = await this.db.query<{ action: keyof ImportCounts; n: number }[]>(
      `SELECT action, count(*)::int AS n FROM import_row WHERE import_id = $1 GROUP BY action`,
      [importId],
    );
    const counts: ImportCounts = { create: 0, update: 0, unchanged: 0, error: 0 };
    for (const r of rows) counts[r.action] = r.n;
    await this.db.query(`UPDATE import_job SET counts = $2, creates = $3 WHERE id = $1`, [importId, JSON.stringify(counts), JSON.stringify(creates)]);
    return counts;
  }

  async job(id: string, db: Queryable = this.db): Promise<JobRow | null> {
    const rows = await db.query<StoredJobRow[]>(`SELECT ${JOB_COLUMNS} FROM import_job WHERE id = $1`, [id]);
    const row = rows[0];
    return row ? { ...row, createdAt: row.createdAt.toISOString(), finishedAt: row.finishedAt?.toISOString() ?? null } : null;
  }

  /** Pending → running, once: a second confirm finds nothing to take. */
  async take(id: string): Promise<boolean> {
    const [, count] = await this.db.query<[unknown[], number]>(
      `UPDATE import_job SET status = 'running', confirmed_at = app_now() WHERE id = $1 AND status = 'pending'`,
      [id],
    );
    return count === 1;
  }

  /** Progress goes through its own connection, outside the import's transaction, so that pollers see it. */
  async progress(id: string, percent: number): Promise<void> {
    await this.db.query(`UPDATE import_job SET progress = $2 WHERE id = $1 AND status = 'running'`, [id, Math.round(percent)]);
  }

  async finish(tx: Tx, id: string, counts: ImportCounts): Promise<void> {
    await tx.query(`UPDATE import_job SET status = 'done', progress = 100, counts = $2, finished_at = app_now() WHERE id = $1`, [id, JSON.stringify(counts)]);
  }

  async fail(id: string, message: string): Promise<void> {
    await this.db.query(`UPDATE import_job SET status = 'failed', error = $2, finished_at = app_now() WHERE id = $1`, [id, message]);
  }

  async rows(importId: string, action: string | undefined, offset: number, limit: number): Promise<{ items: ImportRowDto[]; total: number }> {
    const where = `import_id = $1 AND ($2::text IS NULL OR action = $2)`;
    const [items, total] = await Promise.all([
      this.db.query<StagedRowRecord[]>(
        `SELECT row_no AS row, action, errors, cells AS values, changes FROM import_row WHERE ${where} ORDER BY row_no OFFSET $3 LIMIT $4`,
        [importId, action ?? null, offset, limit],
      ),
      this.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM import_row WHERE ${where}`, [importId, action ?? null]),
    ]);
    return { items: items.map(rowDto), total: total[0].n };
  }

  /** Every row with errors, then the others in file order up to `others`. */
  async previewRows(importId: string, others: number): Promise<ImportRowDto[]> {
    const rows = await this.db.query<StagedRowRecord[]>(
      `(SELECT row_no AS row, action, errors, cells AS values, changes FROM import_row WHERE import_id = $1 AND action = 'error')
       UNION ALL
       (SELECT row_no, action, errors, cells, changes FROM import_row WHERE import_id = $1 AND action <> 'error' ORDER BY row_no LIMIT $2)
       ORDER BY row`,
      [importId, others],
    );
    return rows.map(rowDto);
  }
}

function rowDto(r: StagedRowRecord): ImportRowDto {
  return { row: r.row, action: r.action, errors: r.errors, values: r.values, ...(r.changes ? { changes: r.changes } : {}) };
}
