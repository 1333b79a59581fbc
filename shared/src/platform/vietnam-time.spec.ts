import { formatVietnamDate, formatVietnamDateTime, vietnamIso, vietnamWallClock } from './vietnam-time.js';

describe('Vietnam time', () => {
  it('reads a UTC moment seven hours on, across the day, month and year boundary', () => {
    expect(formatVietnamDateTime('2026-12-07T02:12:00Z')).toBe('07/12/2026 09:12');
    expect(formatVietnamDateTime(new Date('2026-12-31T17:05:09Z'), { seconds: true })).toBe('01/01/2027 00:05:09');
    expect(formatVietnamDate('2026-09-04T16:59:59Z')).toBe('04/09/2026');
    expect(formatVietnamDate('2026-09-04T17:00:00Z')).toBe('05/09/2026');
  });

  it('gives a spreadsheet the wall clock and a program an ISO time with the offset, the same moment', () => {
    const wall = vietnamWallClock('2026-12-07T02:12:00Z');
    expect([wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes()]).toEqual([7, 9, 12]);
    expect(vietnamIso('2026-12-07T02:12:00Z')).toBe('2026-12-07T09:12:00.000+07:00');
    expect(Date.parse(vietnamIso('2026-12-07T02:12:00Z'))).toBe(Date.parse('2026-12-07T02:12:00Z'));
  });

  it('refuses what is not a date rather than printing "NaN"', () => {
    expect(() => formatVietnamDateTime('not a date')).toThrow(RangeError);
  });
});
