import { gradeFitsLevel, SchoolYearSchema, schoolYearOf } from './common.js';

describe('schoolYearOf', () => {
  it('starts a school year in August (months before count to the previous one)', () => {
    expect(schoolYearOf(new Date('2026-11-23T00:00:00Z'))).toBe('2026-2027');
    expect(schoolYearOf(new Date('2027-05-31T00:00:00Z'))).toBe('2026-2027');
    expect(schoolYearOf(new Date('2027-08-01T00:00:00Z'))).toBe('2027-2028');
  });
});

describe('SchoolYearSchema', () => {
  it('accepts consecutive years only', () => {
    expect(SchoolYearSchema.safeParse('2026-2027').success).toBe(true);
    expect(SchoolYearSchema.safeParse('2026-2028').success).toBe(false);
    expect(SchoolYearSchema.safeParse('26-27').success).toBe(false);
  });
});

describe('gradeFitsLevel', () => {
  it('teaches 6-9 at THCS, 10-12 at THPT and all at a mixed school', () => {
    expect(gradeFitsLevel(9, 'THCS')).toBe(true);
    expect(gradeFitsLevel(10, 'THCS')).toBe(false);
    expect(gradeFitsLevel(10, 'THPT')).toBe(true);
    expect(gradeFitsLevel(6, 'MIXED')).toBe(true);
  });
});
