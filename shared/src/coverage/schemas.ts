import { z } from 'zod';

import { type CurriculumLevel, CurriculumLevelSchema, IdSchema, type ProgramKind, type SchoolLevel, SchoolYearSchema } from '../common.js';
import type { Quarter } from './quarters.js';
import type { Share } from './rules.js';

export const CoverageQuery = z.object({
  year: SchoolYearSchema,
  level: CurriculumLevelSchema,
});
export type CoverageQuery = z.infer<typeof CoverageQuery>;

export const SchoolCoverageQuery = z.object({ year: SchoolYearSchema });
export type SchoolCoverageQuery = z.infer<typeof SchoolCoverageQuery>;

export const ReportFormatSchema = z.enum(['xlsx', 'pdf']);
export type ReportFormat = z.infer<typeof ReportFormatSchema>;

export const AnnualReportQuery = z.object({
  year: SchoolYearSchema,
  format: ReportFormatSchema.default('xlsx'),
  /** A token the client makes up to follow the build at `GET /api/reports/progress/:token`. */
  progress: IdSchema.optional(),
});
export type AnnualReportQuery = z.infer<typeof AnnualReportQuery>;

/** A quarterly province's report for one school-year quarter (1: Sep–Nov, 2: Dec–Feb, 3: Mar–May, 4: Jun–Aug). */
export const QuarterlyReportQuery = AnnualReportQuery.extend({
  quarter: z.coerce
    .number()
    .int()
    .min(1)
    .max(4)
    .transform((q) => q as Quarter),
});
export type QuarterlyReportQuery = z.infer<typeof QuarterlyReportQuery>;

export const SchoolReportQuery = AnnualReportQuery;
export type SchoolReportQuery = AnnualReportQuery;

export interface ReportProgressDto {
  /** 0-100. */
  percent: number;
  phase: 'queued' | 'reading' | 'writing' | 'done' | 'failed';
}

/** One school's standing in one program. */
export interface KindCoverageDto {
  /** Completed (student, required lesson) pairs over expected pairs. */
  coverage: Share;
  hasProgram: boolean;
  /** Students who completed at least one lesson of the program. */
  reached: Share;
  /** Where the coverage will stand at the report deadline at the pace so far; null before a day has run or without a deadline. */
  projected: number | null;
  /** Will miss the school threshold at the current pace. */
  atRisk: boolean;
  /** Classes not yet given every required lesson. */
  classesLacking: number;
}

export interface SchoolCoverageDto {
  id: string;
  name: string;
  ministryCode: string;
  level: SchoolLevel;
  areaId: string | null;
  areaName: string | null;
  students: number;
  classes: number;
  lastActivityAt: string | null;
  kinds: Record<ProgramKind, KindCoverageDto>;
}

/** The province's (or, for a school admin, the school's) figure for one program. */
export interface ProgramFigureDto {
  curriculumInForce: boolean;
  requiredLessons: number;
  /** Schools with the program over schools, beside the target. */
  schools: Share & { target: number; met: boolean };
  /** Students reached over students, beside the students-reached target. */
  reached: Share & { target: number; met: boolean };
  pairs: Share;
  /** Schools below the threshold that will not reach it at their pace. */
  atRisk: number;
}

export interface AreaCoverageDto {
  id: string | null;
  name: string;
  schools: number;
  students: number;
  kinds: Record<ProgramKind, { withProgram: Share; pairs: Share; reached: Share }>;
}

export interface TrendPointDto {
  /** YYYY-MM, in Vietnam's time. */
  month: string;
  kinds: Record<ProgramKind, { schoolsWithProgram: Share; pairs: Share; reached: number; submitted: number }>;
}

/** Contests of the year: held (someone took part), sessions run, and participations ("lượt": a student in two contests counts twice). */
export interface ContestFiguresDto {
  held: number;
  sessions: number;
  participants: number;
  byKind: Record<ProgramKind, { held: number; participants: number }>;
}

export interface CoverageSettingsDto {
  /** Targets of this level: % of schools with each program. */
  targets: Record<ProgramKind, number>;
  studentsReachedTarget: number;
  schoolThreshold: number;
  passMark: number;
  reporting: 'annual' | 'quarterly';
  reportDeadline: string | null;
}

