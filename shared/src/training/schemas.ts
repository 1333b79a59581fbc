import { z } from 'zod';

import { IdSchema, type ProgramKind, SchoolYearSchema } from '../common.js';
import type { Share } from '../coverage/rules.js';
import type { StudentItemDto } from '../lessons/items.js';
import type { Block } from '../lessons/lessons.js';

/**
 * The Department's program for its own people (officials, school leaders, teachers): its
 * lessons, the year's list of them, staff assignments and their completion. A separate
 * program: never counted in the students' coverage.
 */

const When = z.iso.datetime({ offset: true, error: 'when.format' });

export const TrainingYearQuery = z.object({ year: SchoolYearSchema });
export type TrainingYearQuery = z.infer<typeof TrainingYearQuery>;

/** The year's staff program, saved whole: its lessons in order, each required or optional. */
export const TrainingProgramBody = z.object({
  year: SchoolYearSchema,
  lessons: z
    .array(z.object({ lessonId: IdSchema, required: z.boolean().default(true) }))
    .max(40)
    .refine((list) => new Set(list.map((l) => l.lessonId)).size === list.length, { error: 'training.lessonTwice' }),
});
export type TrainingProgramBody = z.infer<typeof TrainingProgramBody>;

/** The year's targets for the staff program (per province and year, like the students'). */
export const TrainingTargetsBody = z.object({
  year: SchoolYearSchema,
  /** % of schools whose staff have the program. */
  staffTarget: z.number().min(0).max(100),
  /** % of staff who completed at least one lesson. */
  staffReachedTarget: z.number().min(0).max(100),
});
export type TrainingTargetsBody = z.infer<typeof TrainingTargetsBody>;

/**
 * Give a staff lesson: to the staff of some schools, of every school (`allSchools`), and/or
 * to the Department's own officials. A school admin gives only to their own school.
 */
export const TrainingAssignBody = z
  .object({
    lessonId: IdSchema,
    schoolIds: z.array(IdSchema).max(5000).default([]),
    allSchools: z.boolean().default(false),
    department: z.boolean().default(false),
    opensAt: When,
    dueAt: When,
  })
  .refine((a) => Date.parse(a.dueAt) > Date.parse(a.opensAt), { path: ['dueAt'], error: 'when.afterOpening' })
  .refine((a) => a.allSchools || a.department || a.schoolIds.length > 0, { path: ['schoolIds'], error: 'training.noTarget' });
export type TrainingAssignBody = z.infer<typeof TrainingAssignBody>;

export interface TrainingLessonSummaryDto {
  id: string;
  title: string;
  kind: ProgramKind;
  durationMinutes: number;
  summary: string;
  itemCount: number;
}

/** A staff lesson as the person doing it reads it: no answer key. */
export interface TrainingLessonDto {
  id: string;
  title: string;
  kind: ProgramKind;
  durationMinutes: number;
  summary: string;
  objectives: string[];
  body: Block[];
  items: StudentItemDto[];
}

export interface TrainingProgramDto {
  year: string;
  lessons: (TrainingLessonSummaryDto & { required: boolean })[];
  staffTarget: number;
  staffReachedTarget: number;
}

/** One act of giving a lesson, as the people who gave it see it. */
export interface TrainingAssignmentDto {
  /** The group: one id for all the schools it went to. */
  id: string;
  lessonId: string;
  title: string;
  opensAt: string;
  dueAt: string;
  createdByName: string | null;
  /** Schools whose staff it went to (those the caller may see), and whether the Department's officials got it. */
  schools: number;
  department: boolean;
  /** Staff it is given to, and those who handed it in. */
  staff: number;
  submitted: number;
  passed: number;
}

/** A staff lesson given to me, with where I stand. */
export interface MyTrainingDto {
  /** The assignment to start (`POST /api/training/assignments/:id/attempt`). */
  id: string;
  lessonId: string;
  title: string;
  opensAt: string;
  dueAt: string;
  status: 'upcoming' | 'not_started' | 'in_progress' | 'submitted';
  overdue: boolean;
  percent?: number;
  passed?: boolean;
}

/** One unit's staff (a school's teachers and leaders, or the Department's officials) against the program. */
export interface TrainingUnitDto {
  /** A school's id; null for the Department itself. */
  schoolId: string | null;
  name: string;
  areaName: string | null;
  staff: number;
  /** Completed (staff member, required lesson) pairs over expected pairs. */
  coverage: Share;
  hasProgram: boolean;
  /** Staff who completed at least one lesson of the program. */
  reached: Share;
}

export interface TrainingCoverageDto {
  year: string;
  generatedAt: string;
  requiredLessons: number;
  schoolThreshold: number;
  passMark: number;
  /** Schools whose staff have the program, over schools, beside the target. */
  schools: Share & { target: number; met: boolean };
  /** Staff (schools' and the Department's) who completed a lesson, beside the target. */
  staffReached: Share & { target: number; met: boolean };
  department: TrainingUnitDto | null;
  units: TrainingUnitDto[];
}
