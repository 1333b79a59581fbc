import fs from 'node:fs';
import path from 'node:path';

import { type DiagnosticTag, gradeItem, ItemDraftSchema, type ItemDto, itemScore, scoreAttempt } from '@tinhtao/shared';

import {
  findDiagnosticClasses,
  findDiagnosticSittings,
  findEnrollments,
  insertGradedResponses,
  insertStartedAttempt,
  markAttemptSubmitted,
} from '../database/seed/work.js';
import type { Tx } from '../database/transaction.repository.js';
import { DiagnosticRollups } from '../diagnostics/diagnostic-rollups.service.js';
import { insertDiagnostic, insertRound } from '../diagnostics/diagnostic-writes.js';
import { DiagnosticsRepository } from '../diagnostics/diagnostics.repository.js';
import { ItemsRepository } from '../lessons/items.repository.js';
import { LessonsRepository } from '../lessons/lessons.repository.js';
import { starterLibraryDir } from '../lessons/starter-library.js';

const DAY = 24 * 3600 * 1000;

interface DemoDiagnostic {
  title: string;
  kind: 'MEDIA_LITERACY';
  level: 'THCS';
  question: string;
  forms: Record<'A' | 'B', { text: string; genuine: boolean; measures: DiagnosticTag; feedback: string }[]>;
}

/** A small seeded generator, so the demo is the same on every machine. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The demo province's THCS media-literacy diagnostic: pre-test done by the THCS classes in
 * September, post-test done in the classes of the schools whose program ran, with students who
 * got better at telling genuine from false content where the school taught the lessons well.
 * It goes through the real roll-up path, so the results page shows what a real one would.
 */
export async function seedDemoDiagnostic(tx: Tx, provinceId: string, year: string, now: Date, authorId: string): Promise<void> {
  const demo = JSON.parse(fs.readFileSync(path.join(starterLibraryDir(), '..', 'diagnostics', 'thcs-media-literacy.json'), 'utf8')) as DemoDiagnostic;
  const items = new ItemsRepository(tx.connection);
  const repo = new DiagnosticsRepository(tx.connection);
  const forms = {
    A: [] as { itemId: string; measures: DiagnosticTag; genuine: boolean }[],
    B: [] as { itemId: string; measures: DiagnosticTag; genuine: boolean }[],
  };
  for (const form of ['A', 'B'] as const)
    for (const q of demo.forms[form]) {
      const draft = ItemDraftSchema.parse({
        kind: 'true_false',
        prompt: `${q.text}\n\n${demo.question}`,
        answer: [q.genuine ? 0 : 1],
        feedback: q.feedback,
        tags: { topics: ['khảo sát'], techniques: [q.measures], difficulty: 'medium' },
      });
      forms[form].push({ itemId: await items.insert(tx, provinceId, draft, authorId), measures: q.measures, genuine: q.genuine });
    }
  const id = await insertDiagnostic(
    tx,
    { lessons: new LessonsRepository(tx.connection), diagnostics: repo },
    provinceId,
    { title: demo.title, schoolYear: year, level: demo.level, kind: demo.kind, forms },
    authorId,
  );
  const d = (await repo.findById(id, tx))!;
  // How well each school's program went: the chance a student's judgement improves.
  const classes = await findDiagnosticClasses(tx, provinceId, year);
  const preOpens = new Date(now.getTime() - 60 * DAY);
  const postOpens = new Date(now.getTime() - 4 * DAY);
  await insertRound(tx, repo, d, classes, {
    phase: 'pre',
    opensAt: preOpens.toISOString(),
    dueAt: new Date(preOpens.getTime() + 7 * DAY).toISOString(),
    createdBy: authorId,
  });
  await insertRound(
    tx,
    repo,
    d,
    classes.filter((c) => c.post),
    { phase: 'post', opensAt: postOpens.toISOString(), dueAt: new Date(now.getTime() + 3 * DAY).toISOString(), createdBy: authorId },
  );

  const rollups = new DiagnosticRollups(repo);
  const byLesson = new Map<string, ItemDto[]>();
  const next = random(2026);
  const sittings = await findDiagnosticSittings(tx, id);
  const improvesOf = new Map<string, number>(
    (
      await findEnrollments(
        tx,
        classes.map((c) => c.id),
      )
    ).map((r) => [r.id, Number(classes.find((c) => c.id === r.classId)!.improves)]),
  );
  // Each student's ability, standard normal (Box–Muller), the same before and after.
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const abilities = new Map<string, number>();
  const abilityOf = (studentId: string) => abilities.get(studentId) ?? abilities.set(studentId, normal()).get(studentId)!;
  // Each item's difficulty on the same scale, by its place in the form (the forms are parallel): false posts fool more students.
  const difficultyOf = (position: number, genuine: boolean) => (genuine ? -0.5 : 0.3) + ((position % 4) - 1.5) * 0.2;
  for (const s of sittings) {
    // One student in eight skipped a test; hs1 has the post-test still to do, to try it by hand.
    if (next() < 0.12 || (s.username === 'hs1' && s.phase === 'post')) continue;
    const lessonItems = byLesson.get(s.lessonId) ?? (await items.findByLesson(s.lessonId, tx));
    byLesson.set(s.lessonId, lessonItems);
    const learned = s.phase === 'post' && next() < improvesOf.get(s.studentId)!;
    const ability = abilityOf(s.studentId);
    const graded = lessonItems.map((item, position) => {
      const genuine = (item.answer as number[])[0] === 0;
      // A two-parameter logistic model: abler students judge every item better (so each item
      // correlates with the rest of its form, as a working item does), and learning adds to
      // everyone's ability; those who did not learn gain a little practice.
      const shift = learned ? 1.1 : s.phase === 'post' ? 0.1 : 0;
      const right = next() < 1 / (1 + Math.exp(-2.2 * (ability + shift - difficultyOf(position, genuine))));
      const response = [right === genuine ? 0 : 1];
      const grade = gradeItem(item, response);
      return { itemId: item.id, response, score: itemScore(item.points, grade) ?? 0, maxScore: item.points, correct: grade.correct };
    });
    const total = scoreAttempt(graded.map((g) => ({ points: g.maxScore, score: g.score })));
    const submittedAt = new Date(Math.min(s.at.getTime() + 2 * DAY, now.getTime() - 3600_000));
    const attemptId = await insertStartedAttempt(tx, s.assignmentId, s.studentId, submittedAt);
    await insertGradedResponses(tx, attemptId, graded);
    await markAttemptSubmitted(tx, attemptId, submittedAt, total);
    await rollups.submitted(tx, attemptId, lessonItems, graded);
  }
}
