import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Block, MyTrainingDto, ProgramKind, TrainingAssignmentDto, TrainingLessonSummaryDto } from '@tinhtao/shared';
import type { DataSource } from 'typeorm';

import type { Queryable, Tx } from '../database/transaction.repository.js';

/** The staff a staff assignment `a` is given to: its school's active teachers and leaders, or with no school the Department's officials. */
const GIVEN_TO = (a: string) => `u.active AND u.province_id = ${a}.province_id
  AND CASE WHEN ${a}.school_id IS NULL THEN u.role = 'dept_admin' ELSE u.school_id = ${a}.school_id AND u.role IN ('teacher', 'school_admin') END`;

const SUMMARY_COLUMNS = `l.id, l.title, l.kind, l.duration_minutes AS "durationMinutes", l.summary,
  (SELECT count(*)::int FROM lesson_item li WHERE li.lesson_id = l.id) AS "itemCount"`;

export interface StaffLessonRow {
  id: string;
  title: string;
  kind: ProgramKind;
  durationMinutes: number;
  summary: string;
  objectives: string[];
  body: Block[];
}

export interface TrainingSettingsRow {
  staffTarget: number;
  staffReachedTarget: number;
  schoolThreshold: number;
  passMark: number;
}

/** Per school (null: the Department), its staff and what they completed of the year's program. */
export interface TrainingCountsRow {
  schoolId: string | null;
  staff: number;
  completedPairs: number;
  reached: number;
}

export interface SchoolNameRow {
  id: string;
  name: string;
  areaName: string | null;
}

export type MyTrainingRow = Omit<MyTrainingDto, 'opensAt' | 'dueAt' | 'status' | 'overdue' | 'passed'> & {
  opensAt: Date;
  dueAt: Date;
  attemptStatus: 'in_progress' | 'submitted' | null;
  percent: number | null;
  now: Date;
};

