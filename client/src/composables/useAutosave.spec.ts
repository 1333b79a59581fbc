import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { createRenderer, defineComponent } from 'vue';

import { ApiError } from '@/api/ApiError';

import { useAutosave } from './useAutosave';

/** A renderer that draws nothing: enough to run a composable inside a component and unmount it. */
const { createApp } = createRenderer<object, object>({
  patchProp: () => {},
  insert: () => {},
  remove: () => {},
  createElement: () => ({}),
  createText: () => ({}),
  createComment: () => ({}),
  setText: () => {},
  setElementText: () => {},
  parentNode: () => null,
  nextSibling: () => null,
});

function mounted<T>(setup: () => T): { it: T; unmount(): void } {
  let made: T | undefined;
  const app = createApp(
    defineComponent({
      setup() {
        made = setup();
        return () => null;
      },
    }),
  );
  app.mount({});
  return { it: made!, unmount: () => app.unmount() };
}

interface Call {
  key: string;
  value: unknown;
  seq: number;
  resolve(savedAt?: string): void;
  reject(error: unknown): void;
}

/** A save whose every call waits until the test answers it. */
function fakeServer() {
  const calls: Call[] = [];
  const save = (key: string, value: unknown, seq: number) =>
    new Promise<{ savedAt: string }>((resolve, reject) => {
      calls.push({ key, value, seq, resolve: (savedAt = '2026-09-05T08:30:00Z') => resolve({ savedAt }), reject });
    });
  return { calls, save };
}

const offline = () => ApiError.network();
const refused = () => new ApiError({ type: 'about:blank', title: 'Conflict', status: 409, code: 'CONFLICT' });

const globals = globalThis as unknown as { window?: EventTarget; document?: EventTarget & { visibilityState: string } };

beforeEach(() => {
  jest.useFakeTimers({ now: new Date('2026-09-05T08:00:00Z') });
  jest.spyOn(Math, 'random').mockReturnValue(0.5); // the retry's jitter factor is then exactly 1
  globals.window = new EventTarget();
  globals.document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
});

afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
  delete globals.window;
  delete globals.document;
});