export interface CoverageDto {
  province: { id: string; code: string; name: string };
  year: string;
  level: CurriculumLevel;
  generatedAt: string;
  settings: CoverageSettingsDto;
  /**
   * Days left to the report deadline (negative once it has passed); null without a deadline. For a
   * province reporting quarterly: the next quarterly report due (`quarter` says which quarter it is for).
   */
  deadline: { date: string | null; daysLeft: number | null; quarter?: Quarter };
  totals: Record<ProgramKind, ProgramFigureDto>;
  areas: AreaCoverageDto[];
  schools: SchoolCoverageDto[];
  trend: TrendPointDto[];
  contests: ContestFiguresDto;
}

export interface RequiredLessonDto {
  lessonId: string;
  lineageId: string;
  title: string;
  kind: ProgramKind;
}

export interface ClassCoverageDto {
  id: string;
  name: string;
  grade: number;
  level: CurriculumLevel;
  students: number;
  teachers: { id: string; fullName: string }[];
  kinds: Record<ProgramKind, { coverage: Share; reached: Share; assigned: number; required: number }>;
  /** Required lessons not yet given to the class. */
  missing: RequiredLessonDto[];
  /** Students who completed each required lesson, by lineage. */
  passed: Record<string, number>;
  lastActivityAt: string | null;
}

export interface TeacherCoverageDto {
  id: string;
  fullName: string;
  classes: number;
  students: number;
  kinds: Record<ProgramKind, Share>;
}

export interface SchoolCoverageDetailDto {
  school: { id: string; name: string; ministryCode: string; level: SchoolLevel; areaName: string | null };
  year: string;
  settings: Omit<CoverageSettingsDto, 'targets'>;
  deadline: { date: string | null; daysLeft: number | null; quarter?: Quarter };
  /** The school's figure per level it teaches. */
  levels: { level: CurriculumLevel; kinds: Record<ProgramKind, KindCoverageDto>; required: RequiredLessonDto[] }[];
  classes: ClassCoverageDto[];
  teachers: TeacherCoverageDto[];
}

/** One school at a quarter's end, in one program: figures from the month roll-ups up to that day. */
export interface QuarterSchoolKindDto {
  coverage: Share;
  hasProgram: boolean;
  /** Had the program at the quarter's end and not at its start. */
  newlyWithProgram: boolean;
  reached: Share;
  /** Where the coverage would stand at the projection's horizon at the pace up to the quarter's end. */
  projected: number | null;
  atRisk: boolean;
}

/** A quarter of a level: where it stood at the start and the end, and what happened in it. */
export interface QuarterCoverageDto {
  province: { id: string; code: string; name: string };
  year: string;
  level: CurriculumLevel;
  quarter: Quarter;
  /** YYYY-MM-DD, Vietnam's calendar. */
  period: { firstDay: string; lastDay: string };
  /** Whether the quarter had ended when the report was made (otherwise the figures are those so far). */
  ended: boolean;
  settings: CoverageSettingsDto;
  /** The projection of the schools at risk: from the lessons' start to this day (YYYY-MM-DD). */
  projection: { from: string; to: string };
  /** The next quarter's report and when it is due. */
  nextDeadline: { schoolYear: string; quarter: Quarter; date: string };
  totals: Record<
    ProgramKind,
    {
      curriculumInForce: boolean;
      requiredLessons: number;
      /** Schools with the program at the quarter's start and end, the end beside the target. */
      schoolsAtStart: Share;
      schools: Share & { target: number; met: boolean };
      /** Students reached at the start and end; `reachedInQuarter` = end − start. */
      reachedAtStart: number;
      reached: Share & { target: number; met: boolean };
      reachedInQuarter: number;
      pairs: Share;
      /** Submitted attempts (lessons done) in the quarter's months. */
      lessonsDone: number;
      atRisk: number;
    }
  >;
  schools: (Omit<SchoolCoverageDto, 'kinds' | 'lastActivityAt'> & { kinds: Record<ProgramKind, QuarterSchoolKindDto> })[];
  /** Contests created in the quarter: held (someone took part) and participations. */
  contests: ContestFiguresDto;
}
