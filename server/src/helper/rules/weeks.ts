import { vietnamWallClock } from '@tinhtao/shared';

const DAY_MS = 86_400_000;

/** The Monday (Vietnam's calendar) of the week `at` falls in, as YYYY-MM-DD. */
export function weekOf(at: Date): string {
  const wall = vietnamWallClock(at);
  const monday = new Date(wall.getTime() - ((wall.getUTCDay() + 6) % 7) * DAY_MS);
  return monday.toISOString().slice(0, 10);
}

/** The Monday of a calendar date's week (YYYY-MM-DD in, YYYY-MM-DD out). */
export function mondayOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}
