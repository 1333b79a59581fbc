import { z } from 'zod';

import {
  type CurriculumLevel,
  CurriculumLevelSchema,
  GRADES_BY_LEVEL,
  GradeSchema,
  IdSchema,
  line,
  type ProgramKind,
  ProgramKindSchema,
  SchoolYearSchema,
  trimmed,
  trimmedLine,
} from '../common.js';
import { GradableItemSchema, type ItemDto, type StudentItemDto } from './items.js';

/** An address a lesson may show: https, or a path on this site. Never `javascript:` or `data:`. */
const SafeUrl = z
  .string()
  .trim()
  .max(500)
  .regex(/^(https:\/\/[^\s"'<>]+|\/[^\s"'<>/][^\s"'<>]*)$/, { error: 'lesson.safeUrl' });

/** The rich text of a lesson, block by block; plain text in every field (no HTML). */
export const BlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), text: trimmedLine(1, 200) }),
  z.object({ type: z.literal('paragraph'), text: trimmed(1, 4000) }),
  z.object({ type: z.literal('list'), ordered: z.boolean().default(false), items: z.array(trimmed(1, 600)).min(1).max(20) }),
  /** A boxed "remember this" note. */
  z.object({ type: z.literal('tip'), text: trimmed(1, 1000) }),
  z.object({ type: z.literal('image'), url: SafeUrl, alt: trimmed(1, 300), caption: trimmed(1, 300).optional() }),
  /** A realistic post, message or headline, shown in its own frame. */
  z.object({
    type: z.literal('quote'),
    format: z.enum(['post', 'sms', 'email', 'chat', 'headline', 'comment']),
    author: trimmedLine(1, 200).optional(),
    meta: trimmedLine(1, 200).optional(),
    text: trimmed(1, 2000),
  }),
  z.object({ type: z.literal('video'), url: SafeUrl, title: trimmedLine(1, 200) }),
]);
export type Block = z.infer<typeof BlockSchema>;
export type BlockType = Block['type'];

/** An item inside a lesson being saved: with `id` it is that bank item (changed or not), without it a new one. */
export const LessonItemInput = z.intersection(z.object({ id: IdSchema.optional() }), GradableItemSchema);
export type LessonItemInput = z.infer<typeof LessonItemInput>;

const lessonFields = {
  title: trimmedLine(3, 200),
  kind: ProgramKindSchema,
  level: CurriculumLevelSchema,
  gradeMin: GradeSchema,
  gradeMax: GradeSchema,
  durationMinutes: z.number().int().min(5).max(180),
  summary: trimmed(0, 600).default(''),
  objectives: z.array(trimmed(1, 300)).min(1).max(10),
  body: z.array(BlockSchema).min(1).max(80),
  items: z.array(LessonItemInput).min(1).max(40),
};

function checkGradeBand(lesson: { level: CurriculumLevel; gradeMin: number; gradeMax: number }, ctx: z.RefinementCtx) {
  const grades = GRADES_BY_LEVEL[lesson.level];
  for (const field of ['gradeMin', 'gradeMax'] as const)
    if (!grades.includes(lesson[field]))
      ctx.addIssue({ code: 'custom', path: [field], message: 'lesson.gradeBand', params: { level: lesson.level, from: grades[0], to: grades.at(-1) } });
  if (lesson.gradeMin > lesson.gradeMax) ctx.addIssue({ code: 'custom', path: ['gradeMax'], message: 'lesson.gradeOrder' });
}

/** A lesson as the author saves it, whole: text, blocks and items. */
export const LessonBody = z.object(lessonFields).superRefine(checkGradeBand);
export type LessonBody = z.infer<typeof LessonBody>;
export type LessonBodyInput = z.input<typeof LessonBody>;

/** A lesson of the starter library as its data file holds it: the same body, named by a stable slug. */
export const StarterLessonSchema = z
  .object({ slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'lesson.slug' }), ...lessonFields })
  .superRefine(checkGradeBand);
export type StarterLesson = z.infer<typeof StarterLessonSchema>;

/** A lesson of the staff library (officials, school leaders, teachers): the same body, with no school level or grade. */
const { level: _level, gradeMin: _gradeMin, gradeMax: _gradeMax, ...staffLessonFields } = lessonFields;
export const StarterStaffLessonSchema = z.object({ slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'lesson.slug' }), ...staffLessonFields });
export type StarterStaffLesson = z.infer<typeof StarterStaffLessonSchema>;

/** The staff library's program for the demo year: its lessons in order, required or not. */
export const StarterStaffProgramSchema = z.array(z.object({ slug: line(), required: z.boolean() })).min(1);
export type StarterStaffProgram = z.infer<typeof StarterStaffProgramSchema>;

/** Which lessons of the starter library make up each of the demo year's curricula, in order. */
export const StarterCurriculaSchema = z.array(
  z.object({
    level: CurriculumLevelSchema,
    kind: ProgramKindSchema,
    title: trimmedLine(3, 200),
    lessons: z.array(z.object({ slug: line(), required: z.boolean(), suggestedMonth: z.number().int().min(1).max(12) })).min(1),
  }),
);
export type StarterCurricula = z.infer<typeof StarterCurriculaSchema>;

export const LessonListQuery = z.object({
  year: SchoolYearSchema.optional(),
  level: CurriculumLevelSchema.optional(),
  kind: ProgramKindSchema.optional(),
});
export type LessonListQuery = z.infer<typeof LessonListQuery>;

