import { z } from 'zod';

import { type CurriculumLevel, IdSchema, line, text, trimmed, trimmedLine } from '../common.js';
import { HELPER_TEXT_MAX, SIGN_CODES, type SignCode } from './signs.js';

export * from './signs.js';

export const SignCodeSchema = z.enum(SIGN_CODES);

export const HelperAskBody = z
  .object({
    text: text().trim().min(1).max(HELPER_TEXT_MAX),
    conversationId: IdSchema.optional(),
  })
  .strict();
export type HelperAskBody = z.infer<typeof HelperAskBody>;

export const HelperShareBody = z.object({ conversationId: IdSchema }).strict();
export type HelperShareBody = z.infer<typeof HelperShareBody>;

const IsoDate = z.iso.date();

/** The longest range the trends take at once. */
export const HELPER_TREND_MAX_WEEKS = 53;

/** How many weeks, Monday to Sunday, the calendar days from..to touch (YYYY-MM-DD). */
export function weeksTouched(from: string, to: string): number {
  const DAY = 86_400_000;
  const monday = (iso: string) => {
    const day = new Date(`${iso}T00:00:00Z`);
    return day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY;
  };
  return Math.round((monday(to) - monday(from)) / (7 * DAY)) + 1;
}

export const HelperTrendsQuery = z
  .object({ from: IsoDate.optional(), to: IsoDate.optional(), areaId: IdSchema.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: 'helper.dateOrder', path: ['to'] })
  .refine((q) => !q.from || !q.to || q.from > q.to || weeksTouched(q.from, q.to) <= HELPER_TREND_MAX_WEEKS, {
    error: 'helper.rangeTooLong',
    path: ['from'],
    params: { maximum: HELPER_TREND_MAX_WEEKS },
  });
export type HelperTrendsQuery = z.infer<typeof HelperTrendsQuery>;

export interface HelperSignDto {
  code: SignCode;
  /** The exact substring of the asked text that shows the sign. */
  quote: string;
}

export interface HelperAnswerDto {
  conversationId: string;
  signs: HelperSignDto[];
  lessons: { id: string; title: string }[];
  advice: string[];
  report: { name: string; how: string }[];
  checked: string[];
  answer: string;
}

export interface HelperShareDto {
  id: string;
  sharedAt: string;
  /** The teachers of the student's class who now see it. */
  teacherCount: number;
}

/** One shared message as the teacher reads it. */
export interface HelperSharedMessageDto {
  id: string;
  sharedAt: string;
  studentId: string;
  studentName: string;
  className: string;
  text: string;
  signs: HelperSignDto[];
}

export const TREND_KINDS = ['sign', 'domain', 'pattern'] as const;
export type TrendKind = (typeof TREND_KINDS)[number];

export interface HelperTrendCountDto {
  kind: TrendKind;
  /** A sign code, a registrable domain, or a pattern's id. */
  key: string;
  /** A pattern's phrase; a sign's Vietnamese label. */
  label: string;
  count: number;
  /** The count in the range's last week and the week before it: what is rising. */
  lastWeek: number;
  weekBefore: number;
  /** The lesson of the library that teaches this sign (signs and patterns). */
  lesson: { id: string; title: string } | null;
}

export interface HelperTrendsDto {
  from: string;
  to: string;
  areaId: string | null;
  /** Questions asked, per week (Monday, Vietnam time). */
  weeks: { week: string; asks: number; signs: Partial<Record<SignCode, number>> }[];
  asks: number;
  top: HelperTrendCountDto[];
}

/** The Department's lists: domains or phone numbers it warns about (block) or vouches for (allow). */
export const HELPER_LISTS = ['block', 'allow'] as const;
export const HelperListSchema = z.enum(HELPER_LISTS);
export type HelperList = z.infer<typeof HelperListSchema>;

export const HelperListImportBody = z
  .object({
    list: HelperListSchema,
    /** CSV text: one entry per line, `value[,note]`; a header line `value,note` is optional. The request body is at most 1 MB: a longer list goes in several imports. */
    csv: text().max(1_000_000),
    /** Replace the whole list instead of adding to it. */
    replace: z.boolean().default(false),
  })
  .strict();
export type HelperListImportBody = z.infer<typeof HelperListImportBody>;

export interface HelperListImportDto {
  list: HelperList;
  added: number;
  unchanged: number;
  removed: number;
  rejected: { line: number; value: string; code: 'helper.entryFormat' | 'helper.entryDuplicate' }[];
}

export const HelperListQuery = z.object({
  list: HelperListSchema.optional(),
  q: line().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type HelperListQuery = z.infer<typeof HelperListQuery>;

/** `GET /api/helper/lists`: one page, and how many entries match in all. */
export interface HelperListPageDto {
  items: HelperListEntryDto[];
  total: number;
}

export interface HelperListEntryDto {
  id: string;
  list: HelperList;
  kind: 'domain' | 'phone';
  value: string;
  note: string;
  createdAt: string;
}

/** The Department's own warning pattern: a phrase (matched with or without diacritics) that shows a sign. */
export const HelperPatternBody = z
  .object({
    sign: SignCodeSchema,
    phrase: trimmedLine(3, 120),
    note: trimmedLine(0, 300).default(''),
  })
  .strict();
export type HelperPatternBody = z.infer<typeof HelperPatternBody>;

export interface HelperPatternDto {
  id: string;
  sign: SignCode;
  phrase: string;
  note: string;
  createdAt: string;
}

/** The Department sends a short alert lesson to the province's schools, from what students are being sent. */
export const HelperAlertBody = z
  .object({
    lessonId: IdSchema,
    /** The sign the alert is about, when it comes from the trends. */
    sign: SignCodeSchema.optional(),
    note: trimmed(0, 500).default(''),
  })
  .strict();
export type HelperAlertBody = z.infer<typeof HelperAlertBody>;

export interface HelperAlertDto {
  id: string;
  lessonId: string;
  lessonTitle: string;
  level: CurriculumLevel;
  sign: SignCode | null;
  note: string;
  sentAt: string;
  sentBy: string;
}
