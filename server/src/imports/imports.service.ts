import fs from 'node:fs';

import { Inject, Injectable } from '@nestjs/common';
import {
  allows,
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
  schoolYearOf,
  STUDENT_COLUMNS,
} from '@tinhtao/shared';
import type { Logger } from 'pino';

import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { CONFIG, type Config } from '../config/config.js';
import { TransactionRepository, type Tx } from '../database/transaction.repository.js';
import { AppError, ErrorCode, notFound } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { Clock } from '../platform/clock.js';
import { LOGGER } from '../platform/logger.js';
import { sealOneTimePassword } from '../platform/one-time-password.js';
import { generateTemporaryPassword } from '../platform/password.js';
import { fieldError } from '../platform/zod.pipe.js';
import { CoverageRollupsRepository } from '../rollups/coverage-rollups.repository.js';
import { ImportsRepository, type JobRow, type StagedRow } from './imports.repository.js';
import { detectKind, readRows } from './readers.js';
import { SchoolImportRepository } from './school-import.repository.js';
import { type StudentImport, StudentImportRepository } from './student-import.repository.js';
import { UsernamePicker } from './usernames.js';

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
    private readonly students: StudentImportRepository,
    private readonly schools: SchoolImportRepository,
    private readonly audit: AuditService,
    private readonly rollups: CoverageRollupsRepository,
    private readonly tx: TransactionRepository,
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
      this.access.requireFacts(auth, Permission.SchoolsImport, { provinceId: auth.provinceId, schoolId: null });
      return { provinceId: auth.provinceId, schoolId: null, schoolYear: null };
    }
    const schoolId = query.schoolId ?? auth.schoolId;
    if (!schoolId) throw new AppError(ErrorCode.ValidationFailed, 'schoolId: name the school to import into', [fieldError('schoolId', 'required')]);
    const facts = await this.access.requireOwnSchool(auth, Permission.SchoolImport, schoolId);
    const level = (await this.students.findSchoolLevel(schoolId))!;
    return { provinceId: facts.provinceId, schoolId, schoolYear: query.schoolYear ?? schoolYearOf(this.clock.now()), level };
  }

  private async visibleJob(auth: AuthUser, id: string): Promise<JobRow> {
    const job = await this.repo.job(id);
    if (!job || job.provinceId !== auth.provinceId) throw notFound('import');
    // Only those who may import schools learn that a schools import exists.
    if (job.type === 'schools' && !allows(auth, Permission.SchoolsImport, { provinceId: job.provinceId, schoolId: null })) throw notFound('import');
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
    const t: StudentImport = { importId, provinceId: target.provinceId, schoolId: target.schoolId, schoolYear: target.schoolYear };
    await this.students.refuseClassGradeMismatches(t);
    await this.students.judgeKnownStudents(t);
    return { classes: await this.students.classesToCreate(t) };
  }

  /** Known students first (classes, changes, moves), then the new ones in batches; returns how many students changed class. */
  private async applyStudents(tx: Tx, job: JobRow, progress: (p: number) => void): Promise<{ moved: number }> {
    const t: StudentImport = { importId: job.id, provinceId: job.provinceId, schoolId: job.schoolId!, schoolYear: job.schoolYear! };
    await this.students.createClasses(tx, t);
    await this.students.updateKnownStudents(tx, t);
    // Updated students move to their class (or join one this year).
    const moved = await this.students.moveKnownStudents(tx, t);
    await this.students.enrolKnownStudents(tx, t);
    progress(10);
    await this.createNewStudents(tx, t, (done) => progress(10 + 85 * done));
    return { moved };
  }

  /** New students: readable usernames (a number when taken) and one-time passwords for the login cards. `progress` gets the share done. */
  private async createNewStudents(tx: Tx, t: StudentImport, progress: (done: number) => void): Promise<void> {
    const total = await this.students.countNewStudents(tx, t.importId);
    const usernames = new UsernamePicker((bases) => this.students.usernamesOnBases(tx, bases));
    for (let offset = 0; offset < total; offset += CREATE_BATCH) {
      const rows = await this.students.newStudentsPage(tx, t.importId, offset, CREATE_BATCH);
      const names = await usernames.pick(rows.map((r) => r.fullName));
      const students = rows.map((r, i) => ({
        ...r,
        username: names[i],
        passwordHash: sealOneTimePassword(this.config.jwtSecret, generateTemporaryPassword()),
      }));
      await this.students.insertStudents(tx, t, students);
      progress(Math.min(total, offset + CREATE_BATCH) / Math.max(1, total));
    }
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
    await this.schools.judgeKnownSchools(importId, provinceId);
    return { areas: await this.schools.areasToCreate(importId, provinceId) };
  }

  private async applySchools(tx: Tx, job: JobRow): Promise<void> {
    await this.schools.createAreas(tx, job.id, job.provinceId);
    await this.schools.createSchools(tx, job.id, job.provinceId);
    await this.schools.updateSchools(tx, job.id, job.provinceId);
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
    let batch: StagedRow[] = [];
    let count = 0;
    for await (const { row, cells } of rows) {
      if (!index) {
        const mapped = mapHeaders(
          cells.map((c) => cellText(c)),
          columns,
        );
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
    await this.tx.run(async (tx) => {
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
