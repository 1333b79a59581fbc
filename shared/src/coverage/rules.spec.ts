import {
  daysUntil,
  hasProgram,
  lessonCompleted,
  monthsSoFar,
  pairCoverage,
  projectedPercent,
  provinceFigure,
  schoolStanding,
  schoolYearBounds,
  share,
  studentsReached,
} from './rules.js';

describe('the coverage rule', () => {
  it('counts a lesson completed at the pass mark and not below, nor without a submission', () => {
    expect(lessonCompleted(50, 50)).toBe(true);
    expect(lessonCompleted(49.9, 50)).toBe(false);
    expect(lessonCompleted(null, 50)).toBe(false);
  });

  it('divides completed pairs by students × required lessons, class by class', () => {
    // 8A1: 30 students × 4 required lessons = 120 pairs, 96 done; 8A2: 20 × 4 = 80 pairs, 40 done.
    expect(
      pairCoverage([
        { students: 30, requiredLessons: 4, completedPairs: 96 },
        { students: 20, requiredLessons: 4, completedPairs: 40 },
      ]),
    ).toEqual({ done: 136, of: 200, percent: 68 });
    expect(pairCoverage([])).toEqual({ done: 0, of: 0, percent: null });
    // Completed pairs never count above what is expected (a lesson dropped from the curriculum).
    expect(pairCoverage([{ students: 2, requiredLessons: 1, completedPairs: 5 }])).toEqual({ done: 2, of: 2, percent: 100 });
  });

  it('gives a school the program at the threshold and not below, and only with a curriculum in force', () => {
    expect(hasProgram(share(80, 100), true, 80)).toBe(true);
    expect(hasProgram(share(799, 1000), true, 80)).toBe(false);
    expect(hasProgram(share(100, 100), false, 80)).toBe(false);
    expect(hasProgram(share(0, 0), true, 0)).toBe(false);
  });

  it('sets the province figure beside its target', () => {
    const schools = [{ hasProgram: true }, { hasProgram: true }, { hasProgram: false }, { hasProgram: true }, { hasProgram: false }];
    expect(provinceFigure(schools, 50)).toEqual({ done: 3, of: 5, percent: 60, target: 50, met: true });
    expect(provinceFigure(schools, 80)).toMatchObject({ percent: 60, met: false });
  });

  it('counts students reached by one completed lesson or more', () => {
    expect(studentsReached([0, 1, 3, 0])).toEqual({ done: 2, of: 4, percent: 50 });
  });

  it('projects the pace to the deadline, capped at 100', () => {
    const start = new Date('2026-09-01T00:00:00Z');
    const deadline = new Date('2026-12-15T00:00:00Z');
    // 30 of 105 days gone with 20%: 70% at the deadline at this pace.
    expect(projectedPercent(20, start, new Date('2026-10-01T00:00:00Z'), deadline)).toBe(70);
    expect(projectedPercent(60, start, new Date('2026-10-01T00:00:00Z'), deadline)).toBe(100);
    expect(projectedPercent(20, start, new Date('2026-09-01T10:00:00Z'), deadline)).toBeNull();
    expect(projectedPercent(55, start, new Date('2027-01-01T00:00:00Z'), deadline)).toBe(55);
  });
});

describe('the school calendar', () => {
  it('runs a school year from 1 August, Vietnam time, with lessons from 5 September to 31 May', () => {
    const b = schoolYearBounds('2026-2027');
    expect(b.from.toISOString()).toBe('2026-07-31T17:00:00.000Z');
    expect(b.to.toISOString()).toBe('2027-07-31T17:00:00.000Z');
    expect(b.lessonsStart.toISOString()).toBe('2026-09-04T17:00:00.000Z');
    expect(b.lessonsEnd.toISOString()).toBe('2027-05-30T17:00:00.000Z');
  });

  it('counts whole days to a deadline in Vietnam: 0 on the day, negative after', () => {
    // 23:30 UTC on 23 November is already 24 November in Hà Nội.
    expect(daysUntil('2026-12-15', new Date('2026-11-23T23:30:00Z'))).toBe(21);
    expect(daysUntil('2026-12-15', new Date('2026-11-23T10:00:00Z'))).toBe(22);
    expect(daysUntil('2026-12-15', new Date('2026-12-15T01:00:00Z'))).toBe(0);
    expect(daysUntil('2026-12-15', new Date('2026-12-17T01:00:00Z'))).toBe(-2);
  });

  it('lists the months of the year so far, then all twelve', () => {
    expect(monthsSoFar('2026-2027', new Date('2026-11-23T10:00:00Z'))).toEqual(['2026-08', '2026-09', '2026-10', '2026-11']);
    expect(monthsSoFar('2026-2027', new Date('2026-08-31T18:00:00Z'))).toEqual(['2026-08', '2026-09']);
    expect(monthsSoFar('2026-2027', new Date('2028-01-01T00:00:00Z'))).toHaveLength(12);
    expect(monthsSoFar('2026-2027', new Date('2028-01-01T00:00:00Z')).at(-1)).toBe('2027-07');
  });
});

describe('schoolStanding', () => {
  const base = {
    students: 40,
    requiredLessons: 4,
    completedPairs: 64,
    reached: 30,
    curriculumInForce: true,
    schoolThreshold: 80,
    lessonsStart: new Date('2026-09-05T00:00:00Z'),
    horizon: new Date('2027-05-31T00:00:00Z'),
    now: new Date('2027-01-01T00:00:00Z'),
  };

  it('stands at 40% with 64 of 160 pairs, and its pace since September carries it past the threshold', () => {
    const s = schoolStanding(base);
    expect(s.coverage).toEqual({ done: 64, of: 160, percent: 40 });
    expect(s.hasProgram).toBe(false);
    expect(s.reached).toEqual({ done: 30, of: 40, percent: 75 });
    // 118 days run of 268: 40 × 268 / 118 = 90.8, which reaches 80: not at risk.
    expect(s.projected).toBe(90.8);
    expect(s.atRisk).toBe(false);
  });

  it('flags a school whose pace falls short, and not one that has the program', () => {
    expect(schoolStanding({ ...base, completedPairs: 40 }).atRisk).toBe(true);
    expect(schoolStanding({ ...base, completedPairs: 128 })).toMatchObject({ hasProgram: true, atRisk: false });
  });

  it('has no program without a curriculum in force, and no figure without students', () => {
    expect(schoolStanding({ ...base, completedPairs: 160, curriculumInForce: false })).toMatchObject({ hasProgram: false, atRisk: false });
    expect(schoolStanding({ ...base, students: 0, completedPairs: 0, reached: 0 })).toMatchObject({
      coverage: { percent: null },
      reached: { percent: null },
      projected: null,
      atRisk: true,
    });
  });
});
