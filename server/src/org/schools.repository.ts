import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CreateSchoolBody, ListScope, Page, SchoolDto, SchoolListQuery, UpdateSchoolBody } from '@tinhtao/shared';
import type { DataSource } from 'typeorm';

import type { Tx } from '../database/transaction.repository.js';
import { SCHOOL_COLUMNS } from './org.mappers.js';

@Injectable()
export class SchoolsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(scope: ListScope, query: SchoolListQuery): Promise<Page<SchoolDto>> {
    if (scope.kind === 'none') return { items: [], total: 0 };
    const params: unknown[] = [scope.provinceId];
    const where = ['s.province_id = $1'];
    if (scope.kind !== 'province') where.push(`s.id = $${params.push(scope.schoolId)}`);
    if (query.level) where.push(`s.level = $${params.push(query.level)}`);
    if (query.areaId) where.push(`s.area_id = $${params.push(query.areaId)}`);
    if (query.q) where.push(`(s.name ILIKE $${params.push(`%${query.q}%`)} OR s.ministry_code ILIKE $${params.length})`);
    const rows = await this.db.query<(SchoolDto & { total: number })[]>(
      `SELECT ${SCHOOL_COLUMNS}, count(*) OVER()::int AS total FROM school s WHERE ${where.join(' AND ')}
        ORDER BY s.name COLLATE vi_vn, s.id LIMIT $${params.push(query.limit)} OFFSET $${params.push(query.offset)}`,
      params,
    );
    return { items: rows.map(({ total: _, ...s }) => s), total: rows[0]?.total ?? 0 };
  }

  async findById(id: string): Promise<SchoolDto | null> {
    const rows = await this.db.query<SchoolDto[]>(`SELECT ${SCHOOL_COLUMNS} FROM school s WHERE s.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async ministryCodeTaken(provinceId: string, code: string, exceptId?: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(`SELECT 1 FROM school WHERE province_id = $1 AND ministry_code = $2 AND ($3::uuid IS NULL OR id <> $3::uuid)`, [
      provinceId,
      code,
      exceptId ?? null,
    ]);
    return rows.length > 0;
  }

  async areaInProvince(areaId: string, provinceId: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(`SELECT 1 FROM area WHERE id = $1 AND province_id = $2`, [areaId, provinceId]);
    return rows.length > 0;
  }

  async insert(tx: Tx, provinceId: string, body: CreateSchoolBody): Promise<string> {
    const rows = await tx.query<{ id: string }[]>(
      `INSERT INTO school (province_id, area_id, name, level, ministry_code, address)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [provinceId, body.areaId ?? null, body.name, body.level, body.ministryCode, body.address || null],
    );
    return rows[0].id;
  }

  async update(tx: Tx, id: string, body: UpdateSchoolBody): Promise<void> {
    await tx.query(
      `UPDATE school SET
         name = COALESCE($2, name), level = COALESCE($3, level), ministry_code = COALESCE($4, ministry_code),
         area_id = CASE WHEN $5::boolean THEN $6::uuid ELSE area_id END,
         address = CASE WHEN $7::boolean THEN $8 ELSE address END, updated_at = app_now()
       WHERE id = $1`,
      [
        id,
        body.name ?? null,
        body.level ?? null,
        body.ministryCode ?? null,
        body.areaId !== undefined,
        body.areaId ?? null,
        body.address !== undefined,
        body.address || null,
      ],
    );
  }

  async hasClassesOrUsers(id: string): Promise<boolean> {
    const rows = await this.db.query<{ used: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM school_class WHERE school_id = $1) OR EXISTS (SELECT 1 FROM app_user WHERE school_id = $1) AS used`,
      [id],
    );
    return rows[0].used;
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.query(`DELETE FROM school WHERE id = $1`, [id]);
  }

  async gradesInUse(id: string): Promise<number[]> {
    const rows = await this.db.query<{ grade: number }[]>(`SELECT DISTINCT grade FROM school_class WHERE school_id = $1`, [id]);
    return rows.map((r) => r.grade);
  }
}
