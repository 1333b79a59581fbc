import { type CreateDiagnosticBody, type DiagnosticPhase, GRADES_BY_LEVEL } from '@tinhtao/shared';

import type { Tx } from '../database/transaction.repository.js';
import type { LessonsRepository } from '../lessons/lessons.repository.js';
import type { DiagnosticRow, DiagnosticsRepository } from './diagnostics.repository.js';

/** The rows of a new diagnostic: its two form lessons (frozen, with their items) and the tagged items. Used by the API and the demo. */
export async function insertDiagnostic(
  tx: Tx,
  repos: { lessons: LessonsRepository; diagnostics: DiagnosticsRepository },
  provinceId: string,
  body: CreateDiagnosticBody,
  userId: string,
): Promise<string> {
  const grades = GRADES_BY_LEVEL[body.level];
  const lessonFor = async (form: 'A' | 'B') => {
    const id = await repos.lessons.insert(
      tx,
      provinceId,
      {
        title: `${body.title} — Đề ${form}`,
        kind: body.kind,
        level: body.level,
        gradeMin: grades[0],
        gradeMax: grades.at(-1)!,
        durationMinutes: 20,
        summary: 'Bài khảo sát: không tính điểm học tập, giúp nhà trường biết chương trình có hiệu quả.',
        objectives: ['Đo kỹ năng trước và sau chương trình'],
        body: [{ type: 'paragraph', text: 'Hãy đọc kỹ từng nội dung và trả lời theo suy nghĩ của em. Có nội dung thật, có nội dung sai lệch.' }],
      },
      userId,
    );
    await repos.lessons.setItems(
      tx,
      id,
      body.forms[form].map((i) => i.itemId),
    );
    return id;
  };
  const lessons = { A: await lessonFor('A'), B: await lessonFor('B') };
  await repos.diagnostics.lockContent(
    tx,
    [lessons.A, lessons.B],
    [...body.forms.A, ...body.forms.B].map((i) => i.itemId),
  );
  return repos.diagnostics.insert(tx, provinceId, body, lessons, userId);
}

/** A round for classes: the forms dealt when the pre-test opens, then per school one assignment per form. */
export async function insertRound(
  tx: Tx,
  repo: DiagnosticsRepository,
  d: DiagnosticRow,
  classes: { id: string; schoolId: string }[],
  round: { phase: DiagnosticPhase; opensAt: string; dueAt: string; createdBy: string },
): Promise<number> {
  if (round.phase === 'pre')
    await repo.dealForms(
      tx,
      d.id,
      classes.map((c) => c.id),
    );
  const bySchool = new Map<string, string[]>();
  for (const c of classes) bySchool.set(c.schoolId, [...(bySchool.get(c.schoolId) ?? []), c.id]);
  for (const [schoolId, classIds] of bySchool)
    for (const form of ['A', 'B'] as const)
      await repo.insertRound(tx, { ...round, diagnosticId: d.id, schoolId, lessonId: form === 'A' ? d.formALessonId : d.formBLessonId, form, classIds });
  return bySchool.size;
}
