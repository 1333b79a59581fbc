import type { SubmissionResultRowDto } from '@tinhtao/shared';

import { compareText } from '@/i18n/collate';

/** The schools that have entries in the results, once each, in Vietnamese order: the certificate picker's list. */
export function schoolsOf(rows: readonly Pick<SubmissionResultRowDto, 'schoolId' | 'schoolName'>[]): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const row of rows) if (!seen.has(row.schoolId)) seen.set(row.schoolId, row.schoolName);
  return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => compareText(a.name, b.name));
}

/** The ranked entries a chart can show legibly: the best `limit`, best first; unranked ones left out. */
export function chartRows<T extends Pick<SubmissionResultRowDto, 'rank' | 'normalisedMean'>>(rows: readonly T[], limit = 20): T[] {
  return rows
    .filter((row) => row.rank !== null && row.normalisedMean !== null)
    .sort((a, b) => a.rank! - b.rank!)
    .slice(0, limit);
}

/** How many of the rows have judges who disagree beyond the threshold (the organiser may add a judge). */
export const flaggedCount = (rows: readonly Pick<SubmissionResultRowDto, 'spreadFlagged'>[]): number => rows.filter((row) => row.spreadFlagged).length;
