import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CurriculumLevel, ProgramKind, SchoolLevel } from '@tinhtao/shared';
import type { DataSource } from 'typeorm';

export interface SchoolRow {
  id: string;
  name: string;
  ministryCode: string;
  level: SchoolLevel;
  areaId: string | null;
  areaName: string | null;
}

/** One school's counters for one program at one level, summed over its classes. */
export interface SchoolKindRow {
  schoolId: string;
  kind: ProgramKind;
  classes: number;
  students: number;
  /** Completed pairs, each class's capped at its students × required lessons (a student who left keeps no extra). */
  pairs: number;
  reached: number;
  lacking: number;
  lastAt: Date | null;
}

export interface MonthRow {
  schoolId: string;
  kind: ProgramKind;
  month: string;
  pairs: number;
  reached: number;
  submitted: number;
}

export interface RequiredRow {
  level: CurriculumLevel;
  kind: ProgramKind;
  lessonId: string;
  lineageId: string;
  title: string;
}

export interface ContestRow {
  kind: ProgramKind;
  held: number;
  sessions: number;
  participants: number;
}

export interface ClassRow {
  id: string;
  name: string;
  grade: number;
  level: CurriculumLevel;
  students: number;
}

/** A program with a published curriculum at a level. */
export interface ProgramRow {
  level: CurriculumLevel;
  kind: ProgramKind;
}

export interface SchoolDetailRow extends SchoolRow {
  provinceId: string;
}

/** One class's counters for one program. */
export interface ClassKindRow {
  classId: string;
  kind: ProgramKind;
  pairs: number;
  reached: number;
  lastAt: Date | null;
}

/** Students of a class who passed a lesson (any version of it). */
export interface ClassLessonRow {
  classId: string;
  lineageId: string;
  passed: number;
}

/** A lesson (by lineage) a class has been given. */
export interface AssignedRow {
  classId: string;
  lineageId: string;
}

export interface ClassTeacherRow {
  classId: string;
  id: string;
  fullName: string;
}

