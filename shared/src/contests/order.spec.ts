import { entryOrder, toItemChoice, toShownChoice } from './order.js';

const QUESTIONS = [
  { kind: 'single_choice', optionCount: 4 },
  { kind: 'true_false', optionCount: 2 },
  { kind: 'multi_choice', optionCount: 5 },
  { kind: 'ordering', optionCount: 4 },
  { kind: 'single_choice', optionCount: 3 },
  { kind: 'single_choice', optionCount: 4 },
];
const isPermutation = (order: number[], n: number) => [...order].sort((a, b) => a - b).join() === Array.from({ length: n }, (_, i) => i).join();

describe('a student’s own order of a scheduled contest', () => {
  it('is the same for the same seed, on every call', () => {
    expect(entryOrder('entry-1', QUESTIONS)).toEqual(entryOrder('entry-1', QUESTIONS));
  });

  it('orders every question and every question’s options, each once', () => {
    const order = entryOrder('2f1c3a5e-0000-4000-8000-000000000001', QUESTIONS);
    expect(isPermutation(order.questions, QUESTIONS.length)).toBe(true);
    order.options.forEach((options, q) => expect(isPermutation(options, QUESTIONS[q].optionCount)).toBe(true));
  });

  it('keeps Đúng before Sai', () => {
    for (const seed of ['a', 'b', 'c', 'd', 'e']) expect(entryOrder(seed, QUESTIONS).options[1]).toEqual([0, 1]);
  });

  it('differs between students: across 200 seeds, many question orders and every first option', () => {
    const orders = Array.from({ length: 200 }, (_, i) => entryOrder(`student-${i}`, QUESTIONS));
    expect(new Set(orders.map((o) => o.questions.join())).size).toBeGreaterThan(150);
    // Each of the first question's four options comes first for some students, none for most.
    const firsts = orders.map((o) => o.options[0][0]);
    for (const option of [0, 1, 2, 3]) {
      const share = firsts.filter((f) => f === option).length / firsts.length;
      expect({ option, fair: share > 0.15 && share < 0.35 }).toEqual({ option, fair: true });
    }
  });

  it('turns shown positions into the item’s indices and back (hand-computed)', () => {
    // Shown position 0 is the item's option 2, 1 is 0, 2 is 3, 3 is 1.
    const optionOrder = [2, 0, 3, 1];
    expect(toItemChoice([0], optionOrder)).toEqual([2]);
    expect(toItemChoice([3, 1, 0, 2], optionOrder)).toEqual([1, 0, 2, 3]);
    expect(toShownChoice([1, 0, 2, 3], optionOrder)).toEqual([3, 1, 0, 2]);
    expect(toShownChoice(toItemChoice([2, 1], optionOrder), optionOrder)).toEqual([2, 1]);
  });
});
