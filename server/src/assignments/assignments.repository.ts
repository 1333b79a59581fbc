import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AssignmentDto, AssignmentListQuery, CurriculumLevel, ListScope, PlanRowDto, StudentAssignmentDto } from '@tinhtao/shared';
import type { DataSource } from 'typeorm';

import type { Queryable, Tx } from '../database/transaction.repository.js';

export interface AssignmentRow {
  id: string;
  schoolId: string;
  lessonId: string;
  opensAt: Date;
  dueAt: Date;
  closedAt: Date | null;
  classIds: string[];
}

const ASSIGNMENT_DTO_COLUMNS = `a.id, a.lesson_id AS "lessonId", a.school_id AS "schoolId", a.opens_at AS "opensAt", a.due_at AS "dueAt",
  a.closed_at AS "closedAt", l.title, l.kind, (SELECT full_name FROM app_user WHERE id = a.created_by) AS "createdByName",
  ARRAY(SELECT class_id FROM assignment_class WHERE assignment_id = a.id) AS "classIds",
  (SELECT count(*)::int FROM assignment_class ac JOIN enrollment e ON e.class_id = ac.class_id WHERE ac.assignment_id = a.id) AS students,
  (SELECT count(*)::int FROM attempt t WHERE t.assignment_id = a.id AND t.status = 'submitted') AS submitted`;

type AssignmentDtoRow = Omit<AssignmentDto, 'opensAt' | 'dueAt' | 'closedAt'> & { opensAt: Date; dueAt: Date; closedAt: Date | null };

/** A student's row before the status is worked out from the attempt and the clock. */
type StudentAssignmentRow = Omit<StudentAssignmentDto, 'opensAt' | 'dueAt' | 'status' | 'overdue'> & {
  opensAt: Date;
  dueAt: Date;
  attemptStatus: 'in_progress' | 'submitted' | null;
  score: number | null;
  maxScore: number | null;
  percent: number | null;
  pendingReview: number | null;
  diagnosticPhase: 'pre' | 'post' | null;
  now: Date;
};

/** A class, as an assignment needs to know it: its school, grade and year. */
export interface ClassInfoRow {
  id: string;
  name: string;
  schoolId: string;
  grade: number;
  schoolYear: string;
}

const toDto = (r: AssignmentDtoRow): AssignmentDto => ({
  ...r,
  opensAt: r.opensAt.toISOString(),
  dueAt: r.dueAt.toISOString(),
  closedAt: r.closedAt ? r.closedAt.toISOString() : null,
});