describe('useAutosave', () => {
  it('saves a key once after the last change of a burst, with the newest value', async () => {
    const server = fakeServer();
    const { it: autosave } = mounted(() => useAutosave<string>({ save: server.save }));
    expect(autosave.status.value).toBe('idle');

    autosave.queue('item-1', 'E');
    await jest.advanceTimersByTimeAsync(300);
    autosave.queue('item-1', 'Em hỏi');
    await jest.advanceTimersByTimeAsync(599);
    expect(server.calls).toHaveLength(0);
    expect(autosave.status.value).toBe('saving');
    expect(autosave.hasUnsaved.value).toBe(true);

    await jest.advanceTimersByTimeAsync(1);
    expect(server.calls.map((call) => [call.key, call.value])).toEqual([['item-1', 'Em hỏi']]);
    server.calls[0]!.resolve('2026-09-05T08:00:01Z');
    await jest.advanceTimersByTimeAsync(0);
    expect(autosave.status.value).toBe('saved');
    expect(autosave.hasUnsaved.value).toBe(false);
    expect(autosave.lastSavedAt.value?.toISOString()).toBe('2026-09-05T08:00:01.000Z');
  });

  it('debounces each key on its own and numbers the saves in order', async () => {
    const server = fakeServer();
    const { it: autosave } = mounted(() => useAutosave<number[]>({ save: server.save, debounceMs: 100 }));
    autosave.queue('a', [1]);
    autosave.queue('b', [2]);
    await jest.advanceTimersByTimeAsync(100);
    expect(server.calls.map((call) => call.key)).toEqual(['a', 'b']);
    expect(server.calls[1]!.seq).toBeGreaterThan(server.calls[0]!.seq);
  });

  it('sends a copy: changing the array after queueing does not change what is sent', () => {
    const server = fakeServer();
    const { it: autosave } = mounted(() => useAutosave<{ marked: number[] }>({ save: server.save }));
    const answer = { marked: [2] };
    autosave.queue('flags', answer);
    answer.marked.push(4);
    void autosave.flush('flags');
    expect(server.calls[0]!.value).toEqual({ marked: [2] });
  });

  it('keeps a value changed during its save pending, and sends it after', async () => {
    const server = fakeServer();
    const { it: autosave } = mounted(() => useAutosave<string>({ save: server.save }));
    autosave.queue('short', 'một');
    void autosave.flush('short');
    autosave.queue('short', 'một hai');
    server.calls[0]!.resolve();
    await jest.advanceTimersByTimeAsync(0);
    expect(autosave.hasUnsaved.value).toBe(true);
    expect(autosave.status.value).toBe('saving');

    await jest.advanceTimersByTimeAsync(600);
    expect(server.calls.map((call) => call.value)).toEqual(['một', 'một hai']);
    expect(server.calls[1]!.seq).toBeGreaterThan(server.calls[0]!.seq);
  });

  it('retries after a network failure, waiting 1 s, then 2 s, and says it will', async () => {
    const server = fakeServer();
    const { it: autosave } = mounted(() => useAutosave<string>({ save: server.save }));
    autosave.queue('k', 'x');
    await jest.advanceTimersByTimeAsync(600);
    server.calls[0]!.reject(offline());
    await jest.advanceTimersByTimeAsync(0);
    expect(autosave.status.value).toBe('retrying');

    await jest.advanceTimersByTimeAsync(999);
    expect(server.calls).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(server.calls).toHaveLength(2);
    server.calls[1]!.reject(new ApiError({ type: 'about:blank', title: 'Unavailable', status: 503 }));
    await jest.advanceTimersByTimeAsync(1999);
    expect(server.calls).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(server.calls).toHaveLength(3);
    server.calls[2]!.resolve();
    await jest.advanceTimersByTimeAsync(0);
    expect(autosave.status.value).toBe('saved');
  });

  it('never waits longer than the longest backoff', async () => {
    const server = fakeServer();
    const { it: autosave } = mounted(() => useAutosave<string>({ save: server.save, maxBackoffMs: 1500 }));
    autosave.queue('k', 'x');
    void autosave.flush();
    for (let attempt = 0; attempt < 3; attempt++) {
      server.calls.at(-1)!.reject(offline());
      await jest.advanceTimersByTimeAsync(1500);
    }
    expect(server.calls).toHaveLength(4);
  });

  it('retries at once when the browser is back online', async () => {
    const server = fakeServer();
    const { it: autosave } = mounted(() => useAutosave<string>({ save: server.save }));
    autosave.queue('k', 'x');
    await jest.advanceTimersByTimeAsync(600);
    server.calls[0]!.reject(offline());
    await jest.advanceTimersByTimeAsync(0);
    globals.window!.dispatchEvent(new Event('online'));
    await jest.advanceTimersByTimeAsync(0);
    expect(server.calls).toHaveLength(2);
  });

  it('gives up on a refusal: no retry, the answer dropped, the page told', async () => {
    const server = fakeServer();
    const onRefused = jest.fn();
    const { it: autosave } = mounted(() => useAutosave<string>({ save: server.save, onRefused }));
    autosave.queue('k', 'x');
    await jest.advanceTimersByTimeAsync(600);
    const error = refused();
    server.calls[0]!.reject(error);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(server.calls).toHaveLength(1);
    expect(onRefused).toHaveBeenCalledWith('k', error);
    expect(autosave.hasUnsaved.value).toBe(false);
    expect(autosave.status.value).toBe('idle');
  });

  it('tells before a hand-in whether everything is saved', async () => {
    const server = fakeServer();
    const { it: autosave } = mounted(() => useAutosave<string>({ save: server.save }));
    autosave.queue('k', 'x');
    const first = autosave.saveAll();
    server.calls[0]!.reject(offline());
    expect(await first).toBe(false);
    const second = autosave.saveAll();
    server.calls[1]!.resolve();
    expect(await second).toBe(true);
  });

  it('saves at once when the tab goes to the background', () => {
    const server = fakeServer();
    mounted(() => useAutosave<string>({ save: server.save })).it.queue('k', 'x');
    globals.document!.visibilityState = 'hidden';
    globals.document!.dispatchEvent(new Event('visibilitychange'));
    expect(server.calls).toHaveLength(1);
  });

  it('sends what is pending when the page is left, and listens no more', async () => {
    const server = fakeServer();
    const page = mounted(() => useAutosave<string>({ save: server.save }));
    page.it.queue('k', 'x');
    page.unmount();
    expect(server.calls.map((call) => call.value)).toEqual(['x']);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(server.calls).toHaveLength(1);
    globals.window!.dispatchEvent(new Event('online'));
    expect(server.calls).toHaveLength(1);
  });

  it('keeps an answer on the device when the network is down, with its own seq, and says so', async () => {
    const server = fakeServer();
    const park = jest.fn((_key: string, _value: string, _seq: number) => Promise.resolve(true));
    const { it: autosave } = mounted(() => useAutosave<string>({ save: server.save, park }));
    autosave.queue('k', 'x');
    await jest.advanceTimersByTimeAsync(600);
    const seq = server.calls[0]!.seq;
    server.calls[0]!.reject(offline());
    await jest.advanceTimersByTimeAsync(0);
    expect(park).toHaveBeenCalledWith('k', 'x', seq);
    expect(autosave.status.value).toBe('offline');
    expect(autosave.hasUnsaved.value).toBe(false);
    // The device's queue sends it from here: no retry of its own.
    await jest.advanceTimersByTimeAsync(60_000);
    expect(server.calls).toHaveLength(1);
    expect(await autosave.saveAll()).toBe(true);
    autosave.setParked([], new Date('2026-09-05T08:05:00Z'));
    expect(autosave.status.value).toBe('saved');
  });

  it('retries as before when the device cannot keep the answer, and on a failing server', async () => {
    const server = fakeServer();
    const park = jest.fn(() => Promise.resolve(false));
    const { it: autosave } = mounted(() => useAutosave<string>({ save: server.save, park }));
    autosave.queue('k', 'x');
    await jest.advanceTimersByTimeAsync(600);
    server.calls[0]!.reject(offline());
    await jest.advanceTimersByTimeAsync(0);
    expect(autosave.status.value).toBe('retrying');
    await jest.advanceTimersByTimeAsync(1000);
    server.calls[1]!.reject(new ApiError({ type: 'about:blank', title: 'Bad Gateway', status: 502 }));
    await jest.advanceTimersByTimeAsync(0);
    expect(park).toHaveBeenCalledTimes(1);
    expect(autosave.status.value).toBe('retrying');
  });

  it('a newer answer saved online clears the offline mark of its item', async () => {
    const server = fakeServer();
    const { it: autosave } = mounted(() => useAutosave<string>({ save: server.save, park: () => Promise.resolve(true) }));
    autosave.setParked(['k']);
    expect(autosave.status.value).toBe('offline');
    autosave.queue('k', 'y');
    await jest.advanceTimersByTimeAsync(600);
    server.calls[0]!.resolve();
    await jest.advanceTimersByTimeAsync(0);
    expect(autosave.status.value).toBe('saved');
  });

  it('sends nothing after stop (the attempt was handed in)', async () => {
    const server = fakeServer();
    const { it: autosave } = mounted(() => useAutosave<string>({ save: server.save }));
    autosave.queue('k', 'x');
    autosave.stop();
    autosave.queue('k', 'y');
    await jest.advanceTimersByTimeAsync(10_000);
    expect(server.calls).toHaveLength(0);
    expect(await autosave.saveAll()).toBe(true);
  });
});
