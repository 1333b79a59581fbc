import {
  type CurriculumLevel,
  HELPER_SIGNS,
  type HelperTrendCountDto,
  type HelperTrendsDto,
  type LessonSummaryDto,
  type Role,
  type SignCode,
} from '@tinhtao/shared';

import type { Locale } from '@/i18n';

/** What a sign is called in the page's language (the shared labels, the same the server writes). */
export const signLabel = (code: SignCode, locale: Locale): string => HELPER_SIGNS[code]?.label[locale] ?? code;

/** Why a sign matters, in words a 13-year-old reads. */
export const signWhy = (code: SignCode, locale: Locale): string => HELPER_SIGNS[code]?.why[locale] ?? '';

/** The page each role reads a lesson on, from an answer or the Department's trends. */
export const LESSON_ROUTE: Readonly<Record<Role, string>> = {
  dept_admin: 'dept-lesson-preview',
  school_admin: 'school-lesson',
  teacher: 'teacher-lesson',
  student: 'student-lesson',
};

/**
 * The answer's opening words: its first paragraph without the bullet lines that the card shows
 * as lists ("Tỉnh Táo chưa thấy dấu hiệu… không có nghĩa là tin nhắn an toàn", or a follow-up's intro).
 */
export function leadOf(answer: string): string {
  const first = answer.split(/\n\s*\n/)[0] ?? '';
  return first
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('•'))
    .join(' ');
}

/** More this week than the week before: the Department's table marks it. */
export const isRising = (row: Pick<HelperTrendCountDto, 'lastWeek' | 'weekBefore'>): boolean => row.lastWeek > row.weekBefore;

/** A date picker's day (midnight on the reader's clock) as the calendar date the API takes: 2026-11-04. */
export function isoDay(ms: number): string {
  const day = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/** A week's Monday on a chart's axis: 02/11 in Vietnamese, 2 Nov in English. */
export function weekLabel(week: string, locale: Locale): string {
  const [year, month, day] = week.split('-').map(Number);
  if (!year || !month || !day) return week;
  if (locale === 'vi') return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}`;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, day));
}

/**
 * The signs the weekly chart stacks: the `limit` most counted over the range, by name, and the
 * rest summed per week (so that the bars still add up to every sign found).
 */
export function chartSigns(weeks: HelperTrendsDto['weeks'], limit = 5): { shown: SignCode[]; others: number[] } {
  const totals = new Map<SignCode, number>();
  for (const week of weeks) {
    for (const [code, count] of Object.entries(week.signs) as [SignCode, number][]) totals.set(code, (totals.get(code) ?? 0) + count);
  }
  const ranked = [...totals].filter(([, count]) => count > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = ranked.slice(0, limit).map(([code]) => code);
  const others = weeks.map((week) =>
    (Object.entries(week.signs) as [SignCode, number][]).filter(([code]) => !shown.includes(code)).reduce((sum, [, count]) => sum + count, 0),
  );
  return { shown, others };
}

/**
 * The lessons an alert may name, in the server's order (level, program, title). A trends row's
 * own lesson stays a choice even when no published curriculum lists it: the server then says why.
 */
export function alertLessonChoices(
  published: readonly Pick<LessonSummaryDto, 'id' | 'title' | 'level'>[],
  preselected: { id: string; title: string } | null,
): { id: string; title: string; level: CurriculumLevel | null }[] {
  const choices = published.map(({ id, title, level }) => ({ id, title, level: level as CurriculumLevel | null }));
  return preselected && !choices.some((one) => one.id === preselected.id) ? [{ ...preselected, level: null }, ...choices] : choices;
}