@Injectable()
export class AssignmentsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findById(id: string, db: Queryable = this.db): Promise<AssignmentRow | null> {
    const rows = await db.query<AssignmentRow[]>(
      `SELECT a.id, a.school_id AS "schoolId", a.lesson_id AS "lessonId", a.opens_at AS "opensAt", a.due_at AS "dueAt", a.closed_at AS "closedAt",
              ARRAY(SELECT class_id FROM assignment_class WHERE assignment_id = a.id) AS "classIds"
         FROM assignment a WHERE a.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findDto(id: string): Promise<AssignmentDto> {
    const rows = await this.db.query<AssignmentDtoRow[]>(
      `SELECT ${ASSIGNMENT_DTO_COLUMNS} FROM assignment a JOIN lesson l ON l.id = a.lesson_id WHERE a.id = $1`,
      [id],
    );
    return toDto(rows[0]);
  }

  /** Assignments touching the classes in scope: a teacher's own classes, a school's, a province's. */
  async list(scope: ListScope, query: AssignmentListQuery): Promise<AssignmentDto[]> {
    if (scope.kind === 'none' || scope.kind === 'student') return [];
    const params: unknown[] = [scope.provinceId];
    const classWhere = ['s.province_id = $1'];
    if (scope.kind !== 'province') classWhere.push(`c.school_id = $${params.push(scope.schoolId)}`);
    if (scope.kind === 'teacher')
      classWhere.push(`EXISTS (SELECT 1 FROM class_teacher t WHERE t.class_id = c.id AND t.teacher_id = $${params.push(scope.teacherId)})`);
    if (query.classId) classWhere.push(`c.id = $${params.push(query.classId)}`);
    if (query.schoolYear) classWhere.push(`c.school_year = $${params.push(query.schoolYear)}`);
    const rows = await this.db.query<AssignmentDtoRow[]>(
      `SELECT ${ASSIGNMENT_DTO_COLUMNS} FROM assignment a JOIN lesson l ON l.id = a.lesson_id
        WHERE a.id IN (SELECT ac.assignment_id FROM assignment_class ac JOIN school_class c ON c.id = ac.class_id
                         JOIN school s ON s.id = c.school_id WHERE ${classWhere.join(' AND ')})
          AND a.diagnostic_id IS NULL
        ORDER BY a.due_at DESC LIMIT 1000`,
      params,
    );
    return rows.map(toDto);
  }

  /** A student's assignments: those of the classes the student is enrolled in, with the attempt's state. */
  async forStudent(studentId: string): Promise<StudentAssignmentDto[]> {
    const rows = await this.db.query<StudentAssignmentRow[]>(
      `SELECT a.id, a.lesson_id AS "lessonId", l.title, l.kind, a.opens_at AS "opensAt", a.due_at AS "dueAt", a.closed_at IS NOT NULL AS closed,
              t.status AS "attemptStatus", COALESCE(t.late, false) AS late, t.score::float8 AS score,
              t.max_score::float8 AS "maxScore", t.percent::float8 AS percent,
              t.pending_review AS "pendingReview", a.diagnostic_phase AS "diagnosticPhase", app_now() AS now
         FROM assignment a JOIN lesson l ON l.id = a.lesson_id
         LEFT JOIN attempt t ON t.assignment_id = a.id AND t.student_id = $1
        WHERE a.id IN (SELECT ac.assignment_id FROM assignment_class ac JOIN enrollment e ON e.class_id = ac.class_id WHERE e.student_id = $1)
          AND (a.diagnostic_id IS NULL OR a.diagnostic_form = diagnostic_form_for(a.diagnostic_id, a.diagnostic_phase, $1))
        ORDER BY a.due_at`,
      [studentId],
    );
    return rows.map(({ attemptStatus, score, maxScore, percent, pendingReview, now, opensAt, dueAt, diagnosticPhase, ...r }) => {
      const status = attemptStatus ?? (opensAt > now ? 'upcoming' : 'not_started');
      const row: StudentAssignmentDto = {
        ...r,
        ...(diagnosticPhase ? { diagnosticPhase } : {}),
        opensAt: opensAt.toISOString(),
        dueAt: dueAt.toISOString(),
        status,
        overdue: status !== 'submitted' && dueAt < now,
      };
      if (attemptStatus === 'submitted') Object.assign(row, { score: Number(score), maxScore: Number(maxScore), percent: Number(percent), pendingReview });
      return row;
    });
  }

  async insert(tx: Tx, a: { schoolId: string; lessonId: string; opensAt: string; dueAt: string; createdBy: string }): Promise<string> {
    const rows = await tx.query<{ id: string }[]>(
      `INSERT INTO assignment (school_id, lesson_id, opens_at, due_at, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [a.schoolId, a.lessonId, a.opensAt, a.dueAt, a.createdBy],
    );
    return rows[0].id;
  }

  async setClasses(tx: Tx, id: string, classIds: string[]): Promise<void> {
    await tx.query(`INSERT INTO assignment_class (assignment_id, class_id) SELECT $1, unnest($2::uuid[])`, [id, classIds]);
  }

