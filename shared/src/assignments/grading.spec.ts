import { type ItemDraftInput, ItemDraftSchema } from '../lessons/items.js';
import { f1, gradeItem, scoreAttempt } from './grading.js';

const base = { prompt: 'Q', feedback: 'F' };
const item = (input: ItemDraftInput) => ItemDraftSchema.parse(input);

describe('gradeItem', () => {
  it('scores a single_choice and a true_false all or nothing', () => {
    const single = item({ kind: 'single_choice', ...base, options: ['a', 'b', 'c'], answer: [2] });
    expect(gradeItem(single, [2])).toEqual({ fraction: 1, correct: true });
    expect(gradeItem(single, [1])).toEqual({ fraction: 0, correct: false });
    expect(gradeItem(single, [])).toEqual({ fraction: 0, correct: false });
    expect(gradeItem(item({ kind: 'true_false', ...base, answer: [1] }), [1])).toEqual({ fraction: 1, correct: true });
  });

  it('gives a multi_choice a share per right pick and takes one back per wrong pick', () => {
    const multi = item({ kind: 'multi_choice', ...base, options: ['a', 'b', 'c', 'd'], answer: [0, 2] });
    expect(gradeItem(multi, [0, 2])).toEqual({ fraction: 1, correct: true });
    expect(gradeItem(multi, [0])).toEqual({ fraction: 0.5, correct: false });
    expect(gradeItem(multi, [0, 1])).toEqual({ fraction: 0, correct: false });
    expect(gradeItem(multi, [0, 1, 2, 3])).toEqual({ fraction: 0, correct: false });
    expect(gradeItem(multi, [0, 2, 3])).toEqual({ fraction: 0.5, correct: false });
  });

  it('scores an ordering by the statements in their right position', () => {
    const ordering = item({ kind: 'ordering', ...base, options: ['a', 'b', 'c', 'd'], answer: [3, 1, 0, 2] });
    expect(gradeItem(ordering, [3, 1, 0, 2])).toEqual({ fraction: 1, correct: true });
    expect(gradeItem(ordering, [3, 1, 2, 0])).toEqual({ fraction: 0.5, correct: false });
    expect(gradeItem(ordering, [0, 1, 2, 3])).toEqual({ fraction: 0.25, correct: false });
  });

  const claim = item({
    kind: 'claim_check',
    ...base,
    claim: { format: 'post', source: 'S', text: 'T' },
    options: ['e0', 'e1', 'e2', 'e3'],
    answer: { verdict: 'misleading', evidence: [1, 3] },
  });
  it('gives a claim_check half for the verdict and half for the evidence by precision and recall', () => {
    expect(gradeItem(claim, { verdict: 'misleading', evidence: [1, 3] })).toEqual({ fraction: 1, correct: true });
    // Right verdict, one of two pieces of evidence: precision 1, recall 1/2, F1 2/3.
    expect(gradeItem(claim, { verdict: 'misleading', evidence: [1] })).toEqual({ fraction: 0.8333, correct: false });
    expect(gradeItem(claim, { verdict: 'false', evidence: [1, 3] })).toEqual({ fraction: 0.5, correct: false });
    expect(gradeItem(claim, { verdict: 'false', evidence: [0] })).toEqual({ fraction: 0, correct: false });
    expect(gradeItem(claim, { verdict: null, evidence: [] })).toEqual({ fraction: 0, correct: false });
  });

  it('scores red_flags by precision and recall of the marked segments', () => {
    const flags = item({
      kind: 'red_flags',
      ...base,
      message: { channel: 'sms', sender: 'X' },
      options: ['s0', 's1', 's2', 's3', 's4'],
      answer: { marked: [0, 2, 4] },
    });
    expect(gradeItem(flags, { marked: [0, 2, 4] })).toEqual({ fraction: 1, correct: true });
    // Two right of three flagged, two marked: precision 1, recall 2/3, F1 0.8.
    expect(gradeItem(flags, { marked: [0, 2] })).toEqual({ fraction: 0.8, correct: false });
    // Marking everything: precision 3/5, recall 1, F1 0.75 — never full marks.
    expect(gradeItem(flags, { marked: [0, 1, 2, 3, 4] })).toEqual({ fraction: 0.75, correct: false });
    expect(gradeItem(flags, { marked: [] })).toEqual({ fraction: 0, correct: false });
  });

  it('leaves a short_answer to the teacher', () => {
    expect(gradeItem(item({ kind: 'short_answer', ...base, answer: { text: 'model' } }), { text: 'em sẽ gọi lại' })).toEqual({ fraction: null, correct: null });
  });

  it('scores a response of the wrong shape as wrong, never as an error', () => {
    expect(gradeItem(claim, [1, 2])).toEqual({ fraction: 0, correct: false });
    expect(gradeItem(claim, undefined)).toEqual({ fraction: 0, correct: false });
  });
});

describe('f1', () => {
  it('is 0 with no hits and 1 for the exact set', () => {
    expect(f1([], [1])).toBe(0);
    expect(f1([2], [1])).toBe(0);
    expect(f1([1, 2], [2, 1])).toBe(1);
  });
});

describe('scoreAttempt', () => {
  it('adds points, counts pending reviews as 0 and gives the percent to a tenth', () => {
    expect(
      scoreAttempt([
        { points: 1, score: 1 },
        { points: 2, score: 1.67 },
        { points: 2, score: null },
      ]),
    ).toEqual({ score: 2.67, maxScore: 5, percent: 53.4, pendingReview: 1 });
    expect(scoreAttempt([])).toEqual({ score: 0, maxScore: 0, percent: 0, pendingReview: 0 });
  });
});
