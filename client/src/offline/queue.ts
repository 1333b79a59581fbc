import type { AttemptDto, StudentLessonDto } from '@tinhtao/shared';

import { type ApiError, isApiError } from '@/api/ApiError';
import type { ItemResponse } from '@/components/lessons/responses';

/** A student's assignment as last opened online: what the player needs to open it again with no network. */
export interface CachedAttempt {
  userId: string;
  assignmentId: string;
  attempt: AttemptDto;
  lesson: StudentLessonDto;
  /**
   * The `seq` each shown answer is known by: this phone's own saves keep theirs, the server's
   * answers count from when they were fetched (its stored seq is not sent).
   */
  seqs: Record<string, number>;
}

/** An answer that could not be sent (no network), kept on the phone with the `seq` it was given when made. */
export interface QueuedSave {
  userId: string;
  assignmentId: string;
  attemptId: string;
  itemId: string;
  response: ItemResponse;
  seq: number;
}

/** A hand-in pressed with no network: sent after that attempt's answers once the network returns. */
export interface QueuedSubmit {
  userId: string;
  assignmentId: string;
  attemptId: string;
  /** When it was pressed; the server still decides lateness by when it receives it. */
  queuedAt: number;
}

/** The copy to keep of an attempt fetched at `fetchedAt`: every answer it holds is known by that time. */
export function cachedFrom(userId: string, attempt: AttemptDto, lesson: StudentLessonDto, fetchedAt: number): CachedAttempt {
  const seqs = Object.fromEntries(Object.keys(attempt.responses).map((itemId) => [itemId, fetchedAt]));
  return { userId, assignmentId: attempt.assignmentId, attempt, lesson, seqs };
}

/** The copy after the server took one answer; an older save landing late changes nothing. */
export function withSaved(cached: CachedAttempt, itemId: string, response: ItemResponse, seq: number): CachedAttempt {
  if ((cached.seqs[itemId] ?? -1) > seq) return cached;
  return {
    ...cached,
    attempt: { ...cached.attempt, responses: { ...cached.attempt.responses, [itemId]: response } },
    seqs: { ...cached.seqs, [itemId]: seq },
  };
}

/** The answers to show offline: for each item, a queued answer wins over the kept copy when its seq is newer. */
export function mergeQueued(cached: CachedAttempt, queued: readonly QueuedSave[]): Record<string, ItemResponse> {
  const responses = { ...cached.attempt.responses } as Record<string, ItemResponse>;
  const seqs = { ...cached.seqs };
  for (const save of queued) {
    if (save.attemptId !== cached.attempt.attemptId) continue;
    if (save.itemId in seqs && seqs[save.itemId]! >= save.seq) continue;
    responses[save.itemId] = save.response;
    seqs[save.itemId] = save.seq;
  }
  return responses;
}

/** One queued save per item: the newer one stays, whichever was queued first. */
export function newerSave(stored: QueuedSave | undefined, next: QueuedSave): QueuedSave {
  return stored && stored.seq > next.seq ? stored : next;
}

/** The order the queue goes out in: by seq, the order the student answered, so the server stores them the same way. */
export function sendOrder(saves: readonly QueuedSave[]): QueuedSave[] {
  return [...saves].sort((a, b) => a.seq - b.seq || a.itemId.localeCompare(b.itemId));
}

/**
 * What to do with a queued request the server did not take: `wait` (the network or the server is
 * down, or the session needs signing in again: keep it, try later), or `drop` (refused for good:
 * the attempt was handed in or closed, the item is gone; tell the student once).
 */
export function afterFailure(error: unknown): 'wait' | 'drop' {
  if (!isApiError(error)) return 'wait';
  return isTransient(error) || error.status === 401 ? 'wait' : 'drop';
}

/** No network, a timeout, a busy or failing server: worth sending again later. */
export function isTransient(error: ApiError): boolean {
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}

/** The request never reached the server (no network): the case where the phone keeps the data. */
export function isNetworkError(error: unknown): boolean {
  return isApiError(error) && error.status === 0;
}
