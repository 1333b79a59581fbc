import { gradeItem, itemScore, schoolYearBounds, scoreAttempt } from '@tinhtao/shared';

import { findStaffProgram, findUserIds, insertStaffAssignment } from '../database/seed/training.js';
import { insertResponse, insertStartedAttempt, markAttemptSubmitted } from '../database/seed/work.js';
import type { Tx } from '../database/transaction.repository.js';
import { ItemsRepository } from '../lessons/items.repository.js';
import { answerOf } from './demo.progress.js';

const DAY = 24 * 3600 * 1000;

/**
 * The staff program at work: the first lesson given to every school and the Department a
 * month ago and past due, the second open now. THCS Đông Kinh's leader and gv1 did both the
 * first and gv1 the second too; gv2 slipped on the first; so-admin did the first.
 */
export async function seedDemoTraining(tx: Tx, provinceId: string, year: string, now: Date, soAdmin: string): Promise<void> {
  const [first, second] = await findStaffProgram(tx, provinceId, year);
  const items = new ItemsRepository(tx.connection);
  const people = await findUserIds(tx, ['so-admin', 'thcs1-admin', 'gv1', 'gv2']);
  // Never before the school year began, so that its figures count this year's work on any date.
  const daysAgo = (days: number) => new Date(Math.max(now.getTime() - days * DAY, schoolYearBounds(year).from.getTime() + 3600_000));
  const lessons = [
    { lessonId: first, opensAt: daysAgo(40), dueAt: new Date(daysAgo(40).getTime() + 30 * DAY), done: ['so-admin', 'thcs1-admin', 'gv1', 'gv2'] },
    { lessonId: second, opensAt: daysAgo(15), dueAt: new Date(now.getTime() + 15 * DAY), done: ['gv1'] },
  ];
  for (const lesson of lessons) {
    const rows = await insertStaffAssignment(tx, { provinceId, ...lesson, createdBy: soAdmin });
    const lessonItems = await items.findByLesson(lesson.lessonId, tx);
    for (const [n, username] of lesson.done.entries()) {
      const person = people.get(username)!;
      const attemptId = await insertStartedAttempt(tx, rows.get(person.schoolId)!, person.id, new Date(lesson.opensAt.getTime() + (n + 1) * DAY));
      const graded = lessonItems.map((item, i) => {
        // gv2 slips on most items: handed in, not passed.
        const response = answerOf(item, username === 'gv2' && i % 4 !== 0);
        const grade = gradeItem(item, response);
        return { item, response, score: itemScore(item.points, grade), correct: grade.correct };
      });
      for (const g of graded)
        await insertResponse(tx, attemptId, { itemId: g.item.id, response: g.response, score: g.score, maxScore: g.item.points, correct: g.correct });
      const total = scoreAttempt(graded.map((g) => ({ points: g.item.points, score: g.score })));
      await markAttemptSubmitted(tx, attemptId, new Date(Math.min(lesson.opensAt.getTime() + (n + 2) * DAY, now.getTime() - 3600_000)), total);
    }
  }
}
