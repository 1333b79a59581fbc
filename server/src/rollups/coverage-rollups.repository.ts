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

/**
 * The attempt's class, lesson lineage, pass mark, whether the lesson is required, and whether
 * the student completed it (or any lesson of its program) by another attempt; it also takes the
 * student's lock. A function of the roll-up migration, so its plan is made once per connection
 * (planning the query alone cost 10 ms; running it, under one).
 */
const CONTEXT = `
  SELECT lineage_id AS "lineageId", kind, level, class_id AS "classId", school_id AS "schoolId", school_year AS "schoolYear",
         pass_mark::float AS "passMark", submitted_at AS "submittedAt", required,
         lesson_passed_elsewhere AS "lessonPassedElsewhere", kind_passed_elsewhere AS "kindPassedElsewhere"
    FROM coverage_context($1)`;

/** Every counter an attempt moves, in one call (the lesson counter only when it moved). */
const APPLY = `SELECT coverage_apply($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`;

/**
 * Keeps the coverage roll-ups current inside the write paths' own transactions: a submit,
 * a review that moves a score across the pass mark, an assignment, a publish, a new pass mark.
 * Whether an attempt completes its lesson is the shared rule (`lessonCompleted`); the
 * counters move only when a student's completion of a lesson, or of any lesson of a program,
 * changes, so an attempt after a pass, or a second pass, counts once.
 */
@Injectable()
export class CoverageRollupsRepository {
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
    const [ctx] = await tx.query<SubmitContext[]>(CONTEXT, [attemptId]);
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
@Module({ providers: [CoverageRollupsRepository], exports: [CoverageRollupsRepository] })
export class RollupsModule {}
