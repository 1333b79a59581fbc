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

export const trimmed = (min: number, max: number) => z.string().trim().min(min).max(max);

export const PageQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

export interface Page<T> {
  items: T[];
  total: number;
}
