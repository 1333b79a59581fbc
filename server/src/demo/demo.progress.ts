import { gradeItem, type ItemDto, itemScore, scoreAttempt } from '@tinhtao/shared';
import type { EntityManager } from 'typeorm';

import { ItemsRepository } from '../lessons/items.repository.js';

const DAY = 24 * 3600 * 1000;

/** The n-th lesson of a published curriculum of the province for the year. */
async function curriculumLesson(tx: EntityManager, provinceId: string, year: string, level: string, kind: string, position: number): Promise<string> {
  const rows = await tx.query(
    `SELECT cl.lesson_id FROM curriculum c JOIN curriculum_version v ON v.curriculum_id = c.id AND v.status = 'published'
       JOIN curriculum_lesson cl ON cl.version_id = v.id
      WHERE c.province_id = $1 AND c.school_year = $2 AND c.level = $3 AND c.kind = $4 AND cl.position = $5`,
    [provinceId, year, level, kind, position],
  );
  return rows[0].lesson_id;
}

/** A plausible answer: the key, except where the student (deterministically) slips. */
function answerOf(item: ItemDto, slip: boolean): unknown {
  switch (item.kind) {
    case 'short_answer':
      return { text: slip ? 'Em không biết.' : 'Em sẽ không bấm vào đường link, hỏi lại bố mẹ hoặc thầy cô và báo cáo tin nhắn.' };
    case 'claim_check':
      return slip ? { verdict: 'true', evidence: [] } : item.answer;
    case 'red_flags':
      return slip ? { marked: item.answer.marked.slice(0, 1) } : item.answer;
    case 'ordering':
      return slip ? [...item.answer].reverse() : item.answer;
    default:
      return slip ? [item.options.findIndex((_, i) => !item.answer.includes(i))] : item.answer;
  }
}

interface Plan {
  classId: string;
  teacherId: string;
  schoolId: string;
  lessonId: string;
  opensAt: Date;
  dueAt: Date;
  /** Per student, in class order: 'submit' with a skill 0..1, 'start', or nothing. */
  work: ({ kind: 'submit'; skill: number; late?: boolean } | { kind: 'start' } | null)[];
  studentIds: string[];
}

async function assignWithWork(tx: EntityManager, items: ItemsRepository, plan: Plan, now: Date): Promise<void> {
  const [{ id }] = await tx.query(
    `INSERT INTO assignment (school_id, lesson_id, opens_at, due_at, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $3) RETURNING id`,
    [plan.schoolId, plan.lessonId, plan.opensAt, plan.dueAt, plan.teacherId],
  );
  await tx.query(`INSERT INTO assignment_class (assignment_id, class_id) VALUES ($1, $2)`, [id, plan.classId]);
  const lessonItems = await items.findByLesson(plan.lessonId, tx);
  for (const [n, work] of plan.work.entries()) {
    if (!work) continue;
    const [{ id: attemptId }] = await tx.query(
      `INSERT INTO attempt (assignment_id, student_id, status, started_at) VALUES ($1, $2, 'in_progress', $3) RETURNING id`,
      [id, plan.studentIds[n], new Date(plan.opensAt.getTime() + (n + 1) * 3600_000)],
    );
    const answered = work.kind === 'start' ? lessonItems.slice(0, 3) : lessonItems;
    const graded = answered.map((item, i) => {
      const response = answerOf(item, work.kind === 'submit' && ((n * 7 + i * 3) % 10) / 10 >= work.skill);
      const grade = gradeItem(item, response);
      return { item, response, score: itemScore(item.points, grade), correct: grade.correct };
    });
    for (const g of graded) {
      await tx.query(`INSERT INTO response (attempt_id, item_id, response, score, max_score, correct) VALUES ($1, $2, $3, $4, $5, $6)`, [
        attemptId,
        g.item.id,
        JSON.stringify(g.response),
        work.kind === 'submit' ? g.score : null,
        work.kind === 'submit' ? g.item.points : null,
        work.kind === 'submit' ? g.correct : null,
      ]);
    }
    if (work.kind !== 'submit') continue;
    const total = scoreAttempt(graded.map((g) => ({ points: g.item.points, score: g.score })));
    // Handed in a day before the due date (or a day after, when late), and never in the future.
    const wanted = work.late ? plan.dueAt.getTime() + DAY : plan.dueAt.getTime() - DAY;
    const submittedAt = new Date(Math.min(wanted, now.getTime() - 3600_000));
    await tx.query(
      `UPDATE attempt SET status = 'submitted', submitted_at = $2, late = $3, score = $4, max_score = $5, percent = $6, pending_review = $7 WHERE id = $1`,
      [attemptId, submittedAt, !!work.late, total.score, total.maxScore, total.percent, total.pendingReview],
    );
  }
}

/**
 * Some of this year's work in class 8A1 (and 10A1), so that progress, reviews and the
 * matrix have something to show: a lesson past due that most students handed in, and a
 * lesson open now that a few have started. hs1 has not started the open one.
 */
export async function seedDemoProgress(
  tx: EntityManager,
  provinceId: string,
  year: string,
  now: Date,
  classes: { classId: string; teacherId: string; schoolId: string; level: 'THCS' | 'THPT'; studentIds: string[] }[],
): Promise<void> {
  const items = new ItemsRepository(tx.connection);
  for (const cls of classes) {
    const size = cls.studentIds.length;
    await assignWithWork(
      tx,
      items,
      {
        ...cls,
        lessonId: await curriculumLesson(tx, provinceId, year, cls.level, 'SAFETY', 0),
        opensAt: new Date(now.getTime() - 20 * DAY),
        dueAt: new Date(now.getTime() - 6 * DAY),
        work: cls.studentIds.map((_, n) => (n === 0 || n >= size - 3 ? null : { kind: 'submit', skill: 0.4 + ((n * 13) % 6) / 10, late: n % 9 === 4 })),
      },
      now,
    );
    await assignWithWork(
      tx,
      items,
      {
        ...cls,
        lessonId: await curriculumLesson(tx, provinceId, year, cls.level, 'MEDIA_LITERACY', 0),
        opensAt: new Date(now.getTime() - 2 * DAY),
        dueAt: new Date(now.getTime() + 5 * DAY),
        work: cls.studentIds.map((_, n) => (n > 0 && n % 4 === 1 ? { kind: 'start' } : n > 0 && n % 4 === 2 ? { kind: 'submit', skill: 0.8 } : null)),
      },
      now,
    );
  } // The work above went in by SQL, beside the submit path: count it into the coverage roll-ups.
  await tx.query(`SELECT coverage_rebuild($1, $2)`, [provinceId, year]);
}
