import { Global, Injectable, Module } from '@nestjs/common';
import { lessonCompleted } from '@tinhtao/shared';
import type { EntityManager } from 'typeorm';

interface SubmitContext {
  lineageId: string;
  kind: string;
  level: string;
  classId: string;
  schoolId: string;
  schoolYear: string;
  passMark: number;
  submittedAt: Date;
  required: boolean;
  lessonPassedElsewhere: boolean;
  kindPassedElsewhere: boolean;
}

/** The one place a student's attempt meets the coverage counters (see the roll-up migration). */
const CONTEXT = `
  SELECT l.lineage_id AS "lineageId", l.kind, class_level(c.grade) AS level, c.id AS "classId", c.school_id AS "schoolId",
         c.school_year AS "schoolYear", COALESCE(y.pass_mark, 50)::float AS "passMark", t.submitted_at AS "submittedAt",
         EXISTS (SELECT 1 FROM coverage_required(s.province_id, c.school_year) r
                  WHERE r.lineage_id = l.lineage_id AND r.kind = l.kind AND r.level = class_level(c.grade)) AS required,
         EXISTS (SELECT 1 FROM attempt o
                   JOIN assignment_class oc ON oc.assignment_id = o.assignment_id AND oc.class_id = c.id
                   JOIN assignment oa ON oa.id = o.assignment_id JOIN lesson ol ON ol.id = oa.lesson_id
                  WHERE o.student_id = t.student_id AND o.id <> t.id AND o.status = 'submitted'
                    AND o.percent >= COALESCE(y.pass_mark, 50) AND ol.lineage_id = l.lineage_id) AS "lessonPassedElsewhere",
         EXISTS (SELECT 1 FROM attempt o
                   JOIN assignment_class oc ON oc.assignment_id = o.assignment_id AND oc.class_id = c.id
                   JOIN assignment oa ON oa.id = o.assignment_id JOIN lesson ol ON ol.id = oa.lesson_id
                  WHERE o.student_id = t.student_id AND o.id <> t.id AND o.status = 'submitted'
                    AND o.percent >= COALESCE(y.pass_mark, 50) AND ol.kind = l.kind) AS "kindPassedElsewhere"
    FROM attempt t
    JOIN assignment a ON a.id = t.assignment_id
    JOIN lesson l ON l.id = a.lesson_id
    JOIN assignment_class ac ON ac.assignment_id = a.id
    JOIN enrollment e ON e.class_id = ac.class_id AND e.student_id = t.student_id
    JOIN school_class c ON c.id = e.class_id
    JOIN school s ON s.id = c.school_id
    LEFT JOIN province_year y ON y.province_id = s.province_id AND y.school_year = c.school_year
   WHERE t.id = $1
   LIMIT 1`;

/** One statement for every counter an attempt moves; the lesson counter only when it moved. */
const APPLY = `
  WITH lesson AS (
    INSERT INTO coverage_class_lesson (class_id, lineage_id, month, passed)
    SELECT $1, $2, coverage_month($5), $6 WHERE $6 <> 0
    ON CONFLICT (class_id, lineage_id, month) DO UPDATE SET passed = coverage_class_lesson.passed + EXCLUDED.passed
  ), class_kind AS (
    INSERT INTO coverage_class_kind (class_id, kind, pairs, reached, submitted, last_at) VALUES ($1, $3, $7, $8, $9, $10)
    ON CONFLICT (class_id, kind) DO UPDATE SET
      pairs = coverage_class_kind.pairs + EXCLUDED.pairs,
      reached = coverage_class_kind.reached + EXCLUDED.reached,
      submitted = coverage_class_kind.submitted + EXCLUDED.submitted,
      last_at = GREATEST(coverage_class_kind.last_at, EXCLUDED.last_at)
  )
  INSERT INTO coverage_school_month (school_id, school_year, level, kind, month, pairs, reached, submitted)
  VALUES ($4, $11, $12, $3, coverage_month($5), $7, $8, $9)
  ON CONFLICT (school_id, school_year, level, kind, month) DO UPDATE SET
    pairs = coverage_school_month.pairs + EXCLUDED.pairs,
    reached = coverage_school_month.reached + EXCLUDED.reached,
    submitted = coverage_school_month.submitted + EXCLUDED.submitted`;

