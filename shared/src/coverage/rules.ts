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
