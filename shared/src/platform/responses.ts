import type { AttemptScore } from '../assignments/grading.js';
import type { ImportRowDto, RolloverPreviewDto } from '../imports/schemas.js';

/**
 * Response bodies the client reads that have no schema of their own elsewhere in `shared`:
 * typed once here, returned by the server's services and read by the client's `api/`.
 */

/** `GET /api/contests/:id/results`: the final standings and per-question statistics of a live session. */
export interface ContestResultsDto {
  contestId: string;
  title: string;
  sessionId: string;
  /** `totalTimeMs` breaks ties, an unanswered question counting its whole duration; `joinedAt` is when the player joined. */
  standings: { rank: number; studentId: string; name: string; schoolName: string; score: number; correct: number; totalTimeMs: number; joinedAt: string }[];
  questions: {
    questionIndex: number;
    prompt: string;
    kind: string;
    options: string[];
    /** For `ordering`: the options in the right order, and `distribution` counts who placed each one right. */
    correct: number[];
    answered: number;
    correctCount: number;
    averageMs: number | null;
    distribution: number[];
  }[];
}

/** `POST /api/contests/:id/sessions` (DESIGN §4). */
export interface SessionOpenedDto {
  sessionId: string;
  pin: string;
}

/** `POST /api/diagnostics/:id/rounds`. */
export interface RoundOpenedDto {
  diagnosticId: string;
  phase: 'pre' | 'post';
  classes: number;
  schools: number;
}

/** An autosave's answer (attempt responses, contest entry answers). */
export interface SavedDto {
  savedAt: string;
}

/** `POST /api/users/:id/erase`. */
export interface ErasedDto {
  erased: true;
}

/** `GET /api/province`: the caller's province. */
export interface ProvinceDto {
  id: string;
  code: string;
  name: string;
}

/** `GET /api/items/tags`: every topic and technique the province's bank uses. */
export interface ItemTagsDto {
  topics: string[];
  techniques: string[];
}

/** `POST /api/reviews/:responseId`. */
export interface ReviewedDto {
  responseId: string;
  attemptId: string;
  score: number;
  /** The attempt's new total. */
  attemptScore: AttemptScore;
}

/** `GET /api/imports/:id/rows`. */
export interface ImportRowsPage {
  items: ImportRowDto[];
  total: number;
}

/** `POST /api/rollover`: what a rollover did, the counts of its preview, now done. */
export type RolloverResultDto = Pick<RolloverPreviewDto, 'fromYear' | 'toYear' | 'counts'>;
