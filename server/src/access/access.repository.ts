import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CurriculumLevel, Role, ScopeFacts } from '@tinhtao/shared';
import type { DataSource } from 'typeorm';

type FactRow = {
  id: string;
  province_id: string;
  school_id: string | null;
  teacher_ids?: string[];
  student_ids?: string[];
  role?: Role;
  published_levels?: CurriculumLevel[];
  diagnostic_form?: boolean;
  staff?: boolean;
  judge_ids?: string[];
  owner_id?: string;
  team_entries?: boolean;
};

/** The levels of the non-draft curriculum versions that list a lesson, and of the diagnostics it is a form of (`$lesson` is its id column). */
const publishedLevelsOfLesson = (lesson: string) =>
  `ARRAY(SELECT DISTINCT c.level FROM curriculum_lesson cl
           JOIN curriculum_version v ON v.id = cl.version_id AND v.status <> 'draft'
           JOIN curriculum c ON c.id = v.curriculum_id
          WHERE cl.lesson_id = ${lesson})
   || ARRAY(SELECT d.level FROM diagnostic d WHERE d.form_a_lesson_id = ${lesson} OR d.form_b_lesson_id = ${lesson})`;

/** Loads what the scope rule needs to know about rows, by id; a missing id is a row that does not exist. */
const ATTEMPT_FACTS = `t.id, a.province_id, a.school_id, ARRAY[t.student_id] AS student_ids, a.audience = 'staff' AS staff,
  ARRAY(SELECT ct.teacher_id FROM assignment_class ac JOIN enrollment e ON e.class_id = ac.class_id AND e.student_id = t.student_id
          JOIN class_teacher ct ON ct.class_id = ac.class_id WHERE ac.assignment_id = a.id) AS teacher_ids`;

/** A submission entry `e`'s facts. */
const SUBMISSION_ENTRY_FACTS = `e.id, e.province_id, e.school_id, e.created_by AS owner_id,
  ARRAY(SELECT m.student_id FROM submission_entry_member m WHERE m.entry_id = e.id) AS student_ids,
  ARRAY(SELECT DISTINCT ct.teacher_id FROM submission_entry_member m JOIN enrollment en ON en.student_id = m.student_id
          JOIN school_class sc ON sc.id = en.class_id AND sc.school_id = e.school_id
          JOIN class_teacher ct ON ct.class_id = en.class_id WHERE m.entry_id = e.id) AS teacher_ids,
  ARRAY(SELECT DISTINCT a.judge_id FROM submission_assignment a WHERE a.entry_id = e.id AND a.status = 'active') AS judge_ids`;

