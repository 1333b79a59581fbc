import fs from 'node:fs';

import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  cellText,
  type ColumnSpec,
  type ImportCellError,
  type ImportCounts,
  type ImportPreviewDto,
  type ImportQuery,
  type ImportRowsQuery,
  type ImportStatusDto,
  mapHeaders,
  Permission,
  type RawCell,
  readSchoolRow,
  readStudentRow,
  SCHOOL_COLUMNS,
  type SchoolLevel,
  type SchoolRow,
  schoolYearOf,
  STUDENT_COLUMNS,
  type StudentRow,
  usernameBase,
} from '@tinhtao/shared';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';

import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { sealOneTimePassword } from '../auth/one-time-password.js';
import { generateTemporaryPassword } from '../auth/password.js';
import { CONFIG, type Config } from '../config/config.js';
import { AppError, ErrorCode, notFound } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { Clock } from '../platform/clock.js';
import { LOGGER } from '../platform/logger.js';
import { fieldError } from '../platform/zod.pipe.js';
import { CoverageRollupsRepository } from '../rollups/coverage-rollups.repository.js';
import { ImportsRepository, type JobRow, type StagedRow } from './imports.repository.js';
import { detectKind, readRows } from './readers.js';
import { schoolTarget } from './school-target.js';

export interface UploadedFile {
  path: string;
  originalname: string;
  size: number;
}

/** The most rows one file may hold: a large province's biggest school has a few thousand; a whole district's, 100,000. */
export const MAX_ROWS = 200_000;
const STAGE_BATCH = 2_000;
const CREATE_BATCH = 5_000;
const PREVIEW_OTHERS = 500;

/**
 * Imports of schools (dept admin) and of classes with students (school admin, or the dept
 * admin for a school) from CSV or XLSX. The preview reads the file as a stream, judges each
 * row and stages it; nothing is written until the admin confirms, and then everything is
 * written in one transaction. A row that says what the database already holds changes nothing.
 */
@Injectable()
export class ImportsService {
  constructor(
    private readonly access: AccessService,
    private readonly repo: ImportsRepository,
    private readonly audit: AuditService,
    private readonly rollups: CoverageRollupsRepository,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CONFIG) private readonly config: Config,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async preview(auth: AuthUser, query: ImportQuery, file: UploadedFile): Promise<ImportPreviewDto> {
    try {
      const target = await this.target(auth, query);
      const kind = await detectKind(file.path, file.originalname);
      const importId = await this.repo.createJob({ ...target, type: query.type, fileName: file.originalname, createdBy: auth.userId });
      const creates = await (
        query.type === 'students'
          ? this.previewStudents(importId, target as StudentTarget, readRows(file.path, kind))
          : this.previewSchools(importId, target.provinceId, readRows(file.path, kind))
      ).catch(async (error: unknown) => {
        await this.repo.deleteJob(importId); // a file that cannot be read leaves nothing behind
        throw error;
      });
      const counts = await this.repo.finishPreview(importId, creates);
      return { importId, type: query.type, fileName: file.originalname, counts, rows: await this.repo.previewRows(importId, PREVIEW_OTHERS), creates };
    } finally {
      await fs.promises.rm(file.path, { force: true });
    }
  }

  async status(auth: AuthUser, id: string): Promise<ImportStatusDto> {
    const { provinceId: _p, creates: _c, ...job } = await this.visibleJob(auth, id);
    return job;
  }

  async rows(auth: AuthUser, id: string, query: ImportRowsQuery) {
    await this.visibleJob(auth, id);
    return this.repo.rows(id, query.action, query.offset, query.limit);
  }

  /** Starts the writing and answers at once; `GET /api/imports/:id` follows it to done or failed. */
  async confirm(auth: AuthUser, id: string): Promise<ImportStatusDto> {
    const job = await this.visibleJob(auth, id);
    if (!(await this.repo.take(id))) throw new AppError(ErrorCode.ImportNotPending, `This import is ${job.status}`);
    void this.apply(auth, job).catch(async (error: Error) => {
      this.logger.error({ err: error, importId: id }, 'import failed');
      await this.repo.fail(id, error instanceof AppError ? (error.detail ?? error.code) : 'The import could not be written; nothing was changed');
    });
    return this.status(auth, id);
  }

