import { describe, expect, it } from '@jest/globals';

import { displayOption, formatClock, formatSeconds, isCorrectChoice, lengthStep, OPTION_COLORS, optionColor, optionLetter, sendsOnTap } from './answers';

describe('optionLetter and optionColor', () => {
  it('letters options from A and cycles through the six colours', () => {
    expect([0, 1, 2, 25].map(optionLetter)).toEqual(['A', 'B', 'C', 'Z']);
    expect(optionColor(0)).toBe(OPTION_COLORS[0]);
    expect(optionColor(5)).toBe(OPTION_COLORS[5]);
    expect(optionColor(6)).toBe(OPTION_COLORS[0]);
    expect(optionColor(13)).toBe(OPTION_COLORS[1]);
  });
});

describe('isCorrectChoice', () => {
  it('takes a choice as the same set, in any order', () => {
    expect(isCorrectChoice('multi_choice', [2, 0], [0, 2])).toBe(true);
    expect(isCorrectChoice('single_choice', [1], [1])).toBe(true);
    expect(isCorrectChoice('multi_choice', [0, 1], [0, 2])).toBe(false);
  });

  it('sorts numerically: [10, 2] is the set {2, 10}', () => {
    expect(isCorrectChoice('multi_choice', [10, 2], [2, 10])).toBe(true);
  });

  it('takes an ordering only in the same order', () => {
    expect(isCorrectChoice('ordering', [0, 1, 2], [0, 1, 2])).toBe(true);
    expect(isCorrectChoice('ordering', [1, 0, 2], [0, 1, 2])).toBe(false);
  });

  it('refuses a choice of another length, and nothing picked against a key', () => {
    expect(isCorrectChoice('multi_choice', [0], [0, 2])).toBe(false);
    expect(isCorrectChoice('multi_choice', [0, 2, 2], [0, 2])).toBe(false);
    expect(isCorrectChoice('single_choice', [], [1])).toBe(false);
  });
});

describe('sendsOnTap', () => {
  it('sends single choice and true/false on one tap, the others with a button', () => {
    expect(['single_choice', 'true_false', 'multi_choice', 'ordering', undefined].map(sendsOnTap)).toEqual([true, true, false, false, false]);
  });
});

describe('formatSeconds and formatClock', () => {
  it('rounds a countdown up, so that "0" shows only when time is up', () => {
    expect(formatSeconds(42_000)).toBe('42');
    expect(formatSeconds(41_001)).toBe('42');
    expect(formatSeconds(1)).toBe('1');
    expect(formatSeconds(0)).toBe('0');
    expect(formatSeconds(null)).toBe('—');
  });

  it('writes minutes and padded seconds, and hours past an hour', () => {
    expect(formatClock(245_000)).toBe('4:05');
    expect(formatClock(59_001)).toBe('1:00');
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(3_725_000)).toBe('1:02:05');
    expect(formatClock(3_600_000)).toBe('1:00:00');
    expect(formatClock(null)).toBe('—');
  });
});

describe('lengthStep', () => {
  it('steps at the lengths given (strictly longer than each)', () => {
    expect(lengthStep('a'.repeat(40), 40, 80)).toBe(0);
    expect(lengthStep('a'.repeat(41), 40, 80)).toBe(1);
    expect(lengthStep('a'.repeat(81), 40, 80)).toBe(2);
  });

  it('counts a Vietnamese letter once when composed (NFC), as the API stores text', () => {
    expect(lengthStep('Nguyễn', 5, 10)).toBe(1);
    expect('Nguyễn'.length).toBe(6);
  });
});

describe('displayOption', () => {
  it("replaces true/false's fixed options with the reader's words and leaves other options", () => {
    expect(displayOption('true_false', 'Đúng', 0)).toBe('Đúng');
    expect(displayOption('true_false', 'Sai', 1)).toBe('Sai');
    expect(displayOption('single_choice', 'Báo cho thầy cô', 0)).toBe('Báo cho thầy cô');
  });
});
