import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import type { Tx } from '../database/transaction.repository.js';

/**
 * The schools import against the database: judging staged rows against the province's
 * schools (pass two of the preview), and writing areas and schools.
 */
@Injectable()
export class SchoolImportRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Schools the province knows by their ministry code: unchanged, or what changes. */
  async judgeKnownSchools(importId: string, provinceId: string): Promise<void> {
    await this.db.query(
      `WITH known AS (
         SELECT r.row_no, array_remove(ARRAY[
                  CASE WHEN s.name <> r.value->>'name' THEN 'name' END,
                  CASE WHEN s.level <> r.value->>'level' THEN 'level' END,
                  CASE WHEN r.value->>'area' IS NOT NULL AND a.name IS DISTINCT FROM r.value->>'area' THEN 'area' END
                ], NULL) AS changes
           FROM import_row r
           JOIN school s ON s.province_id = $2 AND s.ministry_code = r.value->>'ministryCode'
           LEFT JOIN area a ON a.id = s.area_id
          WHERE r.import_id = $1 AND r.action = 'create'
       )
       UPDATE import_row r SET action = CASE WHEN cardinality(k.changes) = 0 THEN 'unchanged' ELSE 'update' END,
              changes = CASE WHEN cardinality(k.changes) > 0 THEN k.changes END
         FROM known k WHERE r.import_id = $1 AND r.row_no = k.row_no`,
      [importId, provinceId],
    );
  }

  /** The areas the import would create: named by a row to write, absent from the province. */
  async areasToCreate(importId: string, provinceId: string): Promise<string[]> {
    const rows = await this.db.query<{ name: string }[]>(
      `SELECT DISTINCT r.value->>'area' AS name FROM import_row r
        WHERE r.import_id = $1 AND r.action IN ('create', 'update') AND r.value->>'area' IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM area a WHERE a.province_id = $2 AND a.name = r.value->>'area')
        ORDER BY 1`,
      [importId, provinceId],
    );
    return rows.map((r) => r.name);
  }

  async createAreas(tx: Tx, importId: string, provinceId: string): Promise<void> {
    await tx.query(
      `INSERT INTO area (province_id, name)
       SELECT DISTINCT $2::uuid, r.value->>'area' FROM import_row r
        WHERE r.import_id = $1 AND r.action IN ('create', 'update') AND r.value->>'area' IS NOT NULL
       ON CONFLICT (province_id, name) DO NOTHING`,
      [importId, provinceId],
    );
  }

  async createSchools(tx: Tx, importId: string, provinceId: string): Promise<void> {
    await tx.query(
      `INSERT INTO school (province_id, area_id, name, level, ministry_code)
       SELECT $2, a.id, r.value->>'name', r.value->>'level', r.value->>'ministryCode'
         FROM import_row r LEFT JOIN area a ON a.province_id = $2 AND a.name = r.value->>'area'
        WHERE r.import_id = $1 AND r.action = 'create'
       ON CONFLICT (province_id, ministry_code) DO NOTHING`,
      [importId, provinceId],
    );
  }

  async updateSchools(tx: Tx, importId: string, provinceId: string): Promise<void> {
    await tx.query(
      `UPDATE school s SET name = r.value->>'name', level = r.value->>'level', area_id = COALESCE(a.id, s.area_id), updated_at = app_now()
         FROM import_row r LEFT JOIN area a ON a.province_id = $2 AND a.name = r.value->>'area'
        WHERE r.import_id = $1 AND r.action = 'update' AND s.province_id = $2 AND s.ministry_code = r.value->>'ministryCode'`,
      [importId, provinceId],
    );
  }
}