/** Reads the coverage roll-ups; never a scan of attempts or responses. */
@Injectable()
export class CoverageRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The required lessons of the curricula in force, in curriculum order. */
  required(provinceId: string, schoolYear: string): Promise<RequiredRow[]> {
    return this.db.query<RequiredRow[]>(
      `SELECT c.level, c.kind, l.id AS "lessonId", l.lineage_id AS "lineageId", l.title
         FROM curriculum c
         JOIN curriculum_version v ON v.curriculum_id = c.id AND v.status = 'published'
         JOIN curriculum_lesson cl ON cl.version_id = v.id AND cl.required
         JOIN lesson l ON l.id = cl.lesson_id
        WHERE c.province_id = $1 AND c.school_year = $2
        ORDER BY c.level, c.kind, cl.position`,
      [provinceId, schoolYear],
    );
  }

  /** The programs with a published curriculum for the year. */
  inForce(provinceId: string, schoolYear: string): Promise<ProgramRow[]> {
    return this.db.query<ProgramRow[]>(
      `SELECT c.level, c.kind FROM curriculum c JOIN curriculum_version v ON v.curriculum_id = c.id AND v.status = 'published'
        WHERE c.province_id = $1 AND c.school_year = $2`,
      [provinceId, schoolYear],
    );
  }

  schools(provinceId: string, level: CurriculumLevel, schoolId: string | null): Promise<SchoolRow[]> {
    return this.db.query<SchoolRow[]>(
      `SELECT s.id, s.name, s.ministry_code AS "ministryCode", s.level, s.area_id AS "areaId", a.name AS "areaName"
         FROM school s LEFT JOIN area a ON a.id = s.area_id
        WHERE s.province_id = $1 AND s.level IN ($2, 'MIXED') AND ($3::uuid IS NULL OR s.id = $3)
        ORDER BY s.name COLLATE vi_vn`,
      [provinceId, level, schoolId],
    );
  }

  /** Per school and program: its classes of the level, their students and the counters. */
  schoolKinds(
    provinceId: string,
    schoolYear: string,
    level: CurriculumLevel,
    required: Record<ProgramKind, number>,
    schoolId: string | null,
  ): Promise<SchoolKindRow[]> {
    return this.db.query<SchoolKindRow[]>(
      `SELECT c.school_id AS "schoolId", k.kind, count(*)::int AS classes, sum(c.student_count)::int AS students,
              -- LEAST skips NULLs: a class without counters has done nothing.
              sum(LEAST(COALESCE(ck.pairs, 0), c.student_count * k.required))::int AS pairs,
              sum(LEAST(COALESCE(ck.reached, 0), c.student_count))::int AS reached,
              count(*) FILTER (WHERE COALESCE(ck.assigned_required, 0) < k.required)::int AS lacking,
              max(ck.last_at) AS "lastAt"
         FROM school_class c
         JOIN school s ON s.id = c.school_id
        CROSS JOIN (VALUES ('SAFETY', $4::int), ('MEDIA_LITERACY', $5::int)) AS k (kind, required)
         LEFT JOIN coverage_class_kind ck ON ck.class_id = c.id AND ck.kind = k.kind
        WHERE s.province_id = $1 AND c.school_year = $2 AND class_level(c.grade) = $3 AND ($6::uuid IS NULL OR s.id = $6)
        GROUP BY 1, 2`,
      [provinceId, schoolYear, level, required.SAFETY, required.MEDIA_LITERACY, schoolId],
    );
  }

  months(provinceId: string, schoolYear: string, level: CurriculumLevel, schoolId: string | null): Promise<MonthRow[]> {
    return this.db.query<MonthRow[]>(
      `SELECT m.school_id AS "schoolId", m.kind, to_char(m.month, 'YYYY-MM') AS month, m.pairs, m.reached, m.submitted
         FROM coverage_school_month m JOIN school s ON s.id = m.school_id
        WHERE s.province_id = $1 AND m.school_year = $2 AND m.level = $3 AND ($4::uuid IS NULL OR s.id = $4)`,
      [provinceId, schoolYear, level, schoolId],
    );
  }

  /**
   * Contests created in the school year: those of the level's schools (or of one school), and
   * the province-wide ones. Held means someone took part; participants are participations
   * ("lượt"), counted on the tables' own indexes: a student in two contests counts twice.
   */
  contests(provinceId: string, from: Date, to: Date, level: CurriculumLevel, schoolId: string | null): Promise<ContestRow[]> {
    return this.db.query<ContestRow[]>(
      `SELECT k.kind,
              (count(c.id) FILTER (WHERE n.taking > 0))::int AS held,
              COALESCE(sum(n.sessions), 0)::int AS sessions,
              COALESCE(sum(n.taking), 0)::int AS participants
         FROM (VALUES ('SAFETY'), ('MEDIA_LITERACY')) AS k (kind)
         LEFT JOIN (contest c LEFT JOIN school s ON s.id = c.school_id)
           ON c.kind = k.kind AND c.province_id = $1 AND c.created_at >= $2 AND c.created_at < $3
          AND (CASE WHEN $5::uuid IS NULL THEN c.school_id IS NULL OR s.level IN ($4, 'MIXED') ELSE c.school_id = $5 END)
         LEFT JOIN LATERAL (
           SELECT (SELECT count(*) FROM contest_session x WHERE x.contest_id = c.id) AS sessions,
                  (SELECT count(*) FROM contest_session x JOIN participant p ON p.session_id = x.id WHERE x.contest_id = c.id)
                    + (SELECT count(*) FROM contest_entry e WHERE e.contest_id = c.id) AS taking
         ) n ON true
        GROUP BY k.kind`,
      [provinceId, from, to, level, schoolId],
    );
  }

  async school(id: string): Promise<SchoolDetailRow | null> {
    const rows = await this.db.query<SchoolDetailRow[]>(
      `SELECT s.id, s.name, s.ministry_code AS "ministryCode", s.level, s.area_id AS "areaId", a.name AS "areaName", s.province_id AS "provinceId"
         FROM school s LEFT JOIN area a ON a.id = s.area_id WHERE s.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  classes(schoolId: string, schoolYear: string): Promise<ClassRow[]> {
    return this.db.query<ClassRow[]>(
      `SELECT id, name, grade, class_level(grade) AS level, student_count AS students
         FROM school_class WHERE school_id = $1 AND school_year = $2 ORDER BY grade, name COLLATE vi_vn`,
      [schoolId, schoolYear],
    );
  }

  classKinds(classIds: string[]): Promise<ClassKindRow[]> {
    return this.db.query<ClassKindRow[]>(
      `SELECT class_id AS "classId", kind, pairs, reached, last_at AS "lastAt" FROM coverage_class_kind WHERE class_id = ANY($1)`,
      [classIds],
    );
  }

  classLessons(classIds: string[]): Promise<ClassLessonRow[]> {
    return this.db.query<ClassLessonRow[]>(
      `SELECT class_id AS "classId", lineage_id AS "lineageId", sum(passed)::int AS passed
         FROM coverage_class_lesson WHERE class_id = ANY($1) GROUP BY 1, 2`,
      [classIds],
    );
  }

  assigned(classIds: string[]): Promise<AssignedRow[]> {
    return this.db.query<AssignedRow[]>(`SELECT class_id AS "classId", lineage_id AS "lineageId" FROM class_lesson_assigned WHERE class_id = ANY($1)`, [
      classIds,
    ]);
  }

  teachers(classIds: string[]): Promise<ClassTeacherRow[]> {
    return this.db.query<ClassTeacherRow[]>(
      `SELECT t.class_id AS "classId", u.id, u.full_name AS "fullName"
         FROM class_teacher t JOIN app_user u ON u.id = t.teacher_id WHERE t.class_id = ANY($1) ORDER BY u.full_name COLLATE vi_vn`,
      [classIds],
    );
  }
}
