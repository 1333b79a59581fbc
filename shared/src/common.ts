import { z } from 'zod';

export const Role = { DeptAdmin: 'dept_admin', SchoolAdmin: 'school_admin', Teacher: 'teacher', Student: 'student' } as const;
export type Role = (typeof Role)[keyof typeof Role];
export const RoleSchema = z.enum([Role.DeptAdmin, Role.SchoolAdmin, Role.Teacher, Role.Student]);
export const ROLES: readonly Role[] = RoleSchema.options;

export const SchoolLevel = { THCS: 'THCS', THPT: 'THPT', MIXED: 'MIXED' } as const;
export type SchoolLevel = (typeof SchoolLevel)[keyof typeof SchoolLevel];
export const SchoolLevelSchema = z.enum(['THCS', 'THPT', 'MIXED']);

/** The level a curriculum is written for; a MIXED school follows both. */
export const CurriculumLevelSchema = z.enum(['THCS', 'THPT']);
export type CurriculumLevel = z.infer<typeof CurriculumLevelSchema>;

/** The curricula a school follows: its own level, both for a MIXED school, none without a school. */
export function curriculumLevelsOf(level: SchoolLevel | null | undefined): CurriculumLevel[] {
  if (level === 'MIXED') return ['THCS', 'THPT'];
  return level ? [level] : [];
}

export const ProgramKind = { Safety: 'SAFETY', MediaLiteracy: 'MEDIA_LITERACY' } as const;
export type ProgramKind = (typeof ProgramKind)[keyof typeof ProgramKind];
export const ProgramKindSchema = z.enum(['SAFETY', 'MEDIA_LITERACY']);

export const IdSchema = z.uuid({ error: 'id.format' });
export const IdParamSchema = z.object({ id: IdSchema });

/** "2026-2027": the second year follows the first. */
export const SchoolYearSchema = z
  .string()
  .regex(/^\d{4}-\d{4}$/, { error: 'schoolYear.format' })
  .refine((v) => Number(v.slice(5)) === Number(v.slice(0, 4)) + 1, { error: 'schoolYear.consecutive' });
export type SchoolYear = z.infer<typeof SchoolYearSchema>;

/** Grades by level: THCS 6-9, THPT 10-12. */
export const GRADES_BY_LEVEL: Record<SchoolLevel, readonly number[]> = {
  THCS: [6, 7, 8, 9],
  THPT: [10, 11, 12],
  MIXED: [6, 7, 8, 9, 10, 11, 12],
};
export const GradeSchema = z.number().int().min(6).max(12);

export function gradeFitsLevel(grade: number, level: SchoolLevel): boolean {
  return GRADES_BY_LEVEL[level].includes(grade);
}

/** The school year a date falls in: from August (when schools open their year) to the following July. */
export function schoolYearOf(date: Date): SchoolYear {
  const year = date.getUTCFullYear();
  const start = date.getUTCMonth() >= 7 ? year : year - 1;
  return `${start}-${start + 1}`;
}

/** C0 controls and DEL (U+0000 among them) and the noncharacters U+FDD0-U+FDEF, U+FFFE, U+FFFF: never in text a person wrote. */
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const CONTROL = /[\u0000-\u001F\u007F\uFDD0-\uFDEF\uFFFE\uFFFF]/;
/** The same, less tab, LF and CR, which multi-line text may hold. */
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const CONTROL_BUT_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFDD0-\uFDEF\uFFFE\uFFFF]/;
/** Half of a UTF-16 pair: no UTF-8 text can hold it (PostgreSQL would get U+FFFD). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type UnsafeTextReason = 'control_character' | 'lone_surrogate';

/** Why a string may not be stored, or null: U+0000 and other controls (breaks allowed in multi-line text), lone surrogates. */
export function unsafeTextReason(value: string, multiline = true): UnsafeTextReason | null {
  if ((multiline ? CONTROL_BUT_BREAKS : CONTROL).test(value)) return 'control_character';
  if (LONE_SURROGATE.test(value)) return 'lone_surrogate';
  return null;
}

/** The validation catalogue's code for each reason (`platform/validation.ts` words it in vi and en). */
export const UNSAFE_TEXT_CODE = { control_character: 'text.forbiddenCharacters', lone_surrogate: 'text.loneSurrogate' } as const satisfies Record<
  UnsafeTextReason,
  string
>;
export type UnsafeTextCode = (typeof UNSAFE_TEXT_CODE)[UnsafeTextReason];

/**
 * The first string (or object key) anywhere in a parsed JSON value, query or live payload
 * that no text field may hold, with its path: the one gate every request passes, so that no
 * route can forget it.
 */
export function findUnsafeText(value: unknown, path: (string | number)[] = [], depth = 0): { path: (string | number)[]; code: UnsafeTextCode } | null {
  if (typeof value === 'string') {
    const reason = unsafeTextReason(value);
    return reason ? { path, code: UNSAFE_TEXT_CODE[reason] } : null;
  }
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = findUnsafeText(v, [...path, i], depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    const keyReason = unsafeTextReason(k);
    if (keyReason) return { path: [...path, k], code: UNSAFE_TEXT_CODE[keyReason] };
    const found = findUnsafeText(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return null;
}

/** The one text helper: a string that refuses controls (breaks allowed) and lone surrogates. */
export const text = () =>
  z.string().superRefine((value, ctx) => {
    const reason = unsafeTextReason(value, true);
    if (reason) ctx.addIssue({ code: 'custom', message: UNSAFE_TEXT_CODE[reason], params: { reason } });
  });

/** A one-line text (a name, a title, a code): tab, LF and CR are refused too. */
export const line = () =>
  z.string().superRefine((value, ctx) => {
    const reason = unsafeTextReason(value, false);
    if (reason) ctx.addIssue({ code: 'custom', message: UNSAFE_TEXT_CODE[reason], params: { reason } });
  });

/** Trimmed text of min..max characters; may span lines (a paragraph, a prompt, a comment). */
export const trimmed = (min: number, max: number) => text().trim().min(min).max(max);
/** Trimmed one-line text of min..max characters (names, titles, codes, tags). */
export const trimmedLine = (min: number, max: number) => line().trim().min(min).max(max);

export const PageQuerySchema = z.object({
  q: line().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

export interface Page<T> {
  items: T[];
  total: number;
}
