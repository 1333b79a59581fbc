import type { AttemptDto, StudentLessonDto, SubmitResultDto } from '@tinhtao/shared';

import { attemptsApi } from '@/api/attempts';
import type { ItemResponse } from '@/components/lessons/responses';

import { cachedFrom, isNetworkError, mergeQueued } from './queue';
import { offlineStore } from './store';
import { syncQueued } from './sync';

/** A student's assignment as the player opens it, online or from the phone's copy. */
export interface OpenedAttempt {
  attempt: AttemptDto;
  lesson: StudentLessonDto;
  /** Items whose newest answer is still on the phone, waiting for the network. */
  waiting: string[];
  /** "Nộp bài" was pressed offline and waits too. */
  submitQueued: boolean;
}

type Start = (assignmentId: string) => Promise<{ attempt: AttemptDto; lesson: StudentLessonDto }>;

/**
 * Online: sends what waits on the phone first, then starts (or resumes) and keeps a copy.
 * With no network (not an HTTP error): the copy kept last time, with the answers still queued on top.
 */
export async function openAssignment(userId: string, assignmentId: string, start: Start): Promise<OpenedAttempt> {
  try {
    await syncQueued(userId);
    const { attempt, lesson } = await start(assignmentId);
    await quietly(offlineStore.keepAttempt(cachedFrom(userId, attempt, lesson, Date.now())));
    return { attempt, lesson, ...(await waitingOf(userId, attempt.attemptId)) };
  } catch (error) {
    if (!isNetworkError(error)) throw error;
    const cached = await quietly(offlineStore.attempt(userId, assignmentId));
    if (!cached) throw error;
    const queued = ((await quietly(offlineStore.queuedSaves(userId))) ?? []).filter((save) => save.attemptId === cached.attempt.attemptId);
    const attempt = { ...cached.attempt, responses: mergeQueued(cached, queued) };
    return { attempt, lesson: cached.lesson, ...(await waitingOf(userId, attempt.attemptId)) };
  }
}

/** What of this attempt still waits on the phone. */
export async function waitingOf(userId: string, attemptId: string): Promise<Pick<OpenedAttempt, 'waiting' | 'submitQueued'>> {
  const [saves, submits] = await Promise.all([quietly(offlineStore.queuedSaves(userId)), quietly(offlineStore.queuedSubmits(userId))]);
  return {
    waiting: (saves ?? []).filter((save) => save.attemptId === attemptId).map((save) => save.itemId),
    submitQueued: (submits ?? []).some((submit) => submit.attemptId === attemptId),
  };
}

/** Keeps an answer that could not be sent; false when the phone cannot keep it either. */
export async function keepAnswer(userId: string, attempt: AttemptDto, itemId: string, response: ItemResponse, seq: number): Promise<boolean> {
  const save = { userId, assignmentId: attempt.assignmentId, attemptId: attempt.attemptId, itemId, response, seq };
  return (await quietly(offlineStore.queueSave(save).then(() => true))) ?? false;
}

/** The server took an answer: the phone's copy shows it after an offline reload. */
export function answerSaved(userId: string, attempt: AttemptDto, itemId: string, response: ItemResponse, seq: number): void {
  void quietly(offlineStore.saved(userId, attempt.assignmentId, itemId, response, seq));
}

/** The server's own view of the attempt (after a sync, which may have met a newer save from another device), kept. */
export async function refreshAttempt(userId: string, attemptId: string, lesson: StudentLessonDto): Promise<AttemptDto> {
  const fresh = await attemptsApi.get(attemptId);
  await quietly(offlineStore.keepAttempt(cachedFrom(userId, fresh, lesson, Date.now())));
  return fresh;
}

/**
 * Hands in: the answers waiting on the phone go first; with no network the hand-in waits on the
 * phone too ('queued') and goes out first thing when the network returns.
 */
export async function submitOrQueue(userId: string, attempt: AttemptDto): Promise<SubmitResultDto | 'queued'> {
  await syncQueued(userId);
  const { waiting } = await waitingOf(userId, attempt.attemptId);
  if (waiting.length === 0 && navigator.onLine !== false) {
    try {
      return await attemptsApi.submit(attempt.attemptId);
    } catch (error) {
      if (!isNetworkError(error)) throw error;
    }
  }
  await offlineStore.queueSubmit({ userId, assignmentId: attempt.assignmentId, attemptId: attempt.attemptId, queuedAt: Date.now() });
  return 'queued';
}

/** IndexedDB may be missing (private mode) or full: the player works on without the phone's copy. */
async function quietly<T>(work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch {
    return undefined;
  }
}
