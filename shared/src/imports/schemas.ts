import { z } from 'zod';

import { IdSchema, SchoolYearSchema } from '../common.js';

export const ImportTypeSchema = z.enum(['schools', 'students']);
export type ImportType = z.infer<typeof ImportTypeSchema>;

export const ImportQuery = z.object({
  type: ImportTypeSchema,
  /** For students: the school (a school admin's own school by default; a dept admin names one). */
  schoolId: IdSchema.optional(),
  /** For students: the school year the classes belong to; this year by default. */
  schoolYear: SchoolYearSchema.optional(),
});
export type ImportQuery = z.infer<typeof ImportQuery>;

export const ImportRowsQuery = z.object({
  action: z.enum(['create', 'update', 'unchanged', 'error']).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ImportRowsQuery = z.infer<typeof ImportRowsQuery>;

/** Why a cell was refused; the client words each code in Vietnamese or English. */
export const IMPORT_ERROR_CODES = [
  'REQUIRED',
  'ENCODING',
  'DATE_INVALID',
  'DATE_NOT_EXIST',
  'DATE_OUT_OF_RANGE',
  'GRADE_UNKNOWN',
  'GRADE_NOT_IN_LEVEL',
  'CLASS_GRADE_MISMATCH',
  'LEVEL_UNKNOWN',
  'GENDER_UNKNOWN',
  'CODE_INVALID',
  'DUPLICATE_IN_FILE',
  'FORMULA',
  'TOO_LONG',
  'ENROLLED_ELSEWHERE',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

export interface ImportCellError {
  /** The column's header as the file spells it (or the expected one). */
  column: string;
  code: ImportErrorCode;
  message: string;
}

export type ImportAction = 'create' | 'update' | 'unchanged' | 'error';

export interface ImportRowDto {
  /** The sheet's row number: the header is row 1. */
  row: number;
  action: ImportAction;
  errors: ImportCellError[];
  /** What the row says, as read (for the preview table). */
  values: Record<string, string>;
  /** For an update: the fields that change. */
  changes?: string[];
}

export interface ImportCounts {
  create: number;
  update: number;
  unchanged: number;
  error: number;
}

export interface ImportPreviewDto {
  importId: string;
  type: ImportType;
  fileName: string;
  counts: ImportCounts;
  /** Every row with errors, then the others up to 500; `GET /api/imports/:id/rows` pages through all. */
  rows: ImportRowDto[];
  /** For students: the classes the file creates. For schools: the areas. */
  creates: { classes?: string[]; areas?: string[] };
}

export type ImportStatus = 'pending' | 'running' | 'done' | 'failed';

export interface ImportStatusDto {
  id: string;
  type: ImportType;
  status: ImportStatus;
  /** 0-100 while running. */
  progress: number;
  counts: ImportCounts;
  fileName: string;
  schoolId: string | null;
  schoolYear: string | null;
  createdAt: string;
  finishedAt: string | null;
  error: string | null;
}

export const RolloverQuery = z.object({
  /** The year that ends; the new one follows it. */
  fromYear: SchoolYearSchema,
  /** A dept admin rolls one school over, or (without it) every school of the province. */
  schoolId: IdSchema.optional(),
});
export type RolloverQuery = z.infer<typeof RolloverQuery>;
export const RolloverBody = RolloverQuery;
export type RolloverBody = RolloverQuery;

export interface RolloverClassDto {
  id: string;
  schoolId: string;
  schoolName: string;
  name: string;
  grade: number;
  students: number;
  /** The class it becomes next year; null when its students leave the school (grade 9 of a THCS school, grade 12). */
  to: { name: string; grade: number; exists: boolean } | null;
}

export interface RolloverPreviewDto {
  fromYear: string;
  toYear: string;
  classes: RolloverClassDto[];
  counts: { classes: number; moving: number; leaving: number; alreadyThere: number };
}