  /** Who imports into what: schools into the caller's province; students into a school the caller administers. */
  private async target(auth: AuthUser, query: ImportQuery): Promise<Target | StudentTarget> {
    if (query.type === 'schools') {
      if (auth.role !== 'dept_admin') throw new AppError(ErrorCode.Forbidden, 'Schools are imported by the Department');
      return { provinceId: auth.provinceId, schoolId: null, schoolYear: null };
    }
    const schoolId = query.schoolId ?? auth.schoolId;
    if (!schoolId) throw new AppError(ErrorCode.ValidationFailed, 'schoolId: name the school to import into', [fieldError('schoolId', 'required')]);
    const facts = await schoolTarget(this.access, auth, schoolId);
    const [{ level }] = await this.db.query(`SELECT level FROM school WHERE id = $1`, [schoolId]);
    return { provinceId: facts.provinceId, schoolId, schoolYear: query.schoolYear ?? schoolYearOf(this.clock.now()), level };
  }

  private async visibleJob(auth: AuthUser, id: string): Promise<JobRow> {
    const job = await this.repo.job(id);
    if (!job || job.provinceId !== auth.provinceId) throw notFound('import');
    if (job.type === 'schools' && auth.role !== 'dept_admin') throw notFound('import');
    if (job.type === 'students') await this.access.require(auth, Permission.SchoolImport, [job.schoolId!]);
    return job;
  }

  // ── Students ────────────────────────────────────────────────────────────

  /** Pass one streams the file into staged rows; pass two judges them against the database in SQL. */
  private async previewStudents(importId: string, target: StudentTarget, rows: AsyncGenerator<{ row: number; cells: RawCell[] }>) {
    const seen = new Map<string, number>();
    const classGrades = new Map<string, number>();
    await this.stageAll(importId, rows, STUDENT_COLUMNS, (cells, row) => {
      const result = readStudentRow(cells, target.level, this.clock.now());
      const value = result.value;
      if (value) {
        const first = seen.get(value.studentCode);
        if (first !== undefined) return { value: null, errors: [dup('Mã định danh', `the same code as row ${first}`)] };
        const grade = classGrades.get(value.className);
        if (grade !== undefined && grade !== value.grade)
          return {
            value: null,
            errors: [{ column: 'Khối', code: 'CLASS_GRADE_MISMATCH', message: `class ${value.className} is in grade ${grade} in an earlier row` }],
          };
        seen.set(value.studentCode, row);
        classGrades.set(value.className, value.grade);
      }
      return result;
    });
    const p = [importId, target.provinceId, target.schoolId, target.schoolYear];
    // A class of that name this year with another grade.
    await this.db.query(
      `UPDATE import_row r SET action = 'error', value = NULL,
              errors = r.errors || jsonb_build_array(jsonb_build_object('column', 'Lớp', 'code', 'CLASS_GRADE_MISMATCH',
                'message', 'class ' || c.name || ' is in grade ' || c.grade || ' this year'))
         FROM school_class c
        WHERE r.import_id = $1 AND r.action = 'create' AND c.school_id = $3 AND c.school_year = $4
          AND c.name = r.value->>'className' AND c.grade <> (r.value->>'grade')::int AND $2::uuid IS NOT NULL`,
      p,
    );
    // Students the province knows by their code: of another school, unchanged, or what changes.
    await this.db.query(
      `WITH known AS (
         SELECT r.row_no, u.school_id, u.role,
                array_remove(ARRAY[
                  CASE WHEN u.full_name <> r.value->>'fullName' THEN 'fullName' END,
                  CASE WHEN r.value->>'birthDate' IS NOT NULL AND u.birth_date IS DISTINCT FROM (r.value->>'birthDate')::date THEN 'birthDate' END,
                  CASE WHEN r.value->>'gender' IS NOT NULL AND u.gender IS DISTINCT FROM r.value->>'gender' THEN 'gender' END,
                  CASE WHEN c.name IS DISTINCT FROM r.value->>'className' THEN 'className' END
                ], NULL) AS changes
           FROM import_row r
           JOIN app_user u ON u.province_id = $2 AND u.student_code = r.value->>'studentCode'
           LEFT JOIN enrollment e ON e.student_id = u.id AND e.school_year = $4
           LEFT JOIN school_class c ON c.id = e.class_id
          WHERE r.import_id = $1 AND r.action = 'create'
       )
       UPDATE import_row r SET
         action = CASE WHEN k.school_id IS DISTINCT FROM $3::uuid OR k.role <> 'student' THEN 'error' WHEN cardinality(k.changes) = 0 THEN 'unchanged' ELSE 'update' END,
         changes = CASE WHEN k.school_id = $3::uuid AND k.role = 'student' AND cardinality(k.changes) > 0 THEN k.changes END,
         errors = CASE WHEN k.school_id IS DISTINCT FROM $3::uuid OR k.role <> 'student'
                       THEN jsonb_build_array(jsonb_build_object('column', 'Mã định danh', 'code', 'ENROLLED_ELSEWHERE', 'message', 'belongs to a student of another school'))
                       ELSE r.errors END,
         value = CASE WHEN k.school_id IS DISTINCT FROM $3::uuid OR k.role <> 'student' THEN NULL ELSE r.value END
         FROM known k
        WHERE r.import_id = $1 AND r.row_no = k.row_no`,
      p,
    );
    const classes: { name: string }[] = await this.db.query(
      `SELECT DISTINCT r.value->>'className' AS name FROM import_row r
        WHERE r.import_id = $1 AND r.action IN ('create', 'update')
          AND NOT EXISTS (SELECT 1 FROM school_class c WHERE c.school_id = $2 AND c.school_year = $3 AND c.name = r.value->>'className')
        ORDER BY 1`,
      [importId, target.schoolId, target.schoolYear],
    );
    return { classes: classes.map((c) => c.name) };
  }