@Injectable()
export class AccessRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async provinceFacts(ids: string[]): Promise<Map<string, ScopeFacts>> {
    return this.facts(`SELECT id, id AS province_id, NULL::uuid AS school_id FROM province WHERE id = ANY($1)`, ids);
  }

  async areaFacts(ids: string[]): Promise<Map<string, ScopeFacts>> {
    return this.facts(`SELECT id, province_id, NULL::uuid AS school_id FROM area WHERE id = ANY($1)`, ids);
  }

  async schoolFacts(ids: string[]): Promise<Map<string, ScopeFacts>> {
    return this.facts(`SELECT id, province_id, id AS school_id FROM school WHERE id = ANY($1)`, ids);
  }

  async classFacts(ids: string[]): Promise<Map<string, ScopeFacts>> {
    return this.facts(
      `SELECT c.id, s.province_id, c.school_id,
              ARRAY(SELECT teacher_id FROM class_teacher t WHERE t.class_id = c.id) AS teacher_ids,
              ARRAY(SELECT student_id FROM enrollment e WHERE e.class_id = c.id) AS student_ids
         FROM school_class c JOIN school s ON s.id = c.school_id
        WHERE c.id = ANY($1)`,
      ids,
    );
  }

  async userFacts(ids: string[]): Promise<Map<string, ScopeFacts>> {
    return this.facts(
      `SELECT u.id, u.province_id, u.school_id, u.role,
              ARRAY(SELECT t.teacher_id FROM enrollment e JOIN class_teacher t ON t.class_id = e.class_id
                     WHERE e.student_id = u.id) AS teacher_ids
         FROM app_user u WHERE u.id = ANY($1)`,
      ids,
    );
  }

  /** A students' lesson (the staff program's are its own); when it is a diagnostic form, its students are the asking user if dealt that form by a diagnostic assignment. */
  async lessonFacts(ids: string[], userId: string): Promise<Map<string, ScopeFacts>> {
    return this.facts(
      `SELECT l.id, l.province_id, NULL::uuid AS school_id, ${publishedLevelsOfLesson('l.id')} AS published_levels,
              EXISTS (SELECT 1 FROM diagnostic d WHERE d.form_a_lesson_id = l.id OR d.form_b_lesson_id = l.id) AS diagnostic_form,
              CASE WHEN EXISTS (SELECT 1 FROM assignment a JOIN assignment_class ac ON ac.assignment_id = a.id
                                  JOIN enrollment e ON e.class_id = ac.class_id AND e.student_id = $2
                                 WHERE a.lesson_id = l.id AND a.diagnostic_id IS NOT NULL
                                   AND a.diagnostic_form = diagnostic_form_for(a.diagnostic_id, a.diagnostic_phase, $2))
                   THEN ARRAY[$2::uuid] ELSE '{}' END AS student_ids
         FROM lesson l WHERE l.id = ANY($1) AND l.audience = 'student'`,
      ids,
      [userId],
    );
  }

  /** A diagnostic: read by its province's staff of its level, like published content. */
  async diagnosticFacts(ids: string[]): Promise<Map<string, ScopeFacts>> {
    return this.facts(`SELECT d.id, d.province_id, NULL::uuid AS school_id, ARRAY[d.level] AS published_levels FROM diagnostic d WHERE d.id = ANY($1)`, ids);
  }

  async itemFacts(ids: string[]): Promise<Map<string, ScopeFacts>> {
    return this.facts(
      `SELECT i.id, i.province_id, NULL::uuid AS school_id,
              ARRAY(SELECT DISTINCT lvl FROM lesson_item li, unnest(${publishedLevelsOfLesson('li.lesson_id')}) AS lvl
                     WHERE li.item_id = i.id) AS published_levels
         FROM item i WHERE i.id = ANY($1)`,
      ids,
    );
  }

  async curriculumFacts(ids: string[]): Promise<Map<string, ScopeFacts>> {
    return this.facts(
      `SELECT c.id, c.province_id, NULL::uuid AS school_id,
              CASE WHEN EXISTS (SELECT 1 FROM curriculum_version v WHERE v.curriculum_id = c.id AND v.status <> 'draft')
                   THEN ARRAY[c.level] ELSE '{}' END AS published_levels
         FROM curriculum c WHERE c.id = ANY($1)`,
      ids,
    );
  }

  async curriculumVersionFacts(ids: string[]): Promise<Map<string, ScopeFacts>> {
    return this.facts(
      `SELECT v.id, c.province_id, NULL::uuid AS school_id,
              CASE WHEN v.status <> 'draft' THEN ARRAY[c.level] ELSE '{}' END AS published_levels
         FROM curriculum_version v JOIN curriculum c ON c.id = v.curriculum_id WHERE v.id = ANY($1)`,
      ids,
    );
  }

  /**
   * An assignment: its school, and the teachers and students of all its classes. A staff
   * assignment has no classes: its "students" are the staff it is given to, the school's active
   * teachers and leaders, or with no school the Department's officials.
   */
  async assignmentFacts(ids: string[]): Promise<Map<string, ScopeFacts>> {
    return this.facts(
      `SELECT a.id, a.province_id, a.school_id, a.audience = 'staff' AS staff,
              ARRAY(SELECT t.teacher_id FROM assignment_class ac JOIN class_teacher t ON t.class_id = ac.class_id WHERE ac.assignment_id = a.id) AS teacher_ids,
              CASE WHEN a.audience = 'staff' THEN
                ARRAY(SELECT u.id FROM app_user u WHERE u.active AND u.province_id = a.province_id
                         AND CASE WHEN a.school_id IS NULL THEN u.role = 'dept_admin' ELSE u.school_id = a.school_id AND u.role IN ('teacher', 'school_admin') END)
              ELSE
                ARRAY(SELECT e.student_id FROM assignment_class ac JOIN enrollment e ON e.class_id = ac.class_id WHERE ac.assignment_id = a.id
                        AND (a.diagnostic_id IS NULL OR a.diagnostic_form = diagnostic_form_for(a.diagnostic_id, a.diagnostic_phase, e.student_id)))
              END AS student_ids
         FROM assignment a WHERE a.id = ANY($1)`,
      ids,
    );
  }

  /** An attempt: its student, and the teachers of the student's classes in the assignment. */
  async attemptFacts(ids: string[]): Promise<Map<string, ScopeFacts>> {
    return this.facts(`SELECT ${ATTEMPT_FACTS} FROM attempt t JOIN assignment a ON a.id = t.assignment_id WHERE t.id = ANY($1)`, ids);
  }

  /** A response, as its attempt. */
  async responseFacts(ids: string[]): Promise<Map<string, ScopeFacts>> {
    return this.facts(
      `SELECT r.id, ${ATTEMPT_FACTS.replace(/^t\.id, /, '')} FROM response r JOIN attempt t ON t.id = r.attempt_id
         JOIN assignment a ON a.id = t.assignment_id WHERE r.id = ANY($1)`,
      ids,
    );
  }

  /**
   * A contest: its province and school, for a class contest the class's teachers, and as its
   * students the asking user when the contest's scope takes them in (enrolled in its class, an
   * active user of its school or province).
   */
  async contestFacts(ids: string[], userId: string): Promise<Map<string, ScopeFacts>> {
    const facts = await this.contestFactsFor(ids.map((contestId) => ({ contestId, userId })));
    return new Map(ids.flatMap((id, i) => (facts[i] ? [[id, facts[i]] as const] : [])));
  }

  /** `contestFacts` for many (contest, asking user) pairs in one query, in their order; undefined for a contest that does not exist. */
  async contestFactsFor(pairs: { contestId: string; userId: string }[]): Promise<(ScopeFacts | undefined)[]> {
    if (pairs.length === 0) return [];
    const rows: (FactRow & { n: string })[] = await this.db.query(
      `SELECT x.n, c.id, c.province_id, c.school_id,
              CASE WHEN c.scope_type = 'class' THEN ARRAY(SELECT teacher_id FROM class_teacher WHERE class_id = c.scope_id) ELSE '{}' END AS teacher_ids,
              CASE WHEN CASE c.scope_type
                          WHEN 'class' THEN EXISTS (SELECT 1 FROM enrollment WHERE class_id = c.scope_id AND student_id = x.user_id)
                          WHEN 'school' THEN EXISTS (SELECT 1 FROM app_user WHERE school_id = c.scope_id AND id = x.user_id AND active)
                          ELSE EXISTS (SELECT 1 FROM app_user WHERE province_id = c.scope_id AND id = x.user_id AND active)
                        END
                   THEN ARRAY[x.user_id] ELSE '{}' END AS student_ids
         FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS x(contest_id, user_id, n) JOIN contest c ON c.id = x.contest_id`,
      [pairs.map((p) => p.contestId), pairs.map((p) => p.userId)],
    );
    const byPosition = new Map(rows.map((r) => [Number(r.n), factsOf(r)]));
    return pairs.map((_, i) => byPosition.get(i + 1));
  }

  async submissionContestFacts(ids: string[]): Promise<Map<string, ScopeFacts>> {
    return this.facts(`SELECT id, province_id, NULL::uuid AS school_id, entry_mode = 'team' AS team_entries FROM submission_contest WHERE id = ANY($1)`, ids);
  }

  /** An entry: its school, its students, the teachers of their classes, the judges assigned to it in any round, who made it. */
  async submissionEntryFacts(ids: string[]): Promise<Map<string, ScopeFacts>> {
    return this.facts(`SELECT ${SUBMISSION_ENTRY_FACTS} FROM submission_entry e WHERE e.id = ANY($1)`, ids);
  }

  /** A file: as its entry, with its uploader as owner; a file not yet in an entry is its uploader's alone. */
  async submissionFileFacts(ids: string[]): Promise<Map<string, ScopeFacts>> {
    return this.facts(
      `SELECT f.id, c.province_id, e.school_id, f.owner_id,
              COALESCE(x.student_ids, '{}') AS student_ids, COALESCE(x.teacher_ids, '{}') AS teacher_ids, COALESCE(x.judge_ids, '{}') AS judge_ids,
              x.owner_id AS entry_owner_id
         FROM submission_file f JOIN submission_contest c ON c.id = f.contest_id
         LEFT JOIN submission_entry e ON e.id = f.entry_id
         LEFT JOIN LATERAL (SELECT ${SUBMISSION_ENTRY_FACTS}) x ON e.id IS NOT NULL
        WHERE f.id = ANY($1)`,
      ids,
    );
  }

  private async facts(sql: string, ids: string[], more: unknown[] = []): Promise<Map<string, ScopeFacts>> {
    const rows: FactRow[] = ids.length === 0 ? [] : await this.db.query(sql, [ids, ...more]);
    return new Map(rows.map((r) => [r.id, factsOf(r)]));
  }
}

function factsOf(r: FactRow): ScopeFacts {
  return {
    provinceId: r.province_id,
    schoolId: r.school_id,
    teacherIds: r.teacher_ids ?? [],
    studentIds: r.student_ids ?? [],
    userId: r.role ? r.id : undefined,
    role: r.role,
    publishedLevels: r.published_levels,
    diagnosticForm: r.diagnostic_form,
    staff: r.staff || undefined,
    judgeIds: r.judge_ids,
    ownerId: r.owner_id,
    teamEntries: r.team_entries,
  };
}
