import { schoolYearOf } from '@tinhtao/shared';

/** This school year and its neighbours, newest first ("2027-2028", "2026-2027", "2025-2026"). */
export function nearbySchoolYears(now = new Date()): string[] {
  const start = Number(schoolYearOf(now).slice(0, 4));
  return [start + 1, start, start - 1].map((year) => `${year}-${year + 1}`);
}

export function currentSchoolYear(now = new Date()): string {
  return schoolYearOf(now);
}
