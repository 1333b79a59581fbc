import { trainingTotals, trainingUnit } from './rules.js';

describe('the staff program rule', () => {
  it('counts a unit by completed pairs over staff × required lessons', () => {
    // 4 staff, 3 required lessons: 12 pairs expected, 10 done → 83.3% ≥ 80.
    const unit = trainingUnit({ staff: 4, completedPairs: 10, reached: 4 }, 3, 80);
    expect(unit.coverage).toEqual({ done: 10, of: 12, percent: 83.3 });
    expect(unit.hasProgram).toBe(true);
    expect(unit.reached).toEqual({ done: 4, of: 4, percent: 100 });
  });

  it('falls short of the threshold by one pair', () => {
    // 5 staff × 2 lessons = 10 pairs; 7 done = 70% < 75.
    expect(trainingUnit({ staff: 5, completedPairs: 7, reached: 4 }, 2, 75).hasProgram).toBe(false);
    expect(trainingUnit({ staff: 5, completedPairs: 8, reached: 4 }, 2, 75).hasProgram).toBe(true);
  });

  it('has no program without required lessons, and no figure without staff', () => {
    expect(trainingUnit({ staff: 3, completedPairs: 0, reached: 2 }, 0, 0).hasProgram).toBe(false);
    const empty = trainingUnit({ staff: 0, completedPairs: 0, reached: 0 }, 3, 80);
    expect(empty.coverage.percent).toBeNull();
    expect(empty.hasProgram).toBe(false);
  });

  it('never counts more pairs than expected', () => {
    expect(trainingUnit({ staff: 2, completedPairs: 9, reached: 2 }, 2, 80).coverage).toEqual({ done: 4, of: 4, percent: 100 });
  });

  it('sums the province: schools with the program and staff reached against their targets', () => {
    const totals = trainingTotals(
      [{ hasProgram: true }, { hasProgram: false }, { hasProgram: true }],
      [
        { staff: 10, reached: 7 },
        { staff: 5, reached: 1 },
        { staff: 3, reached: 3 },
      ],
      { staffTarget: 60, staffReachedTarget: 80 },
    );
    expect(totals.schools).toEqual({ done: 2, of: 3, percent: 66.7, target: 60, met: true });
    // 11 of 18 = 61.1%.
    expect(totals.staffReached).toEqual({ done: 11, of: 18, percent: 61.1, target: 80, met: false });
  });
});
