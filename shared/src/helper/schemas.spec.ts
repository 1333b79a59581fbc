import { HelperTrendsQuery, weeksTouched } from './schemas.js';

describe('weeksTouched', () => {
  it('counts the weeks from the Monday of the first day to the week of the last', () => {
    // Wednesday 4 to Tuesday 10 November 2026: the weeks of 2 and 9 November.
    expect(weeksTouched('2026-11-04', '2026-11-10')).toBe(2);
    expect(weeksTouched('2026-11-02', '2026-11-08')).toBe(1);
  });

  it('counts a year that starts on a Sunday as 54 weeks, one more than the trends take', () => {
    expect(weeksTouched('2026-11-01', '2027-11-01')).toBe(54);
    expect(weeksTouched('2026-11-02', '2027-10-31')).toBe(52);
  });
});

describe('HelperTrendsQuery', () => {
  it('takes 53 weeks at most, and the dates in order', () => {
    expect(HelperTrendsQuery.safeParse({ from: '2026-11-02', to: '2027-10-31' }).success).toBe(true);
    expect(HelperTrendsQuery.safeParse({ from: '2026-11-01', to: '2027-11-01' }).error?.issues[0].message).toBe('helper.rangeTooLong');
    expect(HelperTrendsQuery.safeParse({ from: '2026-12-01', to: '2026-11-01' }).error?.issues[0].message).toBe('helper.dateOrder');
  });
});
