import { vietnamDate } from './rules.js';

/**
 * School-year quarters, for provinces whose plan asks for a report every quarter ("định kỳ
 * hằng quý"). A school year "2026-2027" starts in September 2026:
 *   Q1 = 1 Sep – 30 Nov, Q2 = 1 Dec – end of Feb, Q3 = 1 Mar – 31 May, Q4 = 1 Jun – 31 Aug,
 * on Vietnam's calendar. A quarter's report is due on the province's chosen day of the month
 * after the quarter ends.
 */
export type Quarter = 1 | 2 | 3 | 4;
export const QUARTERS: readonly Quarter[] = [1, 2, 3, 4];

export interface QuarterPeriod {
  schoolYear: string;
  quarter: Quarter;
  /** Midnight, Vietnam time, of the quarter's first day. */
  from: Date;
  /** Midnight, Vietnam time, of the day after its last day (exclusive). */
  to: Date;
  /** YYYY-MM-DD, Vietnam's calendar. */
  firstDay: string;
  lastDay: string;
  /** Its three months, YYYY-MM. */
  months: string[];
}

const VN_OFFSET_MS = 7 * 3600 * 1000;
const two = (n: number) => String(n).padStart(2, '0');
const isoDay = (year: number, month: number, day: number) => `${year}-${two(month)}-${two(day)}`;
/** The days of a month (1-12), leap Februaries included. */
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** [year, month] of the quarter's first month, counting months from September of the school year's first year. */
function firstMonth(schoolYear: string, quarter: Quarter): [number, number] {
  const index = 8 + (quarter - 1) * 3; // 0-based month: September = 8
  const first = Number(schoolYear.slice(0, 4));
  return [first + Math.floor(index / 12), (index % 12) + 1];
}

function addMonths([year, month]: [number, number], n: number): [number, number] {
  const index = year * 12 + month - 1 + n;
  return [Math.floor(index / 12), (index % 12) + 1];
}

/** The period of a quarter of a school year. */
export function quarterPeriod(schoolYear: string, quarter: Quarter): QuarterPeriod {
  const start = firstMonth(schoolYear, quarter);
  const months = [0, 1, 2].map((n) => addMonths(start, n));
  const last = months[2];
  const after = addMonths(start, 3);
  return {
    schoolYear,
    quarter,
    from: vietnamDate(start[0], start[1], 1),
    to: vietnamDate(after[0], after[1], 1),
    firstDay: isoDay(start[0], start[1], 1),
    lastDay: isoDay(last[0], last[1], daysIn(last[0], last[1])),
    months: months.map(([y, m]) => `${y}-${two(m)}`),
  };
}

/** The school year and quarter a moment falls in, on Vietnam's calendar. */
export function quarterOf(at: Date): { schoolYear: string; quarter: Quarter } {
  const vn = new Date(at.getTime() + VN_OFFSET_MS);
  const year = vn.getUTCFullYear();
  const month = vn.getUTCMonth(); // 0-based
  const first = month >= 8 ? year : year - 1;
  const sinceSeptember = (month + 12 - 8) % 12;
  return { schoolYear: `${first}-${first + 1}`, quarter: (Math.floor(sinceSeptember / 3) + 1) as Quarter };
}

/** The quarter before (Q1's is the previous school year's Q4). */
export function previousQuarter(schoolYear: string, quarter: Quarter): { schoolYear: string; quarter: Quarter } {
  if (quarter > 1) return { schoolYear, quarter: (quarter - 1) as Quarter };
  const first = Number(schoolYear.slice(0, 4)) - 1;
  return { schoolYear: `${first}-${first + 1}`, quarter: 4 };
}

/** The day (YYYY-MM-DD) a quarter's report is due: `day` (1-28) of the month after the quarter ends. */
export function quarterDeadline(schoolYear: string, quarter: Quarter, day: number): string {
  const [year, month] = addMonths(firstMonth(schoolYear, quarter), 3);
  return isoDay(year, month, day);
}

/**
 * The next quarterly report due on or after `now`'s day in Vietnam, among the school year's four;
 * once all four have passed, the last one (its days left then go negative, as an annual deadline's do).
 */
export function nextQuarterDeadline(schoolYear: string, day: number, now: Date): { quarter: Quarter; date: string } {
  const vn = new Date(now.getTime() + VN_OFFSET_MS);
  const today = isoDay(vn.getUTCFullYear(), vn.getUTCMonth() + 1, vn.getUTCDate());
  const deadlines = QUARTERS.map((quarter) => ({ quarter, date: quarterDeadline(schoolYear, quarter, day) }));
  return deadlines.find((d) => d.date >= today) ?? deadlines[3];
}
