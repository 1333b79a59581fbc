import { hasProgram, lessonCompleted, pairCoverage, projectedPercent, provinceFigure, share, studentsReached } from './rules.js';

describe('the coverage rule', () => {
  it('counts a lesson completed at the pass mark and not below, nor without a submission', () => {
    expect(lessonCompleted(50, 50)).toBe(true);
    expect(lessonCompleted(49.9, 50)).toBe(false);
    expect(lessonCompleted(null, 50)).toBe(false);
  });

  it('divides completed pairs by students × required lessons, class by class', () => {
    // 8A1: 30 students × 4 required lessons = 120 pairs, 96 done; 8A2: 20 × 4 = 80 pairs, 40 done.
    expect(pairCoverage([{ students: 30, requiredLessons: 4, completedPairs: 96 }, { students: 20, requiredLessons: 4, completedPairs: 40 }])).toEqual({ done: 136, of: 200, percent: 68 });
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
