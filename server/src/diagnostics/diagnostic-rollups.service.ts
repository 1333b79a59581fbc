import { Global, Injectable, Module } from '@nestjs/common';
import {
  formForPhase,
  formOutcome,
  type GradedDiagnosticItem,
  type GradedResponse,
  type ItemDto,
  itemPoints,
  studentContribution,
  subtractSums,
  tagMisses,
} from '@tinhtao/shared';

import type { Tx } from '../database/transaction.repository.js';
import { DiagnosticsRepository } from './diagnostics.repository.js';

/**
 * Keeps the diagnostics' roll-ups current from the submit's transaction: the student's form
 * outcome, the class's additive sums (old contribution out, new in), and the school's item and
 * technique tallies.
 */
@Injectable()
export class DiagnosticRollups {
  /** What each item measures, per diagnostic: frozen when the diagnostic is made, so read once. */
  private readonly meta = new Map<string, Map<string, { measures: string; genuine: boolean }>>();

  constructor(private readonly repo: DiagnosticsRepository) {}

  async submitted(tx: Tx, attemptId: string, items: ItemDto[], graded: GradedResponse[]): Promise<void> {
    const ctx = await this.repo.attemptContext(tx, attemptId);
    if (!ctx) return;
    let meta = this.meta.get(ctx.diagnosticId);
    if (!meta) this.meta.set(ctx.diagnosticId, (meta = await this.repo.itemMeta(ctx.diagnosticId, tx)));
    const byId = new Map(graded.map((g) => [g.itemId, g]));
    const answers: GradedDiagnosticItem[] = items.flatMap((item) => {
      const m = meta.get(item.id);
      const g = byId.get(item.id);
      if (!m || !g) return [];
      const response = g.response as { verdict?: string } | null;
      return [
        {
          itemId: item.id,
          kind: item.kind,
          measures: m.measures,
          genuine: m.genuine,
          answered: response !== null && response !== undefined,
          correct: g.correct === true,
          verdict: response?.verdict ?? null,
          score: g.score ?? 0,
          maxScore: g.maxScore,
        },
      ];
    });
    const outcome = formOutcome(answers);
    const preForm = ctx.phase === 'pre' ? ctx.form : formForPhase(ctx.form, 'post');
    const student = await this.repo.lockStudent(tx, ctx.diagnosticId, ctx.studentId, preForm, ctx.classId);
    const before = studentContribution(student.pre, student.post);
    const after = studentContribution(ctx.phase === 'pre' ? outcome : student.pre, ctx.phase === 'post' ? outcome : student.post);
    const classId = student.classId ?? ctx.classId;
    await this.repo.saveOutcome(tx, ctx.diagnosticId, ctx.studentId, ctx.phase, outcome, classId);
    await this.repo.addClassSums(tx, ctx.diagnosticId, classId, ctx.schoolId, subtractSums(after, before));
    await this.repo.addItemSums(tx, ctx.diagnosticId, ctx.schoolId, ctx.phase, itemPoints(answers));
    await this.repo.addTagTallies(tx, ctx.diagnosticId, ctx.schoolId, ctx.phase, tagMisses(answers));
  }
}

/** Global: the assignments' submit moves these roll-ups, and the lessons check a form's reader. */
@Global()
@Module({ providers: [DiagnosticsRepository, DiagnosticRollups], exports: [DiagnosticsRepository, DiagnosticRollups] })
export class DiagnosticRollupsModule {}
