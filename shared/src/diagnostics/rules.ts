import type { ItemKind } from '../lessons/items.js';
import type { DiagnosticForm, DiagnosticPhase } from './schemas.js';
import { type DiagnosticSummary, type DiagnosticSums, type FormOutcome, MIN_GROUP_SIZE, summarize } from './stats.js';

/** Counterbalancing: a student takes one form before and the other after. */
export function formForPhase(preForm: DiagnosticForm, phase: DiagnosticPhase): DiagnosticForm {
  if (phase === 'pre') return preForm;
  return preForm === 'A' ? 'B' : 'A';
}

/** One graded question of a form, as the submit has it. */
export interface GradedDiagnosticItem {
  itemId: string;
  kind: ItemKind;
  measures: string;
  genuine: boolean;
  /** The student answered it at all. */
  answered: boolean;
  correct: boolean;
  /** The student's claim_check verdict, when it is one. */
  verdict?: string | null;
  score: number;
  maxScore: number;
}

/**
 * Did the student rate this content reliable? For a true/false question the right answer to a
 * genuine item is trusting it and to a false one distrusting it, however the prompt is phrased;
 * a claim_check says so in its verdict. Other kinds do not ask about reliability: null.
 */
export function trusted(item: GradedDiagnosticItem): boolean | null {
  if (!item.answered) return null;
  if (item.kind === 'true_false') return item.genuine ? item.correct : !item.correct;
  if (item.kind === 'claim_check') return item.verdict === 'true';
  return null;
}

/** The form's percent and reliability ratings, for the statistics. */
export function formOutcome(items: readonly GradedDiagnosticItem[]): FormOutcome {
  const max = items.reduce((s, i) => s + i.maxScore, 0);
  const score = items.reduce((s, i) => s + i.score, 0);
  const outcome: FormOutcome = { percent: max > 0 ? (100 * score) / max : 0, genuineRated: 0, genuineTrusted: 0, falseRated: 0, falseTrusted: 0 };
  for (const item of items) {
    const t = trusted(item);
    if (t === null) continue;
    if (item.genuine) {
      outcome.genuineRated++;
      if (t) outcome.genuineTrusted++;
    } else {
      outcome.falseRated++;
      if (t) outcome.falseTrusted++;
    }
  }
  return outcome;
}

/** Per item: its score as a fraction (x) and the student's score on the rest of the form (y), for discrimination. */
export function itemPoints(items: readonly GradedDiagnosticItem[]): { itemId: string; x: number; y: number }[] {
  const total = items.reduce((s, i) => s + i.score, 0);
  return items.map((i) => ({ itemId: i.itemId, x: i.maxScore > 0 ? i.score / i.maxScore : 0, y: total - i.score }));
}

/** Per tag, over false or manipulative items only: the answers and the wrong ones (a blank is wrong). */
export function tagMisses(items: readonly GradedDiagnosticItem[]): Map<string, { responses: number; missed: number }> {
  const tags = new Map<string, { responses: number; missed: number }>();
  for (const item of items) {
    if (item.genuine) continue;
    const t = tags.get(item.measures) ?? { responses: 0, missed: 0 };
    t.responses++;
    if (!item.correct) t.missed++;
    tags.set(item.measures, t);
  }
  return tags;
}

/**
 * A group's figures as they may be shown above the class: nothing when fewer than
 * MIN_GROUP_SIZE students took either test, and each figure only when the students it is
 * computed over are that many.
 */
export function visibleSummary(sums: DiagnosticSums): DiagnosticSummary | null {
  if (Math.max(sums.preN, sums.postN) < MIN_GROUP_SIZE) return null;
  const s = summarize(sums);
  const enough = (n: number) => n >= MIN_GROUP_SIZE;
  return {
    ...s,
    pre: enough(sums.preN) ? s.pre : null,
    post: enough(sums.postN) ? s.post : null,
    gain: enough(sums.pairN) ? s.gain : null,
    normalizedGain: enough(sums.pairN) ? s.normalizedGain : null,
    improvedShare: enough(sums.pairN) ? s.improvedShare : null,
    discernment: enough(sums.discN) ? s.discernment : null,
    skepticism: enough(sums.skepN) ? s.skepticism : null,
  };
}
