import { z } from 'zod';

import { text } from '../common.js';
import { type ItemDraft, type ItemKind, VerdictSchema } from '../lessons/items.js';

const Indices = z.array(z.number().int().min(0).max(49)).max(50);

/** A student's response, one shape per item kind (DESIGN §4). */
export const RESPONSE_SCHEMAS = {
  single_choice: Indices.max(1),
  true_false: Indices.max(1),
  multi_choice: Indices,
  ordering: Indices,
  claim_check: z.object({ verdict: VerdictSchema.nullable().default(null), evidence: Indices.default([]) }),
  red_flags: z.object({ marked: Indices.default([]) }),
  short_answer: z.object({ text: text().max(4000) }),
} satisfies Record<ItemKind, z.ZodType>;

export type ItemResponse = z.infer<(typeof RESPONSE_SCHEMAS)[ItemKind]>;

export interface ItemGrade {
  /** 0..1 of the item's points; null while a teacher has not reviewed it. */
  fraction: number | null;
  /** Fully right; null while pending review. */
  correct: boolean | null;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const set = (xs: readonly number[]) => new Set(xs);

/** The harmonic mean of precision and recall of the picked indices against the key; 0 if nothing is picked. */
export function f1(picked: readonly number[], key: readonly number[]): number {
  const p = set(picked);
  const hits = key.filter((k) => p.has(k)).length;
  if (hits === 0) return 0;
  const precision = hits / p.size;
  const recall = hits / key.length;
  return (2 * precision * recall) / (precision + recall);
}

const sameSet = (a: readonly number[], b: readonly number[]) => a.length === b.length && set(a).size === a.length && b.every((x) => a.includes(x));

/**
 * Grades one response against an item's key. Pure: the server is the only caller, so the
 * key never reaches a browser. A missing response scores 0.
 */
export function gradeItem(item: ItemDraft, response: unknown): ItemGrade {
  if (item.kind === 'short_answer') return { fraction: null, correct: null };
  const parsed = RESPONSE_SCHEMAS[item.kind].safeParse(response ?? undefined);
  if (!parsed.success || response === undefined || response === null) return { fraction: 0, correct: false };
  switch (item.kind) {
    case 'single_choice':
    case 'true_false': {
      const r = parsed.data as number[];
      const right = r.length === 1 && r[0] === item.answer[0];
      return { fraction: right ? 1 : 0, correct: right };
    }
    case 'multi_choice': {
      // Each right pick earns a share, each wrong pick takes one back; never below zero.
      const r = [...set(parsed.data as number[])];
      const hits = r.filter((x) => item.answer.includes(x)).length;
      const wrong = r.length - hits;
      return { fraction: round(Math.max(0, (hits - wrong) / item.answer.length), 4), correct: sameSet(r, item.answer) };
    }
    case 'ordering': {
      const r = parsed.data as number[];
      const inPlace = item.answer.filter((x, i) => r[i] === x).length;
      return { fraction: round(inPlace / item.answer.length, 4), correct: inPlace === item.answer.length && r.length === item.answer.length };
    }
    case 'claim_check': {
      // Half for the verdict, half for the evidence (precision and recall of the picks).
      const r = parsed.data as { verdict: string | null; evidence: number[] };
      const verdict = r.verdict === item.answer.verdict ? 0.5 : 0;
      const evidence = 0.5 * f1(r.evidence, item.answer.evidence);
      return { fraction: round(verdict + evidence, 4), correct: verdict > 0 && sameSet([...set(r.evidence)], item.answer.evidence) };
    }
    case 'red_flags': {
      const r = parsed.data as { marked: number[] };
      return { fraction: round(f1(r.marked, item.answer.marked), 4), correct: sameSet([...set(r.marked)], item.answer.marked) };
    }
  }
}

/** One graded answer of a submitted attempt, as the roll-ups and the attempt store read it. */
export interface GradedResponse {
  itemId: string;
  response: unknown;
  score: number | null;
  maxScore: number;
  correct: boolean | null;
}

export interface AttemptScore {
  score: number;
  maxScore: number;
  percent: number;
  /** Short answers still waiting for a teacher; they count 0 until reviewed. */
  pendingReview: number;
}

/** Adds item scores up: points × fraction per item, rounded to hundredths; percent to tenths. */
export function scoreAttempt(items: { points: number; score: number | null }[]): AttemptScore {
  const maxScore = items.reduce((s, i) => s + i.points, 0);
  const score = round(
    items.reduce((s, i) => s + (i.score ?? 0), 0),
    2,
  );
  return { score, maxScore, percent: maxScore === 0 ? 0 : round((100 * score) / maxScore, 1), pendingReview: items.filter((i) => i.score === null).length };
}

export const itemScore = (points: number, grade: ItemGrade) => (grade.fraction === null ? null : round(points * grade.fraction, 2));