  private async applyStudents(tx: EntityManager, job: JobRow, progress: (p: number) => void): Promise<{ moved: number }> {
    const p = [job.id, job.provinceId, job.schoolId, job.schoolYear];
    await tx.query(
      `INSERT INTO school_class (school_id, name, grade, school_year)
       SELECT DISTINCT ON (r.value->>'className') $3::uuid, r.value->>'className', (r.value->>'grade')::smallint, $4
         FROM import_row r WHERE r.import_id = $1 AND r.action IN ('create', 'update') AND $2::uuid IS NOT NULL
       ON CONFLICT (school_id, school_year, name) DO NOTHING`,
      p,
    );
    await tx.query(
      `UPDATE app_user u SET full_name = r.value->>'fullName',
              birth_date = COALESCE((r.value->>'birthDate')::date, u.birth_date), gender = COALESCE(r.value->>'gender', u.gender), updated_at = app_now()
         FROM import_row r
        WHERE r.import_id = $1 AND r.action = 'update' AND r.changes && ARRAY['fullName', 'birthDate', 'gender']
          AND u.province_id = $2 AND u.student_code = r.value->>'studentCode' AND $3::uuid IS NOT NULL AND $4::text IS NOT NULL`,
      p,
    );
    // Updated students move to their class (or join one this year).
    const [, moved] = await tx.query(
      `UPDATE enrollment e SET class_id = c.id
         FROM import_row r
         JOIN app_user u ON u.province_id = $2 AND u.student_code = r.value->>'studentCode'
         JOIN school_class c ON c.school_id = $3 AND c.school_year = $4 AND c.name = r.value->>'className'
        WHERE r.import_id = $1 AND r.action = 'update' AND 'className' = ANY(r.changes)
          AND e.student_id = u.id AND e.school_year = $4 AND e.class_id <> c.id`,
      p,
    );
    await tx.query(
      `INSERT INTO enrollment (class_id, student_id, school_year)
       SELECT c.id, u.id, $4 FROM import_row r
         JOIN app_user u ON u.province_id = $2 AND u.student_code = r.value->>'studentCode'
         JOIN school_class c ON c.school_id = $3 AND c.school_year = $4 AND c.name = r.value->>'className'
        WHERE r.import_id = $1 AND r.action = 'update'
       ON CONFLICT DO NOTHING`,
      p,
    );
    progress(10);

    // New students: readable usernames (a number when taken) and one-time passwords for the login cards.
    const total = (await tx.query(`SELECT count(*)::int AS n FROM import_row WHERE import_id = $1 AND action = 'create'`, [job.id]))[0].n as number;
    const taken = new Map<string, Set<string>>();
    const next = new Map<string, number>();
    for (let offset = 0; offset < total; offset += CREATE_BATCH) {
      const rows: { value: StudentRow }[] = await tx.query(
        `SELECT value FROM import_row WHERE import_id = $1 AND action = 'create' ORDER BY row_no OFFSET $2 LIMIT $3`,
        [job.id, offset, CREATE_BATCH],
      );
      const bases = [...new Set(rows.map((r) => usernameBase(r.value.fullName)))].filter((b) => !taken.has(b));
      for (const b of bases) taken.set(b, new Set());
      if (bases.length > 0) {
        const existing: { username: string }[] = await tx.query(
          `SELECT username FROM app_user WHERE regexp_replace(username, '[0-9]+$', '') = ANY($1::text[])`,
          [bases],
        );
        for (const { username } of existing) taken.get(username.replace(/[0-9]+$/, ''))?.add(username);
      }
      const usernames = rows.map((r) => {
        const base = usernameBase(r.value.fullName);
        const used = taken.get(base)!;
        let n = next.get(base) ?? 1;
        let name = n === 1 ? base : `${base}${n}`;
        while (used.has(name)) name = `${base}${++n}`;
        next.set(base, n + 1);
        used.add(name);
        return name;
      });
      await tx.query(
        `WITH made AS (
           INSERT INTO app_user (province_id, school_id, role, username, full_name, password_hash, must_change_password, birth_date, gender, student_code)
           SELECT $1, $2, 'student', x.username, x.full_name, x.password_hash, true, x.birth_date, x.gender, x.code
             FROM unnest($3::text[], $4::text[], $5::text[], $6::date[], $7::text[], $8::text[]) AS x (username, full_name, password_hash, birth_date, gender, code)
           RETURNING id, student_code
         )
         INSERT INTO enrollment (class_id, student_id, school_year)
         SELECT c.id, m.id, $9 FROM made m
           JOIN unnest($8::text[], $10::text[]) AS k (code, class_name) ON k.code = m.student_code
           JOIN school_class c ON c.school_id = $2 AND c.school_year = $9 AND c.name = k.class_name`,
        [
          job.provinceId,
          job.schoolId,
          usernames,
          rows.map((r) => r.value.fullName),
          rows.map(() => sealOneTimePassword(this.config.jwtSecret, generateTemporaryPassword())),
          rows.map((r) => r.value.birthDate),
          rows.map((r) => r.value.gender),
          rows.map((r) => r.value.studentCode),
          job.schoolYear,
          rows.map((r) => r.value.className),
        ],
      );
      progress(10 + (85 * Math.min(total, offset + CREATE_BATCH)) / Math.max(1, total));
    }
    return { moved };
  }

