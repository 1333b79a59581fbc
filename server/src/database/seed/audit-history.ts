import type { Tx } from '../transaction.repository.js';

/** Who did it, as the audit writer takes it. */
export interface SeedActor {
  userId: string;
  provinceId: string;
  schoolId: string | null;
}

export type PublishedCurriculumRow = SeedActor & { curriculumId: string; version: number; title: string; lessonIds: string[] };
export type ImportedClassRow = SeedActor & { className: string; students: number };
export type CreatedAssignmentRow = SeedActor & { assignmentId: string; lessonId: string; classIds: string[]; opensAt: Date; dueAt: Date };

/** The curricula published for the year, each with who published it (or the province's first dept admin). */
export function findPublishedCurricula(tx: Tx, year: string): Promise<PublishedCurriculumRow[]> {
  return tx.query<PublishedCurriculumRow[]>(
    `SELECT v.curriculum_id AS "curriculumId", v.version, v.title, c.province_id AS "provinceId", NULL AS "schoolId",
            COALESCE(v.published_by, (SELECT u.id FROM app_user u WHERE u.province_id = c.province_id AND u.role = 'dept_admin' ORDER BY u.created_at, u.username LIMIT 1)) AS "userId",
            ARRAY(SELECT cl.lesson_id FROM curriculum_lesson cl WHERE cl.version_id = v.id ORDER BY cl.position) AS "lessonIds"
       FROM curriculum_version v JOIN curriculum c ON c.id = v.curriculum_id
      WHERE v.status = 'published' AND c.school_year = $1
      ORDER BY c.province_id, c.level, c.kind`,
    [year],
  );
}

/** The classes of the year with their head count and who would have imported them: the school's admin, else the province's. */
export function findClassesWithImporter(tx: Tx, year: string): Promise<ImportedClassRow[]> {
  return tx.query<ImportedClassRow[]>(
    `SELECT c.name AS "className", s.id AS "schoolId", s.province_id AS "provinceId",
            (SELECT count(*)::int FROM enrollment e WHERE e.class_id = c.id) AS students,
            COALESCE((SELECT u.id FROM app_user u WHERE u.school_id = s.id AND u.role = 'school_admin' ORDER BY u.created_at, u.username LIMIT 1),
                     (SELECT u.id FROM app_user u WHERE u.province_id = s.province_id AND u.role = 'dept_admin' ORDER BY u.created_at, u.username LIMIT 1)) AS "userId"
       FROM school_class c JOIN school s ON s.id = c.school_id
      WHERE c.school_year = $1
      ORDER BY s.province_id, s.ministry_code, c.grade, c.name`,
    [year],
  );
}

/** The assignments a person gave (diagnostics aside), oldest first. */
export function findCreatedAssignments(tx: Tx): Promise<CreatedAssignmentRow[]> {
  return tx.query<CreatedAssignmentRow[]>(
    `SELECT a.id AS "assignmentId", a.lesson_id AS "lessonId", a.opens_at AS "opensAt", a.due_at AS "dueAt", a.created_by AS "userId",
            a.school_id AS "schoolId", s.province_id AS "provinceId",
            ARRAY(SELECT ac.class_id FROM assignment_class ac WHERE ac.assignment_id = a.id) AS "classIds"
       FROM assignment a JOIN school s ON s.id = a.school_id
      WHERE a.created_by IS NOT NULL AND a.diagnostic_id IS NULL
      ORDER BY a.opens_at, a.id`,
  );
}
