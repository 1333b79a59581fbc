import { hasProgram, pairCoverage, provinceFigure, type Share, share } from '../coverage/rules.js';

/**
 * The staff program's figures, by the students' rule (DESIGN §2) applied to staff: a unit
 * (a school's staff, or the Department's officials) has the program when its completed
 * (staff member, required lesson) pairs reach the school threshold of expected pairs.
 */
export interface TrainingUnitCounts {
  staff: number;
  /** Completed (staff member, required lesson) pairs. */
  completedPairs: number;
  /** Staff who completed at least one lesson of the program. */
  reached: number;
}

export function trainingUnit(counts: TrainingUnitCounts, requiredLessons: number, threshold: number): { coverage: Share; hasProgram: boolean; reached: Share } {
  const coverage = pairCoverage([{ students: counts.staff, requiredLessons, completedPairs: counts.completedPairs }]);
  return { coverage, hasProgram: hasProgram(coverage, requiredLessons > 0, threshold), reached: share(counts.reached, counts.staff) };
}

/** The province's figures: schools (never the Department) with the program, and staff reached everywhere. */
export function trainingTotals(
  schools: { hasProgram: boolean }[],
  everyone: { staff: number; reached: number }[],
  targets: { staffTarget: number; staffReachedTarget: number },
): { schools: Share & { target: number; met: boolean }; staffReached: Share & { target: number; met: boolean } } {
  const reached = share(
    everyone.reduce((s, u) => s + u.reached, 0),
    everyone.reduce((s, u) => s + u.staff, 0),
  );
  return {
    schools: provinceFigure(schools, targets.staffTarget),
    staffReached: { ...reached, target: targets.staffReachedTarget, met: reached.percent !== null && reached.percent >= targets.staffReachedTarget },
  };
}
