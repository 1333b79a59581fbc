import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AreaDto, type CreateAreaBody, DEFAULT_PROVINCE_YEAR, type ProvinceYearBody, type ProvinceYearDto, type UpdateAreaBody } from '@tinhtao/shared';
import type { DataSource } from 'typeorm';

import type { Tx } from '../database/transaction.repository.js';
import { AREA_COLUMNS } from './org.mappers.js';

const YEAR_COLUMNS = `province_id AS "provinceId", school_year AS "schoolYear", targets,
  students_reached_target::float AS "studentsReachedTarget", school_threshold::float AS "schoolThreshold",
  pass_mark::float AS "passMark", reporting, to_char(report_deadline, 'YYYY-MM-DD') AS "reportDeadline",
  quarter_report_day AS "quarterReportDay", plan_reference AS "planReference"`;

/** The province itself, its areas and its per-year settings. */
@Injectable()
export class ProvinceRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findProvince(id: string): Promise<{ id: string; code: string; name: string } | null> {
    const rows = await this.db.query<{ id: string; code: string; name: string }[]>(`SELECT id, code, name FROM province WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  listAreas(provinceId: string): Promise<AreaDto[]> {
    return this.db.query<AreaDto[]>(`SELECT ${AREA_COLUMNS} FROM area a WHERE a.province_id = $1 ORDER BY a.name COLLATE vi_vn`, [provinceId]);
  }

  async findArea(id: string): Promise<AreaDto | null> {
    const rows = await this.db.query<AreaDto[]>(`SELECT ${AREA_COLUMNS} FROM area a WHERE a.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async areaNameTaken(provinceId: string, name: string, exceptId?: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(
      `SELECT 1 FROM area WHERE province_id = $1 AND lower(name) = lower($2) AND ($3::uuid IS NULL OR id <> $3::uuid)`,
      [provinceId, name, exceptId ?? null],
    );
    return rows.length > 0;
  }

  async insertArea(tx: Tx, provinceId: string, body: CreateAreaBody): Promise<string> {
    const rows = await tx.query<{ id: string }[]>(`INSERT INTO area (province_id, name, code) VALUES ($1, $2, $3) RETURNING id`, [
      provinceId,
      body.name,
      body.code ?? null,
    ]);
    return rows[0].id;
  }

  async updateArea(tx: Tx, id: string, body: UpdateAreaBody): Promise<void> {
    await tx.query(`UPDATE area SET name = COALESCE($2, name), code = COALESCE($3, code) WHERE id = $1`, [id, body.name ?? null, body.code ?? null]);
  }

  async areaInUse(id: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(`SELECT 1 FROM school WHERE area_id = $1 LIMIT 1`, [id]);
    return rows.length > 0;
  }

  async deleteArea(tx: Tx, id: string): Promise<void> {
    await tx.query(`DELETE FROM area WHERE id = $1`, [id]);
  }

  listYears(provinceId: string): Promise<ProvinceYearDto[]> {
    return this.db.query<ProvinceYearDto[]>(`SELECT ${YEAR_COLUMNS} FROM province_year WHERE province_id = $1 ORDER BY school_year DESC`, [provinceId]);
  }

  /** The pass mark in force for a school in a school year; the default when the province set none. */
  async passMark(provinceId: string, schoolYear: string): Promise<number> {
    const rows = await this.db.query<{ passMark: number }[]>(
      `SELECT y.pass_mark::float AS "passMark" FROM province_year y WHERE y.province_id = $1 AND y.school_year = $2`,
      [provinceId, schoolYear],
    );
    return rows[0]?.passMark ?? DEFAULT_PROVINCE_YEAR.passMark;
  }

  async findYear(provinceId: string, schoolYear: string): Promise<ProvinceYearDto | null> {
    const rows = await this.db.query<ProvinceYearDto[]>(`SELECT ${YEAR_COLUMNS} FROM province_year WHERE province_id = $1 AND school_year = $2`, [
      provinceId,
      schoolYear,
    ]);
    return rows[0] ?? null;
  }

  async upsertYear(tx: Tx, provinceId: string, schoolYear: string, body: ProvinceYearBody): Promise<void> {
    await tx.query(
      `INSERT INTO province_year (province_id, school_year, targets, students_reached_target, school_threshold, pass_mark, reporting, report_deadline, plan_reference, quarter_report_day)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (province_id, school_year) DO UPDATE SET targets = EXCLUDED.targets,
         students_reached_target = EXCLUDED.students_reached_target, school_threshold = EXCLUDED.school_threshold,
         pass_mark = EXCLUDED.pass_mark, reporting = EXCLUDED.reporting, report_deadline = EXCLUDED.report_deadline,
         plan_reference = EXCLUDED.plan_reference, quarter_report_day = EXCLUDED.quarter_report_day,
         updated_at = app_now()`,
      [
        provinceId,
        schoolYear,
        JSON.stringify(body.targets),
        body.studentsReachedTarget,
        body.schoolThreshold,
        body.passMark,
        body.reporting,
        body.reportDeadline,
        body.planReference,
        body.quarterReportDay,
      ],
    );
  }
}
