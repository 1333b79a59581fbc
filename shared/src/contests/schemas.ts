import { z } from 'zod';

import { IdSchema, ProgramKindSchema, trimmedLine } from '../common.js';
import type { Phase } from './machine.js';

export const ContestScopeSchema = z.object({ type: z.enum(['class', 'school', 'province']), id: IdSchema });
export type ContestScope = z.infer<typeof ContestScopeSchema>;

/** DESIGN §4 `POST /api/contests`, plus the program it counts for and the scheduled window. */
export const CreateContestBody = z
  .object({
    title: trimmedLine(3, 200),
    mode: z.enum(['live', 'scheduled']),
    scope: ContestScopeSchema,
    itemIds: z.array(IdSchema).min(1).max(100),
    secondsPerQuestion: z.number().int().min(5).max(300),
    /** The program the contest is an activity of, for coverage; by default that of its first item's lesson. */
    kind: ProgramKindSchema.optional(),
    /** Scheduled contests: the window of days, and each student's time limit for the one attempt. */
    opensAt: z.iso.datetime({ offset: true }).optional(),
    closesAt: z.iso.datetime({ offset: true }).optional(),
  })
  .superRefine((c, ctx) => {
    if (new Set(c.itemIds).size !== c.itemIds.length) ctx.addIssue({ code: 'custom', path: ['itemIds'], message: 'contest.itemTwice' });
    if (c.mode === 'scheduled') {
      if (!c.opensAt) ctx.addIssue({ code: 'custom', path: ['opensAt'], message: 'contest.windowNeeded' });
      if (!c.closesAt) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'contest.windowNeeded' });
      if (c.opensAt && c.closesAt && Date.parse(c.closesAt) <= Date.parse(c.opensAt))
        ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'when.afterOpening' });
    }
  });
export type CreateContestBody = z.infer<typeof CreateContestBody>;

export const ResultsQuery = z.object({ format: z.enum(['json', 'xlsx', 'csv']).default('json'), sessionId: IdSchema.optional() });
export type ResultsQuery = z.infer<typeof ResultsQuery>;

// ── WebSocket events (namespace /live) ────────────────────────────────────

export const PinSchema = z.string().regex(/^\d{6}$/, { error: 'contest.pin' });
export const JoinPayload = z.object({ pin: PinSchema });
export type JoinPayload = z.infer<typeof JoinPayload>;
export const AnswerPayload = z.object({
  questionIndex: z.number().int().min(0).max(1000),
  choice: z.array(z.number().int().min(0).max(20)).max(20),
});
export type AnswerPayload = z.infer<typeof AnswerPayload>;
export const HostPayload = z.object({ sessionId: IdSchema });
export type HostPayload = z.infer<typeof HostPayload>;
export const KickPayload = z.object({ sessionId: IdSchema, studentId: IdSchema });
export type KickPayload = z.infer<typeof KickPayload>;

