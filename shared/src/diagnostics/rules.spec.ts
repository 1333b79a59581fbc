import { formForPhase, formOutcome, type GradedDiagnosticItem, itemPoints, tagMisses, trusted, visibleSummary } from './rules.js';
import { addSums, emptySums, type FormOutcome, studentContribution } from './stats.js';

const tf = (over: Partial<GradedDiagnosticItem>): GradedDiagnosticItem => ({
  itemId: 'i',
  kind: 'true_false',
  measures: 'impersonation',
  genuine: false,
  answered: true,
  correct: true,
  score: 1,
  maxScore: 1,
  ...over,
});

describe('the diagnostic rules', () => {
  it('gives a student the other form after', () => {
    expect(formForPhase('A', 'pre')).toBe('A');
    expect(formForPhase('A', 'post')).toBe('B');
    expect(formForPhase('B', 'post')).toBe('A');
  });

  it('reads trust from a true/false key however the prompt is phrased, and from a claim_check verdict', () => {
    // Right about genuine content = trusted it; right about false content = distrusted it.
    expect(trusted(tf({ genuine: true, correct: true }))).toBe(true);
    expect(trusted(tf({ genuine: true, correct: false }))).toBe(false);
    expect(trusted(tf({ genuine: false, correct: true }))).toBe(false);
    expect(trusted(tf({ genuine: false, correct: false }))).toBe(true);
    expect(trusted(tf({ kind: 'claim_check', verdict: 'true', correct: false }))).toBe(true);
    expect(trusted(tf({ kind: 'claim_check', verdict: 'misleading' }))).toBe(false);
    // A blank is no rating; a multiple-choice skill question asks no reliability.
    expect(trusted(tf({ answered: false }))).toBeNull();
    expect(trusted(tf({ kind: 'single_choice' }))).toBeNull();
  });

  it('scores a form and counts its ratings: 2 genuine trusted of 2, 1 false trusted of 2, one skill question, one blank', () => {
    const items = [
      tf({ itemId: 'g1', genuine: true, correct: true, score: 1 }),
      tf({ itemId: 'g2', genuine: true, correct: true, score: 1 }),
      tf({ itemId: 'f1', genuine: false, correct: false, score: 0 }),
      tf({ itemId: 'f2', genuine: false, correct: true, score: 1 }),
      tf({ itemId: 's1', kind: 'single_choice', correct: false, score: 0, maxScore: 2 }),
      tf({ itemId: 'f3', genuine: false, answered: false, correct: false, score: 0 }),
    ];
    // Points 3 of 7 = 42.857…%; rated: genuine 2 (2 trusted), false 2 (1 trusted; f3 is blank).
    expect(formOutcome(items)).toEqual({ percent: (100 * 3) / 7, genuineRated: 2, genuineTrusted: 2, falseRated: 2, falseTrusted: 1 });
    // Rest of the form: total 3 minus the item's own score.
    expect(itemPoints(items).map((p) => [p.itemId, p.x, p.y])).toEqual([
      ['g1', 1, 2],
      ['g2', 1, 2],
      ['f1', 0, 3],
      ['f2', 1, 2],
      ['s1', 0, 3],
      ['f3', 0, 3],
    ]);
  });

  it('tallies techniques over false items only, a blank counting as missed', () => {
    const tallies = tagMisses([
      tf({ measures: 'impersonation', genuine: true, correct: false }),
      tf({ measures: 'impersonation', correct: false }),
      tf({ measures: 'impersonation', correct: true }),
      tf({ measures: 'fake_experts', answered: false, correct: false }),
    ]);
    expect(Object.fromEntries(tallies)).toEqual({ impersonation: { responses: 2, missed: 1 }, fake_experts: { responses: 1, missed: 1 } });
  });

  it('shows nothing of a group under ten students, and each figure only over ten of its own', () => {
    const outcome = (percent: number): FormOutcome => ({ percent, genuineRated: 2, genuineTrusted: 1, falseRated: 2, falseTrusted: 1 });
    const nine = Array.from({ length: 9 }, () => studentContribution(outcome(40), outcome(60))).reduce(addSums, emptySums());
    expect(visibleSummary(nine)).toBeNull();
    // Twelve took the pre-test, nine of them the post-test too: the pre mean shows, the gain does not.
    const twelve = addSums(nine, [1, 2, 3].map(() => studentContribution(outcome(50), null)).reduce(addSums, emptySums()));
    const shown = visibleSummary(twelve)!;
    expect(shown.pre!.mean).toBeCloseTo((9 * 40 + 3 * 50) / 12, 10);
    expect(shown.post).toBeNull();
    expect(shown.gain).toBeNull();
    expect(shown.discernment).toBeNull();
    expect(shown.preCount).toBe(12);
  });
});