/**
 * Keeps the coverage roll-ups current inside the write paths' own transactions: a submit,
 * a review that moves a score across the pass mark, an assignment, a publish, a new pass mark.
 * Whether an attempt completes its lesson is the shared rule (`lessonCompleted`); the
 * counters move only when a student's completion of a lesson, or of any lesson of a program,
 * changes, so an attempt after a pass, or a second pass, counts once.
 */
@Injectable()
export class CoverageRollups {
  /** A submit: the attempt is already marked submitted with its percent in `tx`. */
  async submitted(tx: EntityManager, attemptId: string, percent: number): Promise<void> {
    await this.moved(tx, attemptId, null, percent, 1);
  }

  /** A review changed a submitted attempt's percent. */
  async rescored(tx: EntityManager, attemptId: string, before: number, after: number): Promise<void> {
    await this.moved(tx, attemptId, before, after, 0);
  }

  /** A lesson was given to classes: counts the lessons each class has been given, once per lineage. */
  async assigned(tx: EntityManager, lessonId: string, classIds: string[]): Promise<void> {
    await tx.query(
      `WITH given AS (
         INSERT INTO class_lesson_assigned (class_id, lineage_id)
         SELECT unnest($2::uuid[]), (SELECT lineage_id FROM lesson WHERE id = $1)
         ON CONFLICT DO NOTHING RETURNING class_id, lineage_id
       )
       INSERT INTO coverage_class_kind (class_id, kind, assigned_required)
       SELECT g.class_id, l.kind, 1
         FROM given g JOIN lesson l ON l.id = $1
         JOIN school_class c ON c.id = g.class_id JOIN school s ON s.id = c.school_id
        WHERE EXISTS (SELECT 1 FROM coverage_required(s.province_id, c.school_year) r
                       WHERE r.lineage_id = g.lineage_id AND r.kind = l.kind AND r.level = class_level(c.grade))
       ON CONFLICT (class_id, kind) DO UPDATE SET assigned_required = coverage_class_kind.assigned_required + 1`,
      [lessonId, classIds],
    );
  }

  /** A curriculum was published: which lessons are required changed. */
  async published(tx: EntityManager, provinceId: string, schoolYear: string): Promise<void> {
    await tx.query(`SELECT coverage_recount_required($1, $2)`, [provinceId, schoolYear]);
  }

  /** Everything for a province's year, from the attempts: after a change of the pass mark. */
  async rebuild(tx: EntityManager, provinceId: string, schoolYear: string): Promise<void> {
    await tx.query(`SELECT coverage_rebuild($1, $2)`, [provinceId, schoolYear]);
  }

  /** One school's year, from its attempts: after a student left one of its classes. */
  async rebuildSchool(tx: EntityManager, schoolId: string, schoolYear: string): Promise<void> {
    await tx.query(`SELECT coverage_rebuild(province_id, $2, id) FROM school WHERE id = $1`, [schoolId, schoolYear]);
  }

  private async moved(tx: EntityManager, attemptId: string, before: number | null, after: number, submitted: number): Promise<void> {
    // Two attempts of one student may end together; their counters must see each other.
    await tx.query(`SELECT pg_advisory_xact_lock(7101, hashtext(student_id::text)) FROM attempt WHERE id = $1`, [attemptId]);
    const [ctx] = (await tx.query(CONTEXT, [attemptId])) as SubmitContext[];
    if (!ctx) return; // not enrolled in any class the assignment went to: nothing to count against
    const wasDone = lessonCompleted(before, ctx.passMark);
    const isDone = lessonCompleted(after, ctx.passMark);
    const lesson = Number(ctx.lessonPassedElsewhere || isDone) - Number(ctx.lessonPassedElsewhere || wasDone);
    const reached = Number(ctx.kindPassedElsewhere || isDone) - Number(ctx.kindPassedElsewhere || wasDone);
    const pairs = ctx.required ? lesson : 0;
    if (submitted === 0 && lesson === 0 && reached === 0) return;
    await tx.query(APPLY, [
      ctx.classId,
      ctx.lineageId,
      ctx.kind,
      ctx.schoolId,
      ctx.submittedAt,
      lesson,
      pairs,
      reached,
      submitted,
      submitted ? ctx.submittedAt : null,
      ctx.schoolYear,
      ctx.level,
    ]);
  }
}

/** Global: the write paths of several modules move the counters. */
@Global()
@Module({ providers: [CoverageRollups], exports: [CoverageRollups] })
export class RollupsModule {}
