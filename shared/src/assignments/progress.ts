import type { CellStatus } from './schemas.js';

export interface CellFacts {
  attempt: { status: 'in_progress' | 'submitted'; percent: number | null; late: boolean } | null;
  dueAt: Date;
  now: Date;
  passMark: number;
}

/**
 * One student × lesson cell of the progress matrix: passed at or above the pass mark,
 * submitted below it (or waiting for review), late when the due time passed without a
 * submission, otherwise in progress or not started.
 */
export function progressCell({ attempt, dueAt, now, passMark }: CellFacts): { status: CellStatus; percent?: number; late?: boolean } {
  if (attempt?.status === 'submitted') {
    const percent = attempt.percent ?? 0;
    return { status: percent >= passMark ? 'passed' : 'submitted', percent, late: attempt.late };
  }
  if (dueAt < now) return { status: 'late' };
  return { status: attempt ? 'in_progress' : 'not_started' };
}

/** The mean of the numbers to a tenth, or null for none. */
export function average(values: number[]): number | null {
  if (values.length === 0) return null;
  return Math.round((10 * values.reduce((s, v) => s + v, 0)) / values.length) / 10;
}

const NUDGE_WINDOW_MS = 2 * 24 * 3600 * 1000;

/** A student needs a nudge with late work, or with work not started that is due within two days. */
export function needsNudge(cells: { status: CellStatus }[], dues: Date[], now: Date): boolean {
  return cells.some((c, i) => c.status === 'late' || (c.status === 'not_started' && dues[i].getTime() - now.getTime() < NUDGE_WINDOW_MS));
}