  // ── Schools ─────────────────────────────────────────────────────────────

  private async previewSchools(importId: string, provinceId: string, rows: AsyncGenerator<{ row: number; cells: RawCell[] }>) {
    const seen = new Map<string, number>();
    await this.stageAll(importId, rows, SCHOOL_COLUMNS, (cells, row) => {
      const result = readSchoolRow(cells);
      if (result.value) {
        const first = seen.get(result.value.ministryCode);
        if (first !== undefined) return { value: null, errors: [dup('Mã trường', `the same code as row ${first}`)] };
        seen.set(result.value.ministryCode, row);
      }
      return result;
    });
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
    const areas: { name: string }[] = await this.db.query(
      `SELECT DISTINCT r.value->>'area' AS name FROM import_row r
        WHERE r.import_id = $1 AND r.action IN ('create', 'update') AND r.value->>'area' IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM area a WHERE a.province_id = $2 AND a.name = r.value->>'area')
        ORDER BY 1`,
      [importId, provinceId],
    );
    return { areas: areas.map((a) => a.name) };
  }

  private async applySchools(tx: EntityManager, job: JobRow): Promise<void> {
    await tx.query(
      `INSERT INTO area (province_id, name)
       SELECT DISTINCT $2::uuid, r.value->>'area' FROM import_row r
        WHERE r.import_id = $1 AND r.action IN ('create', 'update') AND r.value->>'area' IS NOT NULL
       ON CONFLICT (province_id, name) DO NOTHING`,
      [job.id, job.provinceId],
    );
    await tx.query(
      `INSERT INTO school (province_id, area_id, name, level, ministry_code)
       SELECT $2, a.id, r.value->>'name', r.value->>'level', r.value->>'ministryCode'
         FROM import_row r LEFT JOIN area a ON a.province_id = $2 AND a.name = r.value->>'area'
        WHERE r.import_id = $1 AND r.action = 'create'
       ON CONFLICT (province_id, ministry_code) DO NOTHING`,
      [job.id, job.provinceId],
    );
    await tx.query(
      `UPDATE school s SET name = r.value->>'name', level = r.value->>'level', area_id = COALESCE(a.id, s.area_id), updated_at = app_now()
         FROM import_row r LEFT JOIN area a ON a.province_id = $2 AND a.name = r.value->>'area'
        WHERE r.import_id = $1 AND r.action = 'update' AND s.province_id = $2 AND s.ministry_code = r.value->>'ministryCode'`,
      [job.id, job.provinceId],
    );
  }

