import { describe, expect, it } from '@jest/globals';

import { chartRows, flaggedCount, schoolsOf } from './results';

describe('schoolsOf', () => {
  it('lists each school once, in Vietnamese order (Đ after D)', () => {
    const rows = [
      { schoolId: 's3', schoolName: 'THCS Đống Đa' },
      { schoolId: 's1', schoolName: 'THCS Ân Thi' },
      { schoolId: 's3', schoolName: 'THCS Đống Đa' },
      { schoolId: 's2', schoolName: 'THCS Dịch Vọng' },
      { schoolId: 's4', schoolName: 'THCS An Khánh' },
    ];
    expect(schoolsOf(rows).map((s) => s.name)).toEqual(['THCS An Khánh', 'THCS Ân Thi', 'THCS Dịch Vọng', 'THCS Đống Đa']);
  });
});

describe('chartRows', () => {
  const row = (rank: number | null, normalisedMean: number | null) => ({ rank, normalisedMean });

  it('keeps the best ranked first, ties together, and leaves out the unscored', () => {
    const rows = [row(3, -0.2), row(null, null), row(1, 1.1), row(2, 0.4), row(2, 0.4)];
    expect(chartRows(rows, 3)).toEqual([row(1, 1.1), row(2, 0.4), row(2, 0.4)]);
  });
});

describe('flaggedCount', () => {
  it('counts the entries whose judges disagree', () => {
    expect(flaggedCount([{ spreadFlagged: true }, { spreadFlagged: false }, { spreadFlagged: true }])).toBe(2);
  });
});