export const LibraryQuery = z.object({
  q: trimmedLine(0, 100).optional(),
  level: CurriculumLevelSchema.optional(),
  kind: ProgramKindSchema.optional(),
});
export type LibraryQuery = z.infer<typeof LibraryQuery>;

/** A row of `GET /api/lessons` (DESIGN §4) and of the authoring library. */
export interface LessonSummaryDto {
  id: string;
  title: string;
  kind: ProgramKind;
  level: CurriculumLevel;
  itemCount: number;
  gradeMin: number;
  gradeMax: number;
  durationMinutes: number;
  summary: string;
}

export interface LibraryLessonDto extends LessonSummaryDto {
  lockedAt: string | null;
  revisesId: string | null;
  updatedAt: string;
  /** Curriculum versions that list it, newest first: `2026-2027 v2 (published)`. */
  usedIn: { curriculumId: string; versionId: string; schoolYear: string; version: number; status: CurriculumStatus }[];
}

interface LessonDtoBase {
  id: string;
  title: string;
  kind: ProgramKind;
  level: CurriculumLevel;
  gradeMin: number;
  gradeMax: number;
  durationMinutes: number;
  summary: string;
  objectives: string[];
  body: Block[];
}

/** A lesson as staff read it, answer keys included. */
export interface LessonDto extends LessonDtoBase {
  items: ItemDto[];
  lockedAt: string | null;
  revisesId: string | null;
  updatedAt: string;
}

/** A lesson as a student reads it: no answer key, no feedback. */
export interface StudentLessonDto extends LessonDtoBase {
  items: StudentItemDto[];
}

// ── Curricula ──────────────────────────────────────────────────────────────

export const CurriculumStatusSchema = z.enum(['draft', 'published', 'superseded']);
export type CurriculumStatus = z.infer<typeof CurriculumStatusSchema>;

export const CreateCurriculumBody = z.object({
  schoolYear: SchoolYearSchema,
  level: CurriculumLevelSchema,
  kind: ProgramKindSchema,
  title: trimmedLine(3, 200).optional(),
});
export type CreateCurriculumBody = z.infer<typeof CreateCurriculumBody>;

export const CurriculumLessonInput = z.object({
  lessonId: IdSchema,
  required: z.boolean().default(true),
  /** The calendar month the lesson is suggested for (9 = September). */
  suggestedMonth: z.number().int().min(1).max(12).nullable().default(null),
});
export type CurriculumLessonInput = z.infer<typeof CurriculumLessonInput>;

/** A draft version saved whole: the ordered lessons and a note on what changed. */
export const UpdateCurriculumVersionBody = z
  .object({
    title: trimmedLine(3, 200).optional(),
    note: trimmed(0, 500).default(''),
    lessons: z.array(CurriculumLessonInput).max(60),
  })
  .superRefine((v, ctx) => {
    const ids = v.lessons.map((l) => l.lessonId);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['lessons'], message: 'curriculum.lessonTwice' });
  });
export type UpdateCurriculumVersionBody = z.infer<typeof UpdateCurriculumVersionBody>;

export const CurriculumListQuery = LessonListQuery;
export type CurriculumListQuery = LessonListQuery;

export interface CurriculumVersionSummaryDto {
  id: string;
  version: number;
  status: CurriculumStatus;
  note: string;
  lessonCount: number;
  requiredCount: number;
  publishedAt: string | null;
  publishedByName: string | null;
  updatedAt: string;
}

export interface CurriculumDto {
  id: string;
  schoolYear: string;
  level: CurriculumLevel;
  kind: ProgramKind;
  title: string;
  /** The version schools follow; null until the first publication. */
  published: CurriculumVersionSummaryDto | null;
  /** The version being edited (dept admins only). */
  draft: CurriculumVersionSummaryDto | null;
}

export interface CurriculumLessonDto {
  lessonId: string;
  position: number;
  required: boolean;
  suggestedMonth: number | null;
  title: string;
  itemCount: number;
  durationMinutes: number;
  gradeMin: number;
  gradeMax: number;
  lockedAt: string | null;
}

export interface CurriculumVersionDto extends CurriculumVersionSummaryDto {
  curriculumId: string;
  schoolYear: string;
  level: CurriculumLevel;
  kind: ProgramKind;
  title: string;
  lessons: CurriculumLessonDto[];
}

/** `GET /api/curricula/:id`: the version schools follow and, for dept admins, the one being edited. */
export interface CurriculumDetailDto {
  id: string;
  schoolYear: string;
  level: CurriculumLevel;
  kind: ProgramKind;
  title: string;
  published: CurriculumVersionDto | null;
  draft: CurriculumVersionDto | null;
}

/** The default title of a curriculum, in Vietnamese as schools see it. */
export function defaultCurriculumTitle(kind: ProgramKind, level: CurriculumLevel, schoolYear: string): string {
  const program = kind === 'SAFETY' ? 'An toàn thông tin' : 'Đọc hiểu tin tức và tư duy phản biện';
  return `${program} — ${level} — ${schoolYear}`;
}

/** The school year before "2026-2027": "2025-2026". */
export function previousSchoolYear(schoolYear: string): string {
  const start = Number(schoolYear.slice(0, 4)) - 1;
  return `${start}-${start + 1}`;
}
