import { z } from 'zod';

import { IdSchema, SchoolYearSchema, trimmed } from '../common.js';
import type { ItemResponse } from './grading.js';

const When = z.iso.datetime({ offset: true, error: 'when.format' });

export const CreateAssignmentBody = z
  .object({
    lessonId: IdSchema,
    classIds: z.array(IdSchema).min(1).max(50),
    opensAt: When,
    dueAt: When,
  })
  .refine((a) => Date.parse(a.dueAt) > Date.parse(a.opensAt), { path: ['dueAt'], error: 'when.afterOpening' });
export type CreateAssignmentBody = z.infer<typeof CreateAssignmentBody>;

/** Move the window (extend the due date) or close the assignment to late work. */
export const UpdateAssignmentBody = z.object({
  opensAt: When.optional(),
  dueAt: When.optional(),
  closed: z.boolean().optional(),
});
export type UpdateAssignmentBody = z.infer<typeof UpdateAssignmentBody>;

export const AssignmentListQuery = z.object({
  classId: IdSchema.optional(),
  schoolYear: SchoolYearSchema.optional(),
});
export type AssignmentListQuery = z.infer<typeof AssignmentListQuery>;

export const SaveResponseBody = z.object({
  response: z.unknown().refine((r) => r !== undefined, { error: 'attempt.responseRequired' }),
  /** The client's own ordering of saves (e.g. its clock in ms): an older save never overwrites a newer one. */
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});
export type SaveResponseBody = z.infer<typeof SaveResponseBody>;

export const ReviewBody = z.object({
  score: z.number().min(0).max(10).multipleOf(0.25, { error: 'review.quarterSteps' }),
  comment: trimmed(0, 2000).default(''),
});
export type ReviewBody = z.infer<typeof ReviewBody>;

export const ProgressQuery = z.object({ format: z.enum(['json', 'xlsx']).default('json') });
export type ProgressQuery = z.infer<typeof ProgressQuery>;

export const AssignmentPlanQuery = z.object({ schoolYear: SchoolYearSchema.optional(), classId: IdSchema.optional() });
export type AssignmentPlanQuery = z.infer<typeof AssignmentPlanQuery>;

export interface AssignmentDto {
  id: string;
  lessonId: string;
  classIds: string[];
  opensAt: string;
  dueAt: string;
  closedAt: string | null;
  title: string;
  kind: string;
  schoolId: string;
  createdByName: string | null;
  /** Submitted attempts over the students of its classes. */
  submitted: number;
  students: number;
}

/**
 * A student's row of `GET /api/assignments`. `status`: upcoming (not open yet), not_started,
 * in_progress, submitted; `overdue` when past due and not submitted; `late` when submitted after the due time.
 */
export interface StudentAssignmentDto {
  id: string;
  lessonId: string;
  title: string;
  kind: string;
  opensAt: string;
  dueAt: string;
  closed: boolean;
  status: 'upcoming' | 'not_started' | 'in_progress' | 'submitted';
  overdue: boolean;
  late: boolean;
  score?: number;
  maxScore?: number;
  percent?: number;
  pendingReview?: number;
  /** A pre- or post-test of a diagnostic, done in the same player. */
  diagnosticPhase?: 'pre' | 'post';
}

export interface AttemptDto {
  attemptId: string;
  assignmentId: string;
  lessonId: string;
  status: 'in_progress' | 'submitted';
  responses: Record<string, ItemResponse>;
  startedAt: string;
  dueAt: string;
  /** Present once submitted. */
  result?: SubmitResultDto;
}

export interface ItemResultDto {
  itemId: string;
  score: number | null;
  maxScore: number;
  correct: boolean | null;
  feedback: string;
  /** The key, shown only after submission. */
  answer: unknown;
  reviewComment?: string | null;
}

export interface SubmitResultDto {
  score: number;
  maxScore: number;
  percent: number;
  late: boolean;
  passed: boolean;
  pendingReview: number;
  submittedAt: string;
  items: ItemResultDto[];
}

export const CELL_STATUSES = ['not_started', 'in_progress', 'submitted', 'passed', 'late'] as const;
/**
 * A progress cell: `late` = past due and not submitted (nudge them); `submitted` = handed in
 * below the pass mark or waiting for review; `passed` = at or above the pass mark.
 */
export type CellStatus = (typeof CELL_STATUSES)[number];

export interface ProgressDto {
  classId: string;
  className: string;
  passMark: number;
  lessons: { lessonId: string; assignmentId: string; title: string; dueAt: string; required: boolean }[];
  students: {
    id: string;
    fullName: string;
    username: string;
    cells: { lessonId: string; status: CellStatus; percent?: number; late?: boolean }[];
    /** Average percent over submitted work. */
    average: number | null;
    needsNudge: boolean;
  }[];
  /** Class average percent over every submitted attempt. */
  average: number | null;
  /** Students with late (overdue) work, or not started while the due date is near. */
  nudge: { id: string; fullName: string; late: number }[];
}

/** `GET /api/reviews` and `/api/reviews/summary`: narrow the queue to a class or a lesson; page through it. */
export const ReviewQueueQuery = z.object({
  classId: IdSchema.optional(),
  lessonId: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(500),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ReviewQueueQuery = z.infer<typeof ReviewQueueQuery>;

/**
 * One short answer waiting for a score. The queue comes grouped by question: by lesson, the
 * item's place in it, then the student's name (Vietnamese order), so one question's answers
 * follow each other and a page shows its prompt and guide once per group.
 */
export interface ReviewQueueItemDto {
  responseId: string;
  attemptId: string;
  studentName: string;
  className: string;
  lessonTitle: string;
  prompt: string;
  modelAnswer: string;
  text: string;
  maxScore: number;
  submittedAt: string;
  /** The question and where it was asked: what the queue groups and filters by. */
  itemId: string;
  lessonId: string;
  classId: string;
  assignmentId: string;
}

/** How many answers wait, in all (under the filters) and per class and lesson of the caller's whole queue. */
export interface ReviewSummaryDto {
  total: number;
  classes: { id: string; name: string; count: number }[];
  lessons: { id: string; title: string; count: number }[];
}

export interface PlanRowDto {
  lessonId: string;
  title: string;
  kind: string;
  level: string;
  required: boolean;
  suggestedMonth: number | null;
  /** Classes in the caller's scope that have no assignment of this lesson yet. */
  classesMissing: { id: string; name: string }[];
  classesAssigned: { id: string; name: string }[];
}
