import { describe, expect, it } from '@jest/globals';

import { currentSchoolYear, nearbySchoolYears } from './schoolYears';

describe('nearbySchoolYears', () => {
  it('lists next year, this year and last year, newest first', () => {
    expect(nearbySchoolYears(new Date('2026-11-20T03:00:00Z'))).toEqual(['2027-2028', '2026-2027', '2025-2026']);
  });

  it('starts the school year in August: July still belongs to the year before', () => {
    expect(nearbySchoolYears(new Date('2027-07-31T12:00:00Z'))).toEqual(['2027-2028', '2026-2027', '2025-2026']);
    expect(nearbySchoolYears(new Date('2027-08-01T12:00:00Z'))).toEqual(['2028-2029', '2027-2028', '2026-2027']);
  });

  it('crosses the new year inside one school year', () => {
    expect(currentSchoolYear(new Date('2026-12-31T12:00:00Z'))).toBe('2026-2027');
    expect(currentSchoolYear(new Date('2027-01-01T12:00:00Z'))).toBe('2026-2027');
  });
});