export const LIVE_ERROR_CODES = [
  'BAD_PAYLOAD',
  'NOT_ALLOWED',
  'PIN_NOT_FOUND',
  'TOO_LATE',
  'ALREADY_ANSWERED',
  'RATE_LIMITED',
  'UNAUTHENTICATED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type LiveErrorCode = (typeof LIVE_ERROR_CODES)[number];
export type Ack<T = object> = ({ ok: true } & T) | { ok: false; error: { code: LiveErrorCode; message: string } };

export interface QuestionView {
  questionIndex: number;
  total: number;
  text: string;
  options: string[];
  kind: string;
  durationMs: number;
  endsAt: number;
  serverNow: number;
}

export interface SessionStateView {
  sessionId: string;
  phase: Phase;
  questionIndex: number;
  total: number;
  /** The question: while it is open or paused, and at its reveal (its text, options and kind to show the answer with). */
  question?: QuestionView;
  endsAt?: number;
  serverNow: number;
  players: number;
  answered: number;
  /**
   * Per student: own score, rank and whether this question is answered (with the choice).
   * While a question is open, score and rank are those before it (they would tell whether the
   * answer was right); from its reveal on they include it, and `points` is what it earned.
   */
  you?: { score: number; rank: number | null; answered: boolean; choice?: number[]; points?: number };
  /** In the reveal phase: exactly what `question:reveal` sent, so that a reloaded page shows the same. */
  reveal?: RevealView;
  /** Host only. */
  pin?: string;
  title?: string;
}

export interface LeaderboardView {
  top: { rank: number; name: string; schoolName: string; score: number }[];
  you?: { rank: number | null; score: number };
}

export interface RevealView {
  questionIndex: number;
  /** The item's kind: how to read `correct` and `distribution`. */
  kind: string;
  /** The right options; for `ordering`, the options' indices in the right order. */
  correct: number[];
  /** Per option: how many chose it; for `ordering`, how many placed it at its right position. */
  distribution: number[];
}

// ── Scheduled contests ("cuộc thi tìm hiểu"): a window of days, one timed entry per student ──

export const EntryAnswerBody = z.object({ choice: z.array(z.number().int().min(0).max(20)).max(20) });
export type EntryAnswerBody = z.infer<typeof EntryAnswerBody>;
export const EntryAnswerParams = z.object({ id: IdSchema, questionIndex: z.coerce.number().int().min(0).max(1000) });
export type EntryAnswerParams = z.infer<typeof EntryAnswerParams>;
/** One page of a leaderboard: the top 100 by default. */
export const LeaderboardQuery = z.object({
  by: z.enum(['student', 'school', 'area']).default('student'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type LeaderboardQuery = z.infer<typeof LeaderboardQuery>;

/** A student's one entry in a scheduled contest: the questions (never the answers) and the server's deadline. */
export interface ContestEntryDto {
  entryId: string;
  contestId: string;
  title: string;
  startedAt: string;
  /** startedAt + secondsPerQuestion × questions; answers after it (plus the grace) are refused. */
  deadline: string;
  serverNow: number;
  submittedAt: string | null;
  /**
   * In this student's own order (seeded by the entry: the same on every device): `questionIndex`
   * is the contest's index, which answers are saved under; `position` the place shown (0-based);
   * `options` in this student's order, which `choice` and `answers` refer to.
   */
  questions: { questionIndex: number; position: number; text: string; options: string[]; kind: string }[];
  answers: Record<string, number[]>;
  /** Once submitted (or past the deadline). */
  result?: { score: number; correct: number; total: number; timeMs: number };
}

export interface ContestDto {
  id: string;
  title: string;
  mode: 'live' | 'scheduled';
  scope: ContestScope;
  kind: string;
  itemIds: string[];
  secondsPerQuestion: number;
  opensAt: string | null;
  closesAt: string | null;
  createdAt: string;
  /** Scheduled contests, for a student: the state of own entry. */
  entry?: { status: 'not_started' | 'in_progress' | 'submitted'; score?: number };
  /** Whether the leaderboard is public: a scheduled contest's window has closed. */
  published?: boolean;
}

export interface LeaderboardRowDto {
  rank: number;
  /** Student, school or area name. */
  name: string;
  schoolName?: string;
  score: number;
  /** Schools and areas: how many students took part, and their average. */
  entries?: number;
  averageScore?: number;
  /** Students: the tie-break time, the time used plus each unanswered question's whole share (`entryTimeMs`). */
  timeMs?: number;
}

export interface ContestLeaderboardDto {
  contestId: string;
  by: 'student' | 'school' | 'area';
  /** The window has closed and the standings are final: served from the published snapshot. */
  published: boolean;
  closesAt: string | null;
  /** The page asked for (`limit` rows from `offset`), in rank order. */
  rows: LeaderboardRowDto[];
  /** How many rows the whole leaderboard has. */
  total: number;
  /** A student's own row, by student, wherever it is. */
  you?: LeaderboardRowDto;
}

/** Every event a client may send on `/live`: the gateway listens to exactly these, and the authorization matrix covers each. */
export const LIVE_CLIENT_EVENTS = [
  'session:join',
  'answer:submit',
  'host:attach',
  'host:kick',
  'host:start',
  'host:next',
  'host:reveal',
  'host:end',
  'host:skip',
  'host:pause',
  'host:resume',
] as const;
export type LiveClientEvent = (typeof LIVE_CLIENT_EVENTS)[number];
