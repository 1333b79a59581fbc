import { computed, onBeforeUnmount, ref, shallowRef } from 'vue';

import { ApiError, isApiError } from '@/api/ApiError';

/** What the student sees beside the answers: nothing yet, saving, saved at a time, waiting to retry, or kept on the phone. */
export type SaveStatus = 'idle' | 'saving' | 'saved' | 'retrying' | 'offline';

export interface AutosaveOptions<T> {
  /** Stores one answer; `seq` orders the saves so that the server keeps the newest. */
  save(key: string, value: T, seq: number): Promise<{ savedAt: string }>;
  /** The server refused for good (submitted elsewhere, closed, invalid): no retry. */
  onRefused?(key: string, error: ApiError): void;
  /**
   * With no network, keeps the answer on the device (with its own `seq`) for another part of
   * the app to send later; resolves true once kept. Without it, offline saves are retried here.
   */
  park?(key: string, value: T, seq: number): Promise<boolean>;
  debounceMs?: number;
  /** The longest wait between retries. */
  maxBackoffMs?: number;
}

interface Pending<T> {
  value: T;
  seq: number;
}

/** The browser knows it has no network: a request would only fail. */
function offlineNow(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

function isNetworkError(error: unknown): boolean {
  return isApiError(error) && error.status === 0;
}

/** Worth retrying: no network, a timeout, a busy or failing server. Anything else will fail again. */
function isTransient(error: unknown): boolean {
  if (!isApiError(error)) return true;
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}

let lastSeq = 0;
/** The client's clock in ms, strictly increasing: a reload starts above every earlier save. */
function nextSeq(): number {
  lastSeq = Math.max(Date.now(), lastSeq + 1);
  return lastSeq;
}

/**
 * Saves answers as the student goes: each key (item) debounced after its last change,
 * at once when asked (leaving an item, submitting, the tab going to the background), and
 * retried with a growing wait while the network or the server is down. Only the newest
 * value of a key is kept; every save carries a growing `seq`.
 */
export function useAutosave<T>(options: AutosaveOptions<T>) {
  const debounceMs = options.debounceMs ?? 600;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;

  const pending = new Map<string, Pending<T>>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const inFlight = new Set<Promise<void>>();
  const pendingCount = ref(0);
  const savingCount = ref(0);
  const failures = ref(0);
  const lastSavedAt = shallowRef<Date | null>(null);
  /** The keys kept on the device, waiting for the network. */
  const parked = ref(new Set<string>());
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const status = computed<SaveStatus>(() => {
    if (failures.value > 0 && pendingCount.value > 0) return 'retrying';
    if (savingCount.value > 0 || pendingCount.value > 0) return 'saving';
    if (parked.value.size > 0) return 'offline';
    return lastSavedAt.value ? 'saved' : 'idle';
  });
  const hasUnsaved = computed(() => pendingCount.value > 0);

  function sync(): void {
    pendingCount.value = pending.size;
  }

  /** A changed answer: saved after a short pause, so that typing or tapping fast sends one request. */
  function queue(key: string, value: T): void {
    if (stopped) return;
    pending.set(key, { value: structuredClone(value), seq: nextSeq() });
    sync();
    clearTimeout(timers.get(key));
    // While a retry is scheduled it sends everything; a new answer need not hammer a dead network.
    if (!retryTimer)
      timers.set(
        key,
        setTimeout(() => void send(key), debounceMs),
      );
  }

  function send(key: string): Promise<void> {
    clearTimeout(timers.get(key));
    timers.delete(key);
    const entry = pending.get(key);
    if (!entry || stopped) return Promise.resolve();
    savingCount.value++;
    // Known to be offline: straight to the device's queue, without a request bound to fail.
    const sent = options.park && offlineNow() ? Promise.reject<{ savedAt: string }>(ApiError.network()) : options.save(key, entry.value, entry.seq);
    const request = sent
      .then(({ savedAt }) => {
        // A newer answer queued meanwhile stays pending.
        if (pending.get(key) === entry) pending.delete(key);
        // The newest answer is on the server: an older one still queued on the device goes out as stale.
        if (parked.value.has(key)) setParked([...parked.value].filter((one) => one !== key));
        lastSavedAt.value = new Date(savedAt);
        failures.value = 0;
      })
      .catch(async (error: unknown) => {
        if (isNetworkError(error) && (await park(key, entry))) return;
        if (isTransient(error)) {
          failures.value++;
          scheduleRetry();
        } else {
          if (pending.get(key) === entry) pending.delete(key);
          options.onRefused?.(key, error as ApiError);
        }
      })
      .finally(() => {
        savingCount.value--;
        inFlight.delete(request);
        sync();
      });
    inFlight.add(request);
    return request;
  }

  /** Hands an answer that could not leave to the device's queue; false when there is none or it failed. */
  async function park(key: string, entry: Pending<T>): Promise<boolean> {
    if (!options.park || !(await options.park(key, entry.value, entry.seq).catch(() => false))) return false;
    if (pending.get(key) === entry) pending.delete(key);
    parked.value = new Set(parked.value).add(key);
    return true;
  }

  /** The device's queue changed (reloaded with answers still waiting, or sent at `sentAt`): these keys wait on it. */
  function setParked(keys: Iterable<string>, sentAt?: Date): void {
    parked.value = new Set(keys);
    if (sentAt) lastSavedAt.value = sentAt;
  }

  function scheduleRetry(): void {
    if (retryTimer || stopped) return;
    const wait = Math.min(maxBackoffMs, 1000 * 2 ** Math.min(failures.value - 1, 10));
    retryTimer = setTimeout(
      () => {
        retryTimer = null;
        void flush();
      },
      wait * (0.8 + Math.random() * 0.4),
    );
  }

  /** Sends one key's (or every) pending answer now; resolves when those requests have answered. */
  async function flush(key?: string): Promise<void> {
    const keys = key === undefined ? [...pending.keys()] : pending.has(key) ? [key] : [];
    await Promise.all([...keys.map(send), ...(key === undefined ? inFlight : [])]);
  }

  /** Everything saved, or false when some answer could not be (offline): before submitting. */
  async function saveAll(): Promise<boolean> {
    await flush();
    return pending.size === 0;
  }

  /** Back online: retry at once rather than wait out the backoff. */
  function retryNow(): void {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    if (pending.size > 0) void flush();
  }

  /** A phone switching apps may never come back to this tab: save before it goes. */
  function onHidden(): void {
    if (document.visibilityState === 'hidden' && pending.size > 0) void flush();
  }

  /** No more saves (the attempt was submitted). */
  function stop(): void {
    stopped = true;
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    pending.clear();
    parked.value = new Set();
    sync();
  }

  window.addEventListener('online', retryNow);
  document.addEventListener('visibilitychange', onHidden);
  onBeforeUnmount(() => {
    window.removeEventListener('online', retryNow);
    document.removeEventListener('visibilitychange', onHidden);
    // Leaving the page inside the app: what is still pending goes out now.
    if (pending.size > 0) void flush();
    for (const timer of timers.values()) clearTimeout(timer);
    if (retryTimer) clearTimeout(retryTimer);
  });

  /** An answer changed here and not yet saved nor kept: newer than anything the server can send back. */
  const isPending = (key: string): boolean => pending.has(key);

  return { status, lastSavedAt, hasUnsaved, queue, flush, saveAll, retryNow, stop, setParked, isPending };
}