  async update(tx: Tx, id: string, fields: { opensAt?: string; dueAt?: string; closed?: boolean }): Promise<void> {
    await tx.query(
      `UPDATE assignment SET opens_at = COALESCE($2, opens_at), due_at = COALESCE($3, due_at),
              closed_at = CASE WHEN $4::boolean IS NULL THEN closed_at WHEN $4 THEN COALESCE(closed_at, app_now()) ELSE NULL END,
              updated_at = app_now()
        WHERE id = $1`,
      [id, fields.opensAt ?? null, fields.dueAt ?? null, fields.closed ?? null],
    );
  }

  /** The schools of the classes, with their level and the classes' grades and years. */
  async classesInfo(classIds: string[]): Promise<ClassInfoRow[]> {
    return this.db.query<ClassInfoRow[]>(
      `SELECT c.id, c.name, c.school_id AS "schoolId", c.grade, c.school_year AS "schoolYear" FROM school_class c WHERE c.id = ANY($1)`,
      [classIds],
    );
  }

  /**
   * For each lesson of the published curricula of the levels in that year: the classes in
   * scope that have it assigned, and those still lacking it.
   */
  async plan(scope: ListScope, levels: CurriculumLevel[], schoolYear: string, classId?: string): Promise<PlanRowDto[]> {
    if (scope.kind === 'none' || scope.kind === 'student') return [];
    const params: unknown[] = [scope.provinceId, schoolYear, levels];
    const classWhere = ['s.province_id = $1', 'c.school_year = $2'];
    if (scope.kind !== 'province') classWhere.push(`c.school_id = $${params.push(scope.schoolId)}`);
    if (scope.kind === 'teacher')
      classWhere.push(`EXISTS (SELECT 1 FROM class_teacher t WHERE t.class_id = c.id AND t.teacher_id = $${params.push(scope.teacherId)})`);
    if (classId) classWhere.push(`c.id = $${params.push(classId)}`);
    return this.db.query<PlanRowDto[]>(
      `WITH classes AS (
         SELECT c.id, c.name, c.grade FROM school_class c JOIN school s ON s.id = c.school_id WHERE ${classWhere.join(' AND ')}
       ), lessons AS (
         SELECT cl.lesson_id, l.title, l.kind, l.level, cl.required, cl.suggested_month, cl.position
           FROM curriculum cu JOIN curriculum_version v ON v.curriculum_id = cu.id AND v.status = 'published'
           JOIN curriculum_lesson cl ON cl.version_id = v.id JOIN lesson l ON l.id = cl.lesson_id
          WHERE cu.province_id = $1 AND cu.school_year = $2 AND cu.level = ANY($3)
       )
       SELECT ls.lesson_id AS "lessonId", ls.title, ls.kind, ls.level, ls.required, ls.suggested_month AS "suggestedMonth",
              COALESCE(json_agg(json_build_object('id', k.id, 'name', k.name) ORDER BY k.name COLLATE vi_vn)
                FILTER (WHERE k.id IS NOT NULL AND NOT k.assigned), '[]') AS "classesMissing",
              COALESCE(json_agg(json_build_object('id', k.id, 'name', k.name) ORDER BY k.name COLLATE vi_vn)
                FILTER (WHERE k.id IS NOT NULL AND k.assigned), '[]') AS "classesAssigned"
         FROM lessons ls
         LEFT JOIN LATERAL (
           SELECT c.id, c.name, EXISTS (SELECT 1 FROM assignment_class ac JOIN assignment a ON a.id = ac.assignment_id
                                          WHERE ac.class_id = c.id AND a.lesson_id = ls.lesson_id) AS assigned
             FROM classes c WHERE (ls.level = 'THCS' AND c.grade <= 9) OR (ls.level = 'THPT' AND c.grade >= 10)
         ) k ON true
        GROUP BY ls.lesson_id, ls.title, ls.kind, ls.level, ls.required, ls.suggested_month, ls.position
        ORDER BY ls.level, ls.kind, ls.position`,
      params,
    );
  }
}
