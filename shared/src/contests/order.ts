import { seededRandom } from '../platform/seeded.js';

/**
 * Each student's own order of a scheduled contest's questions and of their options, from a
 * seed (the entry's id): the same on every device and every reload, and reproducible when
 * the results are checked. Answers are stored in the contest's own indices; only what a
 * student sees and sends is in their order.
 */
export interface EntryOrder {
  /** The contest's question indices in the order this student sees them. */
  questions: number[];
  /** Per contest question: shown option position → the item's own option index. */
  options: number[][];
}

/** Fisher–Yates over 0..n-1. */
function permutation(n: number, next: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/**
 * The order for one entry. True/false options keep their order (Đúng, Sai): shuffling two
 * words helps nobody and misleads some.
 */
export function entryOrder(seed: string, questions: { kind: string; optionCount: number }[]): EntryOrder {
  const next = seededRandom(seed);
  const order = permutation(questions.length, next);
  const options = questions.map((q) => (q.kind === 'true_false' ? Array.from({ length: q.optionCount }, (_, i) => i) : permutation(q.optionCount, next)));
  return { questions: order, options };
}

/** A choice in the shown positions, as the item's own option indices. */
export const toItemChoice = (shown: readonly number[], optionOrder: readonly number[]): number[] => shown.map((i) => optionOrder[i]);

/** A stored choice (the item's own indices), as the positions this student sees. */
export function toShownChoice(stored: readonly number[], optionOrder: readonly number[]): number[] {
  const positionOf = new Map(optionOrder.map((original, position) => [original, position]));
  return stored.map((i) => positionOf.get(i)!);
}
