import type { AssignmentDto, CurriculumLevel, PlanRowDto } from '@tinhtao/shared';

/** Where an assignment's window stands for its teacher. */
export type AssignmentPhase = 'upcoming' | 'open' | 'past' | 'closed';

export function assignmentPhase(one: Pick<AssignmentDto, 'opensAt' | 'dueAt' | 'closedAt'>, now = Date.now()): AssignmentPhase {
  if (one.closedAt) return 'closed';
  if (Date.parse(one.opensAt) > now) return 'upcoming';
  return Date.parse(one.dueAt) < now ? 'past' : 'open';
}

const DAY = 24 * 3600 * 1000;

/** The default window of a new assignment: from now (to the minute) for a week. */
export function defaultWindow(now = Date.now()): { opensAt: number; dueAt: number } {
  const opensAt = Math.floor(now / 60_000) * 60_000;
  return { opensAt, dueAt: opensAt + 7 * DAY };
}

/** A later due date, `days` after the current one (or after now, when it has passed). */
export function extendedDue(dueAt: string, days: number, now = Date.now()): number {
  return Math.max(Date.parse(dueAt), Math.floor(now / 60_000) * 60_000) + days * DAY;
}

/** Whether a class of this grade may take a lesson of this level (THCS 6-9, THPT 10-12). */
export function gradeFits(level: CurriculumLevel | (string & {}), grade: number): boolean {
  return level === 'THPT' ? grade >= 10 : grade <= 9;
}

const KIND_ORDER = ['SAFETY', 'MEDIA_LITERACY'];

/** The plan's lessons grouped by level and program, each group in curriculum order. */
export function groupPlan(rows: readonly PlanRowDto[]): { key: string; level: string; kind: string; rows: PlanRowDto[] }[] {
  const groups = new Map<string, { key: string; level: string; kind: string; rows: PlanRowDto[] }>();
  for (const row of rows) {
    const key = `${row.level}-${row.kind}`;
    if (!groups.has(key)) groups.set(key, { key, level: row.level, kind: row.kind, rows: [] });
    groups.get(key)!.rows.push(row);
  }
  return [...groups.values()].sort((a, b) => a.level.localeCompare(b.level) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}

/**
 * The lesson a link asks the assign page to choose (`?lessonId=`, from the Department's alert):
 * only a lesson of the year's plan that some class of the caller's may take.
 */
export function lessonToChoose(query: unknown, plan: readonly Pick<PlanRowDto, 'lessonId' | 'classesMissing' | 'classesAssigned'>[]): string | null {
  const id: unknown = Array.isArray(query) ? (query as unknown[])[0] : query;
  if (typeof id !== 'string' || id === '') return null;
  const row = plan.find((one) => one.lessonId === id);
  return row && row.classesMissing.length + row.classesAssigned.length > 0 ? id : null;
}