  // ── Shared steps ────────────────────────────────────────────────────────

  /** Reads the header row, then stages the others in batches, judged by `judge`. */
  private async stageAll<K extends string>(
    importId: string,
    rows: AsyncGenerator<{ row: number; cells: RawCell[] }>,
    columns: ColumnSpec<K>[],
    judge: (cells: Partial<Record<K, RawCell>>, row: number) => { value: object | null; errors: ImportCellError[] },
  ): Promise<void> {
    let index: Partial<Record<K, number>> | null = null;
    let headers: string[] = [];
    let batch: StagedRow[] = [];
    let count = 0;
    for await (const { row, cells } of rows) {
      if (!index) {
        headers = cells.map((c) => cellText(c));
        const mapped = mapHeaders(headers, columns);
        if (mapped.missing.length > 0) {
          throw new AppError(
            ErrorCode.ImportHeaders,
            `Missing column(s): ${mapped.missing.join(', ')}. The first row must hold the headers: ${columns.map((c) => c.header).join(', ')}`,
            mapped.missing.map((m) => fieldError(m, 'import.missingColumn')),
          );
        }
        index = mapped.index;
        continue;
      }
      if (++count > MAX_ROWS) throw new AppError(ErrorCode.FileTooLarge, `A file may hold at most ${MAX_ROWS.toLocaleString('en')} rows`);
      const picked = Object.fromEntries(columns.map((c) => [c.key, index![c.key] === undefined ? undefined : cells[index![c.key]!]])) as Partial<
        Record<K, RawCell>
      >;
      const shown = Object.fromEntries(columns.filter((c) => index![c.key] !== undefined).map((c) => [c.header, cellText(picked[c.key])]));
      const { value, errors } = judge(picked, row);
      batch.push({ row, cells: shown, value, errors });
      if (batch.length >= STAGE_BATCH) {
        await this.repo.stage(importId, batch);
        batch = [];
      }
    }
    if (!index)
      throw new AppError(ErrorCode.ImportHeaders, `The file is empty. The first row must hold the headers: ${columns.map((c) => c.header).join(', ')}`);
    await this.repo.stage(importId, batch);
  }

  private async apply(auth: AuthUser, job: JobRow): Promise<void> {
    let last = 0;
    const progress = (p: number) => {
      if (p - last < 2) return;
      last = p;
      void this.repo.progress(job.id, p).catch(() => undefined);
    };
    await this.db.transaction(async (tx) => {
      let moved = 0;
      if (job.type === 'students') moved = (await this.applyStudents(tx, job, progress)).moved;
      else await this.applySchools(tx, job);
      // A student who changed class takes their work along: the school's roll-ups follow.
      if (moved > 0) await this.rollups.rebuildSchool(tx, job.schoolId!, job.schoolYear!);
      const counts: ImportCounts = job.counts;
      await this.audit.record(tx, auth, {
        action: `import.${job.type}`,
        entity: 'import',
        entityId: job.id,
        schoolId: job.schoolId,
        detail: { fileName: job.fileName, counts, schoolYear: job.schoolYear, creates: job.creates },
      });
      await this.repo.finish(tx, job.id, counts);
    });
  }
}

interface Target {
  provinceId: string;
  schoolId: string | null;
  schoolYear: string | null;
}
interface StudentTarget extends Target {
  schoolId: string;
  schoolYear: string;
  level: SchoolLevel;
}

const dup = (column: string, message: string): ImportCellError => ({ column, code: 'DUPLICATE_IN_FILE', message });
