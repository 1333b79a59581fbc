import { addDays, mondayOf, weekOf } from './weeks.js';

describe('weekOf', () => {
  it("counts weeks on Vietnam's calendar, Monday first", () => {
    expect(weekOf(new Date('2026-12-06T16:30:00Z'))).toBe('2026-11-30'); // Sunday 23:30 in Hà Nội
    expect(weekOf(new Date('2026-12-06T17:30:00Z'))).toBe('2026-12-07'); // Monday 00:30 in Hà Nội, still Sunday in UTC
    expect(weekOf(new Date('2027-01-03T12:00:00Z'))).toBe('2026-12-28'); // across the new year
  });

  it('finds the Monday of a date and steps by days', () => {
    expect(mondayOf('2026-12-13')).toBe('2026-12-07');
    expect(mondayOf('2026-12-07')).toBe('2026-12-07');
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
  });
});
