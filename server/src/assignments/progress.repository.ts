import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** A class with its school and year, and the database's clock. */
export interface ProgressClassRow {
  id: string;
  name: string;
  schoolId: string;
  provinceId: string;
  schoolYear: string;
  now: Date;
}

/** A lesson given to a class: its newest assignment and whether a published curriculum of the year requires it. */
export interface ProgressLessonRow {
  lessonId: string;
  assignmentId: string;
  title: string;
  dueAt: Date;
  required: boolean;
}

export interface ProgressStudentRow {
  id: string;
  fullName: string;
  username: string;
}

export interface ProgressAttemptRow {
  assignmentId: string;
  studentId: string;
  status: 'in_progress' | 'submitted';
  percent: number | null;
  late: boolean;
}

/** The reads behind a class's progress matrix: students × assigned lessons. */
@Injectable()
export class ProgressRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findClass(classId: string): Promise<ProgressClassRow | null> {
    const rows = await this.db.query<ProgressClassRow[]>(
      `SELECT c.id, c.name, c.school_id AS "schoolId", s.province_id AS "provinceId", c.school_year AS "schoolYear", app_now() AS now
         FROM school_class c JOIN school s ON s.id = c.school_id WHERE c.id = $1`,
      [classId],
    );
    return rows[0] ?? null;
  }

  /** Each lesson assigned to the class outside diagnostics, once (its newest assignment). */
  async lessonsOfClass(classId: string, schoolYear: string): Promise<ProgressLessonRow[]> {
    return this.db.query<ProgressLessonRow[]>(
      `SELECT DISTINCT ON (a.lesson_id) a.lesson_id AS "lessonId", a.id AS "assignmentId", l.title, a.due_at AS "dueAt",
              EXISTS (SELECT 1 FROM curriculum_lesson cl JOIN curriculum_version v ON v.id = cl.version_id AND v.status = 'published'
                        JOIN curriculum cu ON cu.id = v.curriculum_id
                       WHERE cl.lesson_id = a.lesson_id AND cl.required AND cu.school_year = $2) AS required
         FROM assignment_class ac JOIN assignment a ON a.id = ac.assignment_id JOIN lesson l ON l.id = a.lesson_id
        WHERE ac.class_id = $1 AND a.diagnostic_id IS NULL ORDER BY a.lesson_id, a.created_at DESC`,
      [classId, schoolYear],
    );
  }

  /** The class's students in Vietnamese order: by given name, then full name. */
  async studentsOfClass(classId: string): Promise<ProgressStudentRow[]> {
    return this.db.query<ProgressStudentRow[]>(
      `SELECT u.id, u.full_name AS "fullName", u.username FROM enrollment e JOIN app_user u ON u.id = e.student_id
        WHERE e.class_id = $1 ORDER BY split_part(u.full_name, ' ', -1) COLLATE vi_vn, u.full_name COLLATE vi_vn`,
      [classId],
    );
  }

  /** The attempts of these students at these assignments. */
  async attemptsOf(assignmentIds: string[], studentIds: string[]): Promise<ProgressAttemptRow[]> {
    if (assignmentIds.length === 0) return [];
    return this.db.query<ProgressAttemptRow[]>(
      `SELECT assignment_id AS "assignmentId", student_id AS "studentId", status, percent::float8 AS percent, late FROM attempt
        WHERE assignment_id = ANY($1) AND student_id = ANY($2)`,
      [assignmentIds, studentIds],
    );
  }
}
