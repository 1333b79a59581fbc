/**
 * The coverage rule of DESIGN §2, as pure functions: the server's roll-ups and any test that
 * checks them use these, so that the two can never disagree. Every threshold is data (the
 * ProvinceYear's pass mark, school threshold and targets), passed in.
 */

/** A student completed a lesson when a submitted attempt scores at least the pass mark. */
export function lessonCompleted(percent: number | null | undefined, passMark: number): boolean {
  return percent !== null && percent !== undefined && percent >= passMark;
}

export interface Share {
  done: number;
  of: number;
  /** done ÷ of as a percent to a tenth; null when nothing is expected. */
  percent: number | null;
}

export function share(done: number, of: number): Share {
  return { done, of, percent: of === 0 ? null : Math.round((1000 * done) / of) / 10 };
}

/**
 * A class's (or a school's, summed over its classes) coverage of one program: completed
 * (student, required lesson) pairs over expected pairs, students × required lessons.
 */
export function pairCoverage(groups: { students: number; requiredLessons: number; completedPairs: number }[]): Share {
  const expected = groups.reduce((s, g) => s + g.students * g.requiredLessons, 0);
  const completed = groups.reduce((s, g) => s + Math.min(g.completedPairs, g.students * g.requiredLessons), 0);
  return share(completed, expected);
}

/**
 * A school has the annual program of a kind when the published curriculum of its level is
 * in force (it lists required lessons) and its coverage reaches the school threshold.
 */
export function hasProgram(coverage: Share, curriculumInForce: boolean, schoolThreshold: number): boolean {
  return curriculumInForce && coverage.percent !== null && coverage.percent >= schoolThreshold;
}

/** The province's figure for a level and kind: schools with the program over schools, beside the target. */
export function provinceFigure(schools: { hasProgram: boolean }[], targetPercent: number): Share & { target: number; met: boolean } {
  const s = share(schools.filter((x) => x.hasProgram).length, schools.length);
  return { ...s, target: targetPercent, met: s.percent !== null && s.percent >= targetPercent };
}

/** Students reached: those who completed at least one lesson of the kind, over all students. */
export function studentsReached(completedLessonsPerStudent: number[]): Share {
  return share(completedLessonsPerStudent.filter((n) => n > 0).length, completedLessonsPerStudent.length);
}

/**
 * Where a school's coverage will stand at the deadline if it keeps its pace since the school
 * year began: linear, capped at 100. Null before the year has run a day.
 */
export function projectedPercent(currentPercent: number, yearStart: Date, now: Date, deadline: Date): number | null {
  const elapsed = now.getTime() - yearStart.getTime();
  if (elapsed < 24 * 3600 * 1000) return null;
  const total = deadline.getTime() - yearStart.getTime();
  if (total <= elapsed) return currentPercent;
  return Math.min(100, Math.round((10 * currentPercent * total) / elapsed) / 10);
}

/** Vietnam's offset: the school calendar, months and deadlines are Vietnam's. */
const VN_OFFSET_MS = 7 * 3600 * 1000;

/** Midnight, Vietnam time, of a calendar date. */
export function vietnamDate(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day) - VN_OFFSET_MS);
}

/** A school year "2026-2027" runs from 1 August to 1 August (as `schoolYearOf`); its lessons start on 5 September. */
export function schoolYearBounds(schoolYear: string): { from: Date; to: Date; lessonsStart: Date; lessonsEnd: Date } {
  const first = Number(schoolYear.slice(0, 4));
  return {
    from: vietnamDate(first, 8, 1),
    to: vietnamDate(first + 1, 8, 1),
    lessonsStart: vietnamDate(first, 9, 5),
    lessonsEnd: vietnamDate(first + 1, 5, 31),
  };
}

/** Whole days from now to a YYYY-MM-DD date in Vietnam (0 on the day, negative after it). */
export function daysUntil(date: string, now: Date): number {
  const [y, m, d] = date.split('-').map(Number);
  const today = new Date(now.getTime() + VN_OFFSET_MS);
  const todayMidnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.round((Date.UTC(y, m - 1, d) - todayMidnight) / (24 * 3600 * 1000));
}

/** The months (YYYY-MM) of a school year from August up to the month of `now`, or all twelve once it is over. */
export function monthsSoFar(schoolYear: string, now: Date): string[] {
  const first = Number(schoolYear.slice(0, 4));
  const here = new Date(now.getTime() + VN_OFFSET_MS);
  const nowIndex = (here.getUTCFullYear() - first) * 12 + here.getUTCMonth() - 7;
  const count = Math.max(1, Math.min(12, nowIndex + 1));
  return Array.from({ length: count }, (_, i) => {
    const month = 7 + i;
    return `${first + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
  });
}

/** A school's standing in one program at one level, from its counters. */
export function schoolStanding(input: {
  students: number;
  requiredLessons: number;
  completedPairs: number;
  reached: number;
  curriculumInForce: boolean;
  schoolThreshold: number;
  lessonsStart: Date;
  horizon: Date;
  now: Date;
}): { coverage: Share; hasProgram: boolean; reached: Share; projected: number | null; atRisk: boolean } {
  const coverage = pairCoverage([{ students: input.students, requiredLessons: input.requiredLessons, completedPairs: input.completedPairs }]);
  const has = hasProgram(coverage, input.curriculumInForce, input.schoolThreshold);
  const projected = coverage.percent === null ? null : projectedPercent(coverage.percent, input.lessonsStart, input.now, input.horizon);
  return {
    coverage,
    hasProgram: has,
    reached: share(Math.min(input.reached, input.students), input.students),
    projected,
    atRisk: !has && input.curriculumInForce && (coverage.percent === null || (projected !== null && projected < input.schoolThreshold)),
  };
}
