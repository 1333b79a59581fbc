import { z } from 'zod';

import { NewPasswordSchema } from '../auth/schemas.js';
import {
  CurriculumLevelSchema,
  GradeSchema,
  IdSchema,
  PageQuerySchema,
  ProgramKindSchema,
  RoleSchema,
  SchoolLevelSchema,
  SchoolYearSchema,
  trimmedLine,
} from '../common.js';

// ── Areas (commune/ward or legacy district) ────────────────────────────────
export const CreateAreaBody = z.object({ name: trimmedLine(2, 120), code: trimmedLine(1, 20).optional() });
export type CreateAreaBody = z.infer<typeof CreateAreaBody>;
export const UpdateAreaBody = CreateAreaBody.partial();
export type UpdateAreaBody = z.infer<typeof UpdateAreaBody>;
export interface AreaDto {
  id: string;
  provinceId: string;
  name: string;
  code: string | null;
}

// ── Schools ────────────────────────────────────────────────────────────────
/** Ministry school codes are digits and letters, e.g. 20001234. */
export const MinistryCodeSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z]{4,20}$/, { error: 'school.ministryCode' });

export const CreateSchoolBody = z.object({
  name: trimmedLine(3, 200),
  level: SchoolLevelSchema,
  ministryCode: MinistryCodeSchema,
  areaId: IdSchema.nullable().optional(),
  address: trimmedLine(0, 300).optional(),
});
export type CreateSchoolBody = z.infer<typeof CreateSchoolBody>;
export const UpdateSchoolBody = CreateSchoolBody.partial();
export type UpdateSchoolBody = z.infer<typeof UpdateSchoolBody>;
export const SchoolListQuery = PageQuerySchema.extend({
  level: SchoolLevelSchema.optional(),
  areaId: IdSchema.optional(),
});
export type SchoolListQuery = z.infer<typeof SchoolListQuery>;
export interface SchoolDto {
  id: string;
  provinceId: string;
  areaId: string | null;
  name: string;
  level: z.infer<typeof SchoolLevelSchema>;
  ministryCode: string;
  address: string | null;
}

// ── Classes ────────────────────────────────────────────────────────────────
export const CreateClassBody = z.object({
  schoolId: IdSchema,
  name: trimmedLine(1, 40),
  grade: GradeSchema,
  schoolYear: SchoolYearSchema,
  teacherIds: z.array(IdSchema).max(20).default([]),
});
export type CreateClassBody = z.infer<typeof CreateClassBody>;
// Spelled out: a partial of CreateClassBody would keep teacherIds' default and empty the list on every update.
export const UpdateClassBody = z.object({
  name: trimmedLine(1, 40).optional(),
  grade: GradeSchema.optional(),
  schoolYear: SchoolYearSchema.optional(),
  teacherIds: z.array(IdSchema).max(20).optional(),
});
export type UpdateClassBody = z.infer<typeof UpdateClassBody>;
export const ClassListQuery = z.object({
  schoolId: IdSchema.optional(),
  schoolYear: SchoolYearSchema.optional(),
});
export type ClassListQuery = z.infer<typeof ClassListQuery>;
export interface ClassDto {
  id: string;
  name: string;
  grade: number;
  schoolId: string;
  schoolYear: string;
  teacherIds: string[];
  studentCount: number;
}

// ── Users ──────────────────────────────────────────────────────────────────
/** Usernames are ASCII, lower case, no diacritics: `hs1`, `nguyenvana.8a1`. */
export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, { error: 'user.username' });

export const GenderSchema = z.enum(['M', 'F']);

export const CreateUserBody = z
  .object({
    username: UsernameSchema,
    fullName: trimmedLine(2, 120),
    role: RoleSchema,
    schoolId: IdSchema.nullable().optional(),
    /** Leave out to get a generated one-time password that must be changed at first login. */
    password: NewPasswordSchema.optional(),
    birthDate: z.iso.date().optional(),
    gender: GenderSchema.optional(),
  })
  .refine((u) => (u.role === 'dept_admin') === (u.schoolId == null), {
    error: 'user.schoolRole',
    path: ['schoolId'],
  });
export type CreateUserBody = z.infer<typeof CreateUserBody>;
export const UpdateUserBody = z.object({
  fullName: trimmedLine(2, 120).optional(),
  active: z.boolean().optional(),
  birthDate: z.iso.date().nullable().optional(),
  gender: GenderSchema.nullable().optional(),
});
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;
export const UserListQuery = PageQuerySchema.extend({
  role: RoleSchema.optional(),
  schoolId: IdSchema.optional(),
  classId: IdSchema.optional(),
});
export type UserListQuery = z.infer<typeof UserListQuery>;
export interface UserDto {
  id: string;
  username: string;
  fullName: string;
  role: z.infer<typeof RoleSchema>;
  provinceId: string;
  schoolId: string | null;
  active: boolean;
  mustChangePassword: boolean;
  birthDate: string | null;
  gender: 'M' | 'F' | null;
}
export interface CreatedUserDto extends UserDto {
  /** Present when the server generated a one-time password. */
  temporaryPassword?: string;
}
export interface PasswordResetDto {
  username: string;
  temporaryPassword: string;
}

// ── Enrollments ────────────────────────────────────────────────────────────
export const EnrollBody = z.object({ studentIds: z.array(IdSchema).min(1).max(200) });
export type EnrollBody = z.infer<typeof EnrollBody>;
export const EnrollmentParams = z.object({ id: IdSchema, studentId: IdSchema });

// ── Province year: targets, thresholds, report deadline ───────────────────
const Percent = z.number().min(0).max(100);
export const TargetsSchema = z.object({
  SAFETY: z.object({ THCS: Percent, THPT: Percent }),
  MEDIA_LITERACY: z.object({ THCS: Percent, THPT: Percent }),
});
export type Targets = z.infer<typeof TargetsSchema>;

export const ProvinceYearBody = z.object({
  targets: TargetsSchema,
  /** % of students reached (completed ≥ 1 lesson of the kind). */
  studentsReachedTarget: Percent,
  /** A school has the program when its coverage reaches this %. */
  schoolThreshold: Percent,
  /** An attempt counts as completed at this % of the maximum score. */
  passMark: Percent,
  reporting: z.enum(['annual', 'quarterly']),
  /** The date the annual report is due (e.g. 15/11 → 2027-11-15); null for quarterly reporting. */
  reportDeadline: z.iso.date().nullable(),
  /** For quarterly reporting: each quarter's report is due on this day of the month after the quarter (1-28; 15 when left out). */
  quarterReportDay: z.number().int().min(1).max(28).default(15),
  /** The province's own plan the annual report cites beside Decision 1907/QĐ-TTg, e.g. "Kế hoạch số 123/KH-UBND ngày 01/3/2026". */
  planReference: trimmedLine(0, 300).default(''),
});
export type ProvinceYearBody = z.infer<typeof ProvinceYearBody>;
export const SchoolYearParam = z.object({ year: SchoolYearSchema });
export interface ProvinceYearDto extends ProvinceYearBody {
  provinceId: string;
  schoolYear: string;
}

export const DEFAULT_PROVINCE_YEAR: Omit<ProvinceYearBody, 'reportDeadline'> = {
  targets: { SAFETY: { THCS: 80, THPT: 80 }, MEDIA_LITERACY: { THCS: 50, THPT: 50 } },
  studentsReachedTarget: 100,
  schoolThreshold: 80,
  passMark: 50,
  reporting: 'annual',
  quarterReportDay: 15,
  planReference: '',
};

export { CurriculumLevelSchema, ProgramKindSchema };
