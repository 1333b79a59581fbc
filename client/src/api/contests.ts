import type {
  ContestDto,
  ContestEntryDto,
  ContestLeaderboardDto,
  ContestResultsDto,
  CreateContestBody,
  LeaderboardQuery,
  SavedDto,
  SessionOpenedDto,
} from '@tinhtao/shared';

import { download, http } from './http';

export type { ContestResultsDto } from '@tinhtao/shared';

export type ResultsFormat = 'csv' | 'xlsx';
export type LeaderboardBy = LeaderboardQuery['by'];

export const contestsApi = {
  /** Staff: the contests of their scope. A student: those open to them, scheduled ones with own entry. */
  list: () => http<ContestDto[]>('/contests'),
  get: (id: string) => http<ContestDto>(`/contests/${id}`),
  create: (body: CreateContestBody) => http<ContestDto>('/contests', { method: 'POST', body }),
  /** Opens a live session: `{sessionId, pin}` (six digits). */
  openSession: (id: string) => http<SessionOpenedDto>(`/contests/${id}/sessions`, { method: 'POST' }),
  /** The latest session's results, or those of `sessionId`. */
  results: (id: string, sessionId?: string) => http<ContestResultsDto>(`/contests/${id}/results`, { query: { format: 'json', sessionId } }),
  /** The standings as a file, fetched with the token in the header. */
  resultsFile: (id: string, format: ResultsFormat) => download(`/contests/${id}/results`, { query: { format } }),
  /** Scheduled contests: by student, school or area; 409 NOT_PUBLISHED for students before the window closes. */
  leaderboard: (id: string, by: LeaderboardBy) => http<ContestLeaderboardDto>(`/contests/${id}/leaderboard`, { query: { by } }),

  /** A student's one entry in a scheduled contest: started, or resumed (with the result once handed in). */
  startEntry: (id: string) => http<ContestEntryDto>(`/contests/${id}/entries`, { method: 'POST' }),
  /** The autosave of one answer; 409 TOO_LATE after the deadline. */
  saveEntryAnswer: (entryId: string, questionIndex: number, choice: number[]) =>
    http<SavedDto>(`/contest-entries/${entryId}/answers/${questionIndex}`, { method: 'PUT', body: { choice } }),
  submitEntry: (entryId: string) => http<ContestEntryDto>(`/contest-entries/${entryId}/submit`, { method: 'POST' }),
};
