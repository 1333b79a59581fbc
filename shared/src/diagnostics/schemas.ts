import { z } from 'zod';

import { type CurriculumLevel, CurriculumLevelSchema, IdSchema, type ProgramKind, ProgramKindSchema, SchoolYearSchema, trimmedLine } from '../common.js';
import type { DiagnosticSummary, ItemFlag, TagStanding } from './stats.js';

/** The manipulation techniques a media-literacy item can measure (after the "Bad News" inoculation research). */
export const TECHNIQUES = [
  'impersonation',
  'emotional_language',
  'polarisation',
  'conspiracy',
  'discrediting',
  'trolling',
  'fake_experts',
  'cherry_picking',
] as const;
/** The online-safety skills an item can measure. */
export const SAFETY_SKILLS = ['phishing', 'personal_data', 'scams', 'malware', 'account_security'] as const;
export const DiagnosticTagSchema = z.enum([...TECHNIQUES, ...SAFETY_SKILLS]);
export type DiagnosticTag = z.infer<typeof DiagnosticTagSchema>;

export const DiagnosticFormSchema = z.enum(['A', 'B']);
export type DiagnosticForm = z.infer<typeof DiagnosticFormSchema>;
export const DiagnosticPhaseSchema = z.enum(['pre', 'post']);
export type DiagnosticPhase = z.infer<typeof DiagnosticPhaseSchema>;

/** One question of a form: a bank item, what it measures, and whether its content is genuine (real and reliable). */
export const DiagnosticItemInput = z.object({
  itemId: IdSchema,
  measures: DiagnosticTagSchema,
  genuine: z.boolean(),
});
export type DiagnosticItemInput = z.infer<typeof DiagnosticItemInput>;

const Form = z.array(DiagnosticItemInput).min(4).max(40);

/** Two parallel forms, each mixing genuine items with false or manipulative ones. */
export const CreateDiagnosticBody = z
  .object({
    title: trimmedLine(3, 200),
    schoolYear: SchoolYearSchema,
    level: CurriculumLevelSchema,
    kind: ProgramKindSchema,
    forms: z.object({ A: Form, B: Form }),
  })
  .superRefine((d, ctx) => {
    for (const form of ['A', 'B'] as const) {
      const items = d.forms[form];
      if (!items.some((i) => i.genuine)) ctx.addIssue({ code: 'custom', path: ['forms', form], message: 'diagnostic.genuineNeeded', params: { form } });
      if (!items.some((i) => !i.genuine)) ctx.addIssue({ code: 'custom', path: ['forms', form], message: 'diagnostic.falseNeeded', params: { form } });
    }
    if (d.forms.A.length !== d.forms.B.length)
      ctx.addIssue({ code: 'custom', path: ['forms', 'B'], message: 'diagnostic.parallelForms', params: { count: d.forms.A.length } });
    const ids = [...d.forms.A, ...d.forms.B].map((i) => i.itemId);
    const seen = new Set<string>();
    ids.forEach((id, n) => {
      if (seen.has(id))
        ctx.addIssue({ code: 'custom', path: ['forms', n < d.forms.A.length ? 'A' : 'B'], message: 'diagnostic.itemTwice', params: { itemId: id } });
      seen.add(id);
    });
  });
export type CreateDiagnosticBody = z.infer<typeof CreateDiagnosticBody>;

const When = z.iso.datetime({ offset: true, error: 'when.format' });

/**
 * Opens the pre- or post-test. A teacher (or school admin) names classes; a dept admin may
 * leave them out to open it for every class of the level in the province.
 */
export const OpenRoundBody = z
  .object({
    phase: DiagnosticPhaseSchema,
    classIds: z.array(IdSchema).min(1).max(5000).optional(),
    opensAt: When,
    dueAt: When,
  })
  .refine((a) => Date.parse(a.dueAt) > Date.parse(a.opensAt), { path: ['dueAt'], error: 'when.afterOpening' });
export type OpenRoundBody = z.infer<typeof OpenRoundBody>;

export const DiagnosticResultsQuery = z.object({
  schoolId: IdSchema.optional(),
  classId: IdSchema.optional(),
});
export type DiagnosticResultsQuery = z.infer<typeof DiagnosticResultsQuery>;

export interface DiagnosticRoundDto {
  phase: DiagnosticPhase;
  classes: number;
  opensAt: string;
  dueAt: string;
}

export interface DiagnosticDto {
  id: string;
  title: string;
  schoolYear: string;
  level: CurriculumLevel;
  kind: ProgramKind;
  itemsPerForm: number;
  createdAt: string;
  rounds: DiagnosticRoundDto[];
}

export interface DiagnosticItemDto {
  itemId: string;
  form: DiagnosticForm;
  position: number;
  kind: string;
  prompt: string;
  measures: DiagnosticTag;
  genuine: boolean;
}

export interface DiagnosticDetailDto extends DiagnosticDto {
  items: DiagnosticItemDto[];
}

/** A group's figures; `summary` is null when the group has fewer than MIN_GROUP_SIZE students. */
export interface DiagnosticGroupDto {
  id: string;
  name: string;
  students: number;
  summary: DiagnosticSummary | null;
}

export interface DiagnosticItemResultDto extends DiagnosticItemDto {
  pre: { n: number; difficulty: number | null; discrimination: number | null; flags: ItemFlag[] };
  post: { n: number; difficulty: number | null; discrimination: number | null; flags: ItemFlag[] };
}

/** A class's students, for its teachers and the school: below the class there is no aggregation rule. */
export interface DiagnosticStudentRowDto {
  id: string;
  fullName: string;
  preForm: DiagnosticForm;
  pre: number | null;
  post: number | null;
  gain: number | null;
}

export interface DiagnosticResultsDto {
  diagnostic: DiagnosticDto;
  /**
   * What the figures are about: the province, one school, one class, or a teacher's classes
   * (`id` the teacher, `name` the school), which a teacher with several classes gets by default.
   */
  scope: { type: 'province' | 'school' | 'class' | 'teacher'; id: string; name: string };
  minGroupSize: number;
  total: DiagnosticGroupDto;
  /** Province: its areas. */
  areas: DiagnosticGroupDto[];
  /** Province: its schools; school: itself. */
  schools: DiagnosticGroupDto[];
  /** School or a teacher's: the classes. */
  classes: DiagnosticGroupDto[];
  /** Over false or manipulative items, the share answered wrongly, most missed after the program first. */
  techniques: TagStanding[];
  items: DiagnosticItemResultDto[];
  /** Class scope only. */
  students?: DiagnosticStudentRowDto[];
}

/** A student's own before and after. */
export interface MyDiagnosticDto {
  id: string;
  title: string;
  kind: ProgramKind;
  pre: { form: DiagnosticForm; percent: number; discernment: number | null } | null;
  post: { form: DiagnosticForm; percent: number; discernment: number | null } | null;
}
