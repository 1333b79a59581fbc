import { MemoryWindowCounter } from './window-counter.js';

describe(MemoryWindowCounter.name, () => {
  it('counts failures in a window and forgets them when it ends', async () => {
    let now = 1_000;
    const counter = new MemoryWindowCounter(() => now);
    await counter.increment('user:hs1', 60_000);
    const second = await counter.increment('user:hs1', 60_000);
    expect(second).toEqual({ count: 2, ttlMs: 60_000 });
    now += 30_000;
    expect(await counter.get('user:hs1')).toEqual({ count: 2, ttlMs: 30_000 });
    now += 30_000;
    expect(await counter.get('user:hs1')).toEqual({ count: 0, ttlMs: 0 });
  });

  it('resets one key without touching another', async () => {
    const counter = new MemoryWindowCounter();
    await counter.increment('user:a', 1000);
    await counter.increment('ip:1.2.3.4', 1000);
    await counter.reset('user:a');
    expect((await counter.get('user:a')).count).toBe(0);
    expect((await counter.get('ip:1.2.3.4')).count).toBe(1);
  });
});
