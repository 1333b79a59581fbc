import { gradeItem, type ItemDto, itemScore, scoreAttempt } from '@tinhtao/shared';

import {
  findCurriculumLesson,
  insertClassAssignment,
  insertResponse,
  insertStartedAttempt,
  markAttemptSubmitted,
  rebuildCoverage,
} from '../database/seed/work.js';
import type { Tx } from '../database/transaction.repository.js';
import { ItemsRepository } from '../lessons/items.repository.js';

const DAY = 24 * 3600 * 1000;

/** A plausible answer: the key, except where the student (deterministically) slips. */
export function answerOf(item: ItemDto, slip: boolean): unknown {
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

async function assignWithWork(tx: Tx, items: ItemsRepository, plan: Plan, now: Date): Promise<void> {
  const id = await insertClassAssignment(tx, plan);
  const lessonItems = await items.findByLesson(plan.lessonId, tx);
  for (const [n, work] of plan.work.entries()) {
    if (!work) continue;
    const attemptId = await insertStartedAttempt(tx, id, plan.studentIds[n], new Date(plan.opensAt.getTime() + (n + 1) * 3600_000));
    const answered = work.kind === 'start' ? lessonItems.slice(0, 3) : lessonItems;
    const graded = answered.map((item, i) => {
      const response = answerOf(item, work.kind === 'submit' && ((n * 7 + i * 3) % 10) / 10 >= work.skill);
      const grade = gradeItem(item, response);
      return { item, response, score: itemScore(item.points, grade), correct: grade.correct };
    });
    for (const g of graded) {
      await insertResponse(tx, attemptId, {
        itemId: g.item.id,
        response: g.response,
        score: work.kind === 'submit' ? g.score : null,
        maxScore: work.kind === 'submit' ? g.item.points : null,
        correct: work.kind === 'submit' ? g.correct : null,
      });
    }
    if (work.kind !== 'submit') continue;
    const total = scoreAttempt(graded.map((g) => ({ points: g.item.points, score: g.score })));
    // Handed in a day before the due date (or a day after, when late), and never in the future.
    const wanted = work.late ? plan.dueAt.getTime() + DAY : plan.dueAt.getTime() - DAY;
    const submittedAt = new Date(Math.min(wanted, now.getTime() - 3600_000));
    await markAttemptSubmitted(tx, attemptId, submittedAt, total, !!work.late);
  }
}

/**
 * Some of this year's work in class 8A1 (and 10A1), so that progress, reviews and the
 * matrix have something to show: a lesson past due that most students handed in, and a
 * lesson open now that a few have started. hs1 has not started the open one.
 */
export async function seedDemoProgress(
  tx: Tx,
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
        lessonId: await findCurriculumLesson(tx, provinceId, year, cls.level, 'SAFETY', 0),
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
        lessonId: await findCurriculumLesson(tx, provinceId, year, cls.level, 'MEDIA_LITERACY', 0),
        opensAt: new Date(now.getTime() - 2 * DAY),
        dueAt: new Date(now.getTime() + 5 * DAY),
        work: cls.studentIds.map((_, n) => (n > 0 && n % 4 === 1 ? { kind: 'start' } : n > 0 && n % 4 === 2 ? { kind: 'submit', skill: 0.8 } : null)),
      },
      now,
    );
  } // The work above went in by SQL, beside the submit path: count it into the coverage roll-ups.
  await rebuildCoverage(tx, provinceId, year);
}