/** The staff program's rows: its lessons, the year's list, staff assignments and what staff completed. */
@Injectable()
export class TrainingRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  lessons(provinceId: string): Promise<TrainingLessonSummaryDto[]> {
    return this.db.query(
      `SELECT ${SUMMARY_COLUMNS} FROM lesson l WHERE l.province_id = $1 AND l.audience = 'staff' ORDER BY l.title COLLATE vi_vn, l.created_at`,
      [provinceId],
    );
  }

  /** Of these ids, those that are not staff lessons of the province. */
  async notStaffLessons(provinceId: string, ids: string[]): Promise<string[]> {
    const rows = await this.db.query<{ id: string }[]>(
      `SELECT t.id FROM unnest($2::uuid[]) AS t(id)
        WHERE NOT EXISTS (SELECT 1 FROM lesson l WHERE l.id = t.id AND l.province_id = $1 AND l.audience = 'staff')`,
      [provinceId, ids],
    );
    return rows.map((r) => r.id);
  }

  async staffLesson(id: string): Promise<StaffLessonRow | null> {
    const rows = await this.db.query<StaffLessonRow[]>(
      `SELECT l.id, l.title, l.kind, l.duration_minutes AS "durationMinutes", l.summary, l.objectives, l.body
         FROM lesson l WHERE l.id = $1 AND l.audience = 'staff'`,
      [id],
    );
    return rows[0] ?? null;
  }

  program(provinceId: string, schoolYear: string): Promise<(TrainingLessonSummaryDto & { required: boolean })[]> {
    return this.db.query(
      `SELECT ${SUMMARY_COLUMNS}, p.required FROM staff_program_lesson p JOIN lesson l ON l.id = p.lesson_id
        WHERE p.province_id = $1 AND p.school_year = $2 ORDER BY p.position`,
      [provinceId, schoolYear],
    );
  }

  async saveProgram(tx: Tx, provinceId: string, schoolYear: string, lessons: { lessonId: string; required: boolean }[]): Promise<void> {
    await tx.query(`DELETE FROM staff_program_lesson WHERE province_id = $1 AND school_year = $2`, [provinceId, schoolYear]);
    await tx.query(
      `INSERT INTO staff_program_lesson (province_id, school_year, lesson_id, position, required)
       SELECT $1, $2, l.lesson_id, l.position, l.required FROM unnest($3::uuid[], $4::boolean[]) WITH ORDINALITY AS l(lesson_id, required, position)`,
      [provinceId, schoolYear, lessons.map((l) => l.lessonId), lessons.map((l) => l.required)],
    );
  }

  /** The year's staff targets and the thresholds they share with the students' program; null when the year is not set up. */
  async settings(provinceId: string, schoolYear: string, db: Queryable = this.db): Promise<TrainingSettingsRow | null> {
    const rows = await db.query<TrainingSettingsRow[]>(
      `SELECT staff_target::float8 AS "staffTarget", staff_reached_target::float8 AS "staffReachedTarget",
              school_threshold::float8 AS "schoolThreshold", pass_mark::float8 AS "passMark"
         FROM province_year WHERE province_id = $1 AND school_year = $2`,
      [provinceId, schoolYear],
    );
    return rows[0] ?? null;
  }

  /** False when the year is not set up. */
  async saveTargets(tx: Tx, provinceId: string, schoolYear: string, staffTarget: number, staffReachedTarget: number): Promise<boolean> {
    // Through a CTE: an UPDATE … RETURNING answers TypeORM's [rows, count], not the rows.
    const rows = await tx.query<{ n: number }[]>(
      `WITH saved AS (UPDATE province_year SET staff_target = $3, staff_reached_target = $4, updated_at = app_now()
                        WHERE province_id = $1 AND school_year = $2 RETURNING 1)
       SELECT count(*)::int AS n FROM saved`,
      [provinceId, schoolYear, staffTarget, staffReachedTarget],
    );
    return rows[0].n > 0;
  }

  async schoolIds(provinceId: string): Promise<string[]> {
    const rows = await this.db.query<{ id: string }[]>(`SELECT id FROM school WHERE province_id = $1`, [provinceId]);
    return rows.map((r) => r.id);
  }

  /** One staff assignment per school (and one with no school for the Department), under one group id. */
  async insertAssignments(
    tx: Tx,
    row: { provinceId: string; lessonId: string; schoolIds: (string | null)[]; opensAt: string; dueAt: string; createdBy: string; groupId: string },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO assignment (audience, province_id, school_id, lesson_id, opens_at, due_at, created_by, staff_group_id)
       SELECT 'staff', $1, s.id, $2, $3, $4, $5, $6 FROM unnest($7::uuid[]) AS s(id)`,
      [row.provinceId, row.lessonId, row.opensAt, row.dueAt, row.createdBy, row.groupId, row.schoolIds],
    );
  }

  /**
   * The staff assignments opened in [from, to), one row per act of giving; with `schoolId`,
   * only that school's part of each.
   */
  async assignments(provinceId: string, schoolId: string | null, schoolYear: string, from: Date, to: Date): Promise<TrainingAssignmentDto[]> {
    const rows = await this.db.query<(Omit<TrainingAssignmentDto, 'opensAt' | 'dueAt'> & { opensAt: Date; dueAt: Date })[]>(
      `SELECT a.staff_group_id AS id, a.lesson_id AS "lessonId", l.title, min(a.opens_at) AS "opensAt", max(a.due_at) AS "dueAt",
              (SELECT full_name FROM app_user WHERE id = a.created_by) AS "createdByName",
              count(a.school_id)::int AS schools, bool_or(a.school_id IS NULL) AS department,
              sum((SELECT count(*) FROM app_user u WHERE ${GIVEN_TO('a')}))::int AS staff,
              sum((SELECT count(*) FROM attempt t WHERE t.assignment_id = a.id AND t.status = 'submitted'))::int AS submitted,
              sum((SELECT count(*) FROM attempt t WHERE t.assignment_id = a.id AND t.status = 'submitted'
                      AND t.percent >= COALESCE((SELECT y.pass_mark FROM province_year y WHERE y.province_id = a.province_id
                                                    AND y.school_year = $5), default_pass_mark())))::int AS passed
         FROM assignment a JOIN lesson l ON l.id = a.lesson_id
        WHERE a.audience = 'staff' AND a.province_id = $1 AND ($2::uuid IS NULL OR a.school_id = $2)
          AND a.opens_at >= $3 AND a.opens_at < $4
        GROUP BY a.staff_group_id, a.lesson_id, l.title, a.created_by
        ORDER BY max(a.due_at) DESC`,
      [provinceId, schoolId, from, to, schoolYear],
    );
    return rows.map((r) => ({ ...r, opensAt: r.opensAt.toISOString(), dueAt: r.dueAt.toISOString() }));
  }

  /** The staff lessons given to this person (their school's, or the Department's for an official), with their attempt. */
  async mine(userId: string): Promise<MyTrainingRow[]> {
    return this.db.query<MyTrainingRow[]>(
      `SELECT a.id, a.lesson_id AS "lessonId", l.title, a.opens_at AS "opensAt", a.due_at AS "dueAt",
              t.status AS "attemptStatus", t.percent::float8 AS percent, app_now() AS now
         FROM app_user u
         JOIN assignment a ON a.audience = 'staff' AND ${GIVEN_TO('a')}
         JOIN lesson l ON l.id = a.lesson_id
         LEFT JOIN attempt t ON t.assignment_id = a.id AND t.student_id = u.id
        WHERE u.id = $1
        ORDER BY a.due_at DESC
        LIMIT 200`,
      [userId],
    );
  }

  /** Per school and for the Department (school null): active staff, completed required pairs and staff reached in [from, to). */
  counts(provinceId: string, schoolYear: string, from: Date, to: Date, passMark: number): Promise<TrainingCountsRow[]> {
    return this.db.query<TrainingCountsRow[]>(
      `WITH program AS (SELECT lesson_id, required FROM staff_program_lesson WHERE province_id = $1 AND school_year = $2),
       staff AS (SELECT u.id, u.school_id FROM app_user u
                  WHERE u.province_id = $1 AND u.active AND u.role IN ('dept_admin', 'school_admin', 'teacher')),
       done AS (SELECT DISTINCT t.student_id AS user_id, a.lesson_id, p.required
                  FROM attempt t JOIN assignment a ON a.id = t.assignment_id AND a.audience = 'staff' AND a.province_id = $1
                  JOIN program p ON p.lesson_id = a.lesson_id
                 WHERE t.status = 'submitted' AND t.percent >= $5 AND t.submitted_at >= $3 AND t.submitted_at < $4)
       SELECT s.school_id AS "schoolId", count(DISTINCT s.id)::int AS staff,
              count(d.user_id) FILTER (WHERE d.required)::int AS "completedPairs", count(DISTINCT d.user_id)::int AS reached
         FROM staff s LEFT JOIN done d ON d.user_id = s.id
        GROUP BY s.school_id`,
      [provinceId, schoolYear, from, to, passMark],
    );
  }

  schools(provinceId: string): Promise<SchoolNameRow[]> {
    return this.db.query<SchoolNameRow[]>(
      `SELECT s.id, s.name, a.name AS "areaName" FROM school s LEFT JOIN area a ON a.id = s.area_id
        WHERE s.province_id = $1 ORDER BY a.name COLLATE vi_vn NULLS LAST, s.name COLLATE vi_vn`,
      [provinceId],
    );
  }
}
