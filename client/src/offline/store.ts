import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

import type { ItemResponse } from '@/components/lessons/responses';

import { type CachedAttempt, newerSave, type QueuedSave, type QueuedSubmit, withSaved } from './queue';

/**
 * What the phone keeps for a student with no network, in IndexedDB, every record under the
 * student's id: the assignments opened online, the answers and hand-ins still to send.
 * The service worker never caches `/api` answers; this is the only copy, deleted at sign-out.
 */
interface OfflineDb extends DBSchema {
  attempts: { key: [string, string]; value: CachedAttempt };
  saves: { key: [string, string, string]; value: QueuedSave };
  submits: { key: [string, string]; value: QueuedSubmit };
}

const STORES = ['attempts', 'saves', 'submits'] as const;

let opened: Promise<IDBPDatabase<OfflineDb>> | null = null;

function db(): Promise<IDBPDatabase<OfflineDb>> {
  opened ??= openDB<OfflineDb>('tinhtao-offline', 1, {
    upgrade(database) {
      database.createObjectStore('attempts', { keyPath: ['userId', 'assignmentId'] });
      database.createObjectStore('saves', { keyPath: ['userId', 'attemptId', 'itemId'] });
      database.createObjectStore('submits', { keyPath: ['userId', 'attemptId'] });
    },
  }).catch((error: unknown) => {
    // Private mode or a full disk: the next call tries again rather than keep a broken handle.
    opened = null;
    throw error;
  });
  return opened;
}

/** All of one user's records of a store, by the first part of the key. */
const ofUser = (userId: string) => IDBKeyRange.bound([userId], [userId, []]);

export const offlineStore = {
  async keepAttempt(cached: CachedAttempt): Promise<void> {
    await (await db()).put('attempts', cached);
  },

  async attempt(userId: string, assignmentId: string): Promise<CachedAttempt | undefined> {
    return (await db()).get('attempts', [userId, assignmentId]);
  },

  /** The server took an answer: the kept copy shows it after an offline reload. */
  async saved(userId: string, assignmentId: string, itemId: string, response: ItemResponse, seq: number): Promise<void> {
    const tx = (await db()).transaction('attempts', 'readwrite');
    const cached = await tx.store.get([userId, assignmentId]);
    if (cached) await tx.store.put(withSaved(cached, itemId, response, seq));
    await tx.done;
  },

  /** Keeps an answer to send later; of two for the same item, the newer (by seq) stays. */
  async queueSave(save: QueuedSave): Promise<void> {
    const tx = (await db()).transaction('saves', 'readwrite');
    const stored = await tx.store.get([save.userId, save.attemptId, save.itemId]);
    await tx.store.put(newerSave(stored, save));
    await tx.done;
  },

  async queuedSaves(userId: string): Promise<QueuedSave[]> {
    return (await db()).getAll('saves', ofUser(userId));
  },

  /** Sent (or refused): gone from the queue, unless a newer answer to the same item replaced it meanwhile. */
  async unqueueSave(save: QueuedSave): Promise<void> {
    const tx = (await db()).transaction('saves', 'readwrite');
    const key: [string, string, string] = [save.userId, save.attemptId, save.itemId];
    if ((await tx.store.get(key))?.seq === save.seq) await tx.store.delete(key);
    await tx.done;
  },

  async queueSubmit(submit: QueuedSubmit): Promise<void> {
    await (await db()).put('submits', submit);
  },

  async queuedSubmits(userId: string): Promise<QueuedSubmit[]> {
    return (await db()).getAll('submits', ofUser(userId));
  },

  async unqueueSubmit(submit: Pick<QueuedSubmit, 'userId' | 'attemptId'>): Promise<void> {
    await (await db()).delete('submits', [submit.userId, submit.attemptId]);
  },

  /** Sign-out on a shared phone: nothing of this student stays behind. */
  async forgetUser(userId: string): Promise<void> {
    await removeWhere((owner) => owner === userId);
  },

  /** Another student signs in on this phone: what an earlier one left (a session that expired) goes. */
  async forgetAllBut(userId: string): Promise<void> {
    await removeWhere((owner) => owner !== userId);
  },
};

async function removeWhere(matches: (userId: string) => boolean): Promise<void> {
  const tx = (await db()).transaction(STORES, 'readwrite');
  for (const name of STORES) {
    for (let cursor = await tx.objectStore(name).openCursor(); cursor; cursor = await cursor.continue()) {
      if (matches(cursor.value.userId)) await cursor.delete();
    }
  }
  await tx.done;
}
