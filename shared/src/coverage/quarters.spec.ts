import { nextQuarterDeadline, previousQuarter, quarterDeadline, quarterOf, quarterPeriod } from './quarters.js';

describe('school-year quarters', () => {
  it('gives each quarter of 2026-2027 its period, from midnight in Vietnam', () => {
    expect(quarterPeriod('2026-2027', 1)).toEqual({
      schoolYear: '2026-2027',
      quarter: 1,
      from: new Date('2026-09-01T00:00:00+07:00'),
      to: new Date('2026-12-01T00:00:00+07:00'),
      firstDay: '2026-09-01',
      lastDay: '2026-11-30',
      months: ['2026-09', '2026-10', '2026-11'],
    });
    const q2 = quarterPeriod('2026-2027', 2);
    expect([q2.firstDay, q2.lastDay, q2.months, q2.to.toISOString()]).toEqual([
      '2026-12-01',
      '2027-02-28',
      ['2026-12', '2027-01', '2027-02'],
      '2027-02-28T17:00:00.000Z',
    ]);
    const q3 = quarterPeriod('2026-2027', 3);
    expect([q3.firstDay, q3.lastDay, q3.months]).toEqual(['2027-03-01', '2027-05-31', ['2027-03', '2027-04', '2027-05']]);
    const q4 = quarterPeriod('2026-2027', 4);
    expect([q4.firstDay, q4.lastDay, q4.months, q4.to.toISOString()]).toEqual([
      '2027-06-01',
      '2027-08-31',
      ['2027-06', '2027-07', '2027-08'],
      '2027-08-31T17:00:00.000Z',
    ]);
  });

  it('ends the second quarter on 29 February in a leap year', () => {
    // 2028 is a leap year: Q2 of 2027-2028 is 1 Dec 2027 – 29 Feb 2028.
    expect(quarterPeriod('2027-2028', 2).lastDay).toBe('2028-02-29');
    expect(quarterPeriod('2027-2028', 2).to).toEqual(new Date('2028-03-01T00:00:00+07:00'));
  });

  it('puts a moment in the quarter of its day in Vietnam', () => {
    // 23:59:59 on 30 November in Hà Nội is still Q1; a second later it is 1 December, Q2.
    expect(quarterOf(new Date('2026-11-30T23:59:59+07:00'))).toEqual({ schoolYear: '2026-2027', quarter: 1 });
    expect(quarterOf(new Date('2026-11-30T17:00:00Z'))).toEqual({ schoolYear: '2026-2027', quarter: 2 });
    expect(quarterOf(new Date('2027-01-15T10:00:00+07:00'))).toEqual({ schoolYear: '2026-2027', quarter: 2 });
    expect(quarterOf(new Date('2028-02-29T12:00:00+07:00'))).toEqual({ schoolYear: '2027-2028', quarter: 2 });
    expect(quarterOf(new Date('2027-03-01T00:00:00+07:00'))).toEqual({ schoolYear: '2026-2027', quarter: 3 });
    expect(quarterOf(new Date('2027-06-01T00:00:00+07:00'))).toEqual({ schoolYear: '2026-2027', quarter: 4 });
    // August is the old year's last quarter; 1 September starts the new year.
    expect(quarterOf(new Date('2027-08-31T23:00:00+07:00'))).toEqual({ schoolYear: '2026-2027', quarter: 4 });
    expect(quarterOf(new Date('2027-08-31T17:00:00Z'))).toEqual({ schoolYear: '2027-2028', quarter: 1 });
  });

  it('steps back one quarter, across the school year', () => {
    expect(previousQuarter('2026-2027', 2)).toEqual({ schoolYear: '2026-2027', quarter: 1 });
    expect(previousQuarter('2026-2027', 1)).toEqual({ schoolYear: '2025-2026', quarter: 4 });
  });

  it('makes a quarter’s report due on the chosen day of the month after it ends', () => {
    expect(quarterDeadline('2026-2027', 1, 15)).toBe('2026-12-15');
    expect(quarterDeadline('2026-2027', 2, 15)).toBe('2027-03-15');
    expect(quarterDeadline('2026-2027', 3, 5)).toBe('2027-06-05');
    expect(quarterDeadline('2026-2027', 4, 28)).toBe('2027-09-28');
  });

  it('finds the next report due, the deadline day itself included', () => {
    const next = (at: string, day = 15) => nextQuarterDeadline('2026-2027', day, new Date(at));
    expect(next('2026-09-05T09:00:00+07:00')).toEqual({ quarter: 1, date: '2026-12-15' });
    expect(next('2026-12-07T09:00:00+07:00')).toEqual({ quarter: 1, date: '2026-12-15' });
    expect(next('2026-12-15T23:30:00+07:00')).toEqual({ quarter: 1, date: '2026-12-15' });
    // 00:30 on 16 December in Vietnam is still the 15th in UTC: Vietnam's day decides.
    expect(next('2026-12-15T17:30:00Z')).toEqual({ quarter: 2, date: '2027-03-15' });
    expect(next('2027-05-31T16:00:00+07:00')).toEqual({ quarter: 3, date: '2027-06-15' });
    expect(next('2027-03-06T08:00:00+07:00', 5)).toEqual({ quarter: 3, date: '2027-06-05' });
    // Once all four have passed, the last one (its days left go negative).
    expect(next('2027-09-16T08:00:00+07:00')).toEqual({ quarter: 4, date: '2027-09-15' });
  });
});
