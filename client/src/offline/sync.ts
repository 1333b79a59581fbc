import type { SubmitResultDto } from '@tinhtao/shared';

import { type ApiError, isApiError } from '@/api/ApiError';
import { attemptsApi } from '@/api/attempts';
import { describeError } from '@/i18n/problem';
import { notify } from '@/ui/notify';

import { afterFailure, sendOrder } from './queue';
import { offlineStore } from './store';

/** What one pass over the queue did, for the open player to show. */
export type SyncEvent =
  /** Answers of these attempts reached the server (or were older than what it holds): show the server's. */
  | { kind: 'saved'; attemptIds: ReadonlySet<string> }
  | { kind: 'submitted'; attemptId: string; result: SubmitResultDto }
  /** The server refused for good (handed in elsewhere, closed): the queued work was dropped. */
  | { kind: 'refused'; attemptId: string; error: ApiError };

const RETRY_MS = 30_000;
const listeners = new Set<(event: SyncEvent) => void>();
let running: Promise<void> | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let started = false;
let currentUser: () => string | null = () => null;

export function onSync(listener: (event: SyncEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(event: SyncEvent): void {
  for (const listener of listeners) listener(event);
}

/**
 * Sends what the phone kept while offline: the answers in the order they were given, each
 * with its own `seq` (so a newer save from another device is never overwritten), then the
 * hand-ins. Stops at the first network failure and tries again later. One pass at a time.
 */
export function syncQueued(userId: string): Promise<void> {
  running ??= pass(userId).finally(() => {
    running = null;
  });
  return running;
}

async function pass(userId: string): Promise<void> {
  const saved = new Set<string>();
  let refusal: ApiError | null = null;
  try {
    for (const save of sendOrder(await offlineStore.queuedSaves(userId))) {
      try {
        await attemptsApi.saveResponse(save.attemptId, save.itemId, { response: save.response, seq: save.seq });
        await offlineStore.saved(userId, save.assignmentId, save.itemId, save.response, save.seq);
        saved.add(save.attemptId);
      } catch (error) {
        if (afterFailure(error) === 'wait') return waitAndRetry();
        refusal ??= error as ApiError;
        emit({ kind: 'refused', attemptId: save.attemptId, error: error as ApiError });
      }
      await offlineStore.unqueueSave(save);
    }
    for (const submit of await offlineStore.queuedSubmits(userId)) {
      try {
        const result = await attemptsApi.submit(submit.attemptId);
        await offlineStore.unqueueSubmit(submit);
        emit({ kind: 'submitted', attemptId: submit.attemptId, result });
      } catch (error) {
        if (afterFailure(error) === 'wait') return waitAndRetry();
        await offlineStore.unqueueSubmit(submit);
        // Handed in from another device meanwhile: nothing was lost, the player shows the result.
        if (isApiError(error) && error.code === 'ALREADY_SUBMITTED') saved.add(submit.attemptId);
        else {
          refusal ??= error as ApiError;
          emit({ kind: 'refused', attemptId: submit.attemptId, error: error as ApiError });
        }
      }
    }
  } catch {
    // IndexedDB unavailable (private mode): nothing was kept, so nothing is waiting.
  } finally {
    if (saved.size > 0) emit({ kind: 'saved', attemptIds: saved });
    if (refusal) notify.error(describeError(refusal));
  }
}

function waitAndRetry(): void {
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = setTimeout(kick, RETRY_MS);
}

function kick(): void {
  retryTimer = null;
  const userId = currentUser();
  if (userId) void syncQueued(userId);
}

/** Sends the queue now, when the network returns, and every so often while something waits. Idempotent. */
export function startOfflineSync(user: () => string | null): void {
  currentUser = user;
  if (!started) {
    started = true;
    window.addEventListener('online', kick);
  }
  kick();
}
